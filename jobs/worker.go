package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"

	"github.com/hibiken/asynq"

	"github.com/lethe-gdpr/lethe/app/metrics"
	"github.com/lethe-gdpr/lethe/app/store"
)

// WorkerOptions configure a worker process.
type WorkerOptions struct {
	Concurrency       int
	ShutdownTimeout   time.Duration
	ReconcileInterval time.Duration
	// RetryDelay is the wait before retry n (1-based); default Backoff.
	RetryDelay func(n int) time.Duration
	// OnRetry and OnFailed are told of a failed run (retried later, or
	// failed for good), e.g. to show the merchant which system failed.
	OnRetry  func(ctx context.Context, st *store.Step, err error)
	OnFailed func(ctx context.Context, st *store.Step, err error)
	// Lease is how long a claimed step is reserved for its worker without
	// a heartbeat; a running step's lease is renewed every Lease/3, so a
	// worker that dies (SIGKILL, power loss) frees its steps within Lease.
	// Default 1 minute.
	Lease time.Duration
}

// Worker runs steps from Redis under database leases, reconciles on start,
// and (with a scheduler) enqueues periodic tasks.
type Worker struct {
	store   *store.Store
	queue   *Queue
	kinds   *kinds
	metrics *metrics.Metrics
	log     *slog.Logger
	opts    WorkerOptions
	srv     *asynq.Server
	mux     *asynq.ServeMux
	// inflight counts step runs until their outcome is recorded: asynq's
	// Shutdown returns after its timeout without waiting for handlers.
	inflight sync.WaitGroup
}

// NewWorker prepares a worker; Start runs it.
func NewWorker(r *Redis, st *store.Store, q *Queue, k *Kinds, m *metrics.Metrics, log *slog.Logger, o WorkerOptions) *Worker {
	if o.Concurrency <= 0 {
		o.Concurrency = 10
	}
	if o.ShutdownTimeout <= 0 {
		o.ShutdownTimeout = 25 * time.Second
	}
	if o.ReconcileInterval <= 0 {
		o.ReconcileInterval = time.Minute
	}
	if o.RetryDelay == nil {
		o.RetryDelay = Backoff
	}
	if o.Lease <= 0 {
		o.Lease = time.Minute
	}
	w := &Worker{store: st, queue: q, kinds: k.k, metrics: m, log: log, opts: o, mux: asynq.NewServeMux()}
	w.srv = asynq.NewServer(r.Opt, asynq.Config{
		Concurrency:     o.Concurrency,
		Queues:          map[string]int{QueueDefault: 6, QueueMail: 3, QueueMaintenance: 1},
		ShutdownTimeout: o.ShutdownTimeout,
		RetryDelayFunc:  func(n int, _ error, _ *asynq.Task) time.Duration { return o.RetryDelay(n + 1) },
		Logger:          asynqLogger{log},
		LogLevel:        asynq.WarnLevel,
		// A task whose step is not ours to run (done, leased elsewhere) is
		// finished by returning nil; errors are real failures.
		IsFailure: func(err error) bool { return err != nil },
		// Retries and ProcessAt steps move to pending within a second, and
		// an idle worker looks for new tasks five times a second (asynq's
		// default of about one second adds that to every pipeline step).
		DelayedTaskCheckInterval: time.Second,
		TaskCheckInterval:        200 * time.Millisecond,
	})
	for name := range k.k.m {
		w.mux.HandleFunc(name, w.runStep)
	}
	w.mux.HandleFunc(TypeReconcileSteps, func(ctx context.Context, _ *asynq.Task) error {
		_, err := w.Reconcile(ctx)
		return err
	})
	return w
}

// Handle registers a plain (non-step) task handler, e.g. for periodic tasks.
func (w *Worker) Handle(taskType string, h func(ctx context.Context, t *asynq.Task) error) {
	w.mux.HandleFunc(taskType, func(ctx context.Context, t *asynq.Task) error {
		start := time.Now()
		err := h(ctx, t)
		w.observe(taskType, outcome(err), start)
		return err
	})
}

// Start runs the asynq server and reconciles once, so work that was pending
// when the last process stopped starts at once.
func (w *Worker) Start(ctx context.Context) error {
	if err := w.srv.Start(w.mux); err != nil {
		return fmt.Errorf("start worker: %w", err)
	}
	if n, err := w.Reconcile(ctx); err != nil {
		w.log.Warn("reconcile at start failed", "err", err)
	} else if n > 0 {
		w.log.Info("reconciled pending steps at start", "enqueued", n)
	}
	return nil
}

// Shutdown stops taking tasks and waits up to ShutdownTimeout for running
// ones; interrupted steps go back to pending for the reconciler.
func (w *Worker) Shutdown() {
	w.srv.Shutdown()
	done := make(chan struct{})
	go func() { w.inflight.Wait(); close(done) }()
	select { // interrupted steps record their release (bounded)
	case <-done:
	case <-time.After(10 * time.Second):
		w.log.Warn("steps still recording their outcome at shutdown; their leases expire")
	}
}

func (w *Worker) runStep(ctx context.Context, t *asynq.Task) error {
	w.inflight.Add(1)
	defer w.inflight.Done()
	start := time.Now()
	id, err := decodeStep(t.Payload())
	if err != nil {
		w.log.Error("dropping malformed task", "type", t.Type(), "err", err)
		w.observe(t.Type(), "failed", start)
		return nil
	}
	kd := w.kinds.m[t.Type()]
	st, ok, err := w.store.ClaimStep(ctx, id, w.opts.Lease)
	if err != nil {
		w.observe(t.Type(), "retry", start)
		return fmt.Errorf("claim step %d: %w", id, err)
	}
	if !ok { // done, failed, or leased by another worker: nothing to do
		w.observe(t.Type(), "skipped", start)
		return nil
	}
	// The handler runs only while the claim holds: the heartbeat cancels
	// its context with store.ErrLeaseLost once the lease is gone.
	hctx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	stopBeat := w.heartbeat(hctx, st, stop)
	herr := safeRun(hctx, kd.handler, st)
	stopBeat()
	// Bookkeeping must survive the task's own context being cancelled.
	bctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	res := w.record(bctx, ctx, st, herr)
	w.observe(t.Type(), res.outcome, start)
	return res.err
}

func safeRun(ctx context.Context, h Handler, st *store.Step) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v\n%s", r, debug.Stack())
		}
	}()
	return h(ctx, st)
}

// safeMessage bounds an error text for storage; handlers must not put
// personal data into errors.
func safeMessage(err error) string {
	s := err.Error()
	if len(s) > 500 {
		s = s[:500]
	}
	return s
}

func outcome(err error) string {
	if err != nil {
		return "retry"
	}
	return "done"
}

func (w *Worker) observe(taskType, outcome string, start time.Time) {
	if w.metrics == nil {
		return
	}
	w.metrics.JobRuns.WithLabelValues(taskType, outcome).Inc()
	w.metrics.JobDuration.WithLabelValues(taskType).Observe(time.Since(start).Seconds())
}
