package jobs_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/jobs"
)

// writeEffect commits the step's effect with its completion.
func writeEffect(ctx context.Context, st *store.Store, s *store.Step) error {
	return st.Tx(ctx, func(tx *store.Store) error {
		if err := tx.GormForTests().Exec("INSERT INTO test_effects (step_id, attempt) VALUES (?, ?)", s.ID, s.Attempts).Error; err != nil {
			return err
		}
		return tx.CompleteStep(ctx, s)
	})
}

// A worker that stalls past its lease while a second worker takes the step
// over: the stalled run is cancelled, its completion and its effects are
// refused, and the step ends as its owner, the second worker, left it.
func TestStalledWorkerCannotOverwriteTheOwnersOutcome(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) { stallAndTakeOver(t, dialect) })
	}
}

func stallAndTakeOver(t *testing.T, dialect string) {
	ctx := context.Background()
	var opts store.Options
	stA := testenv.Store(t, dialect, func(o *store.Options) { opts = *o })
	// Worker B lives an hour later: to it, A's lease ran out long
	// ago, as it does when A's process stalls (GC, SIGSTOP, a
	// partition) and its heartbeats stop.
	opts.Now = func() time.Time { return time.Now().Add(time.Hour) }
	stB, err := store.Open(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stB.Close() })
	if err := stA.GormForTests().Exec("CREATE TABLE test_effects (step_id INTEGER NOT NULL, attempt INTEGER NOT NULL)").Error; err != nil {
		t.Fatal(err)
	}

	stalled := make(chan context.Context, 1)
	resume := make(chan struct{})
	var once sync.Once
	unstall := func() { once.Do(func() { close(resume) }) }
	defer unstall()
	staleWrite := make(chan error, 1)
	handler := func(st *store.Store) jobs.Handler {
		return func(ctx context.Context, s *store.Step) error {
			if s.Attempts > 1 {
				return writeEffect(ctx, st, s)
			}
			stalled <- ctx
			<-resume // stalled, deaf to its context
			err := writeEffect(context.WithoutCancel(ctx), st, s)
			staleWrite <- err
			return err
		}
	}
	logs := slog.New(slog.NewTextHandler(io.Discard, nil))
	worker := func(st *store.Store, lease time.Duration) *jobs.Worker {
		r, err := jobs.OpenRedis(ctx, testenv.Redis(t, testenv.MemoryRedis))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { r.Close() })
		k := jobs.NewKinds()
		k.Register("test:stall", handler(st), jobs.KindOptions{})
		w := jobs.NewWorker(r, st, jobs.NewQueue(r, k), k, nil, logs, jobs.WorkerOptions{Concurrency: 1, Lease: lease})
		if err := w.Start(ctx); err != nil { // reconciles: enqueues the open step
			t.Fatal(err)
		}
		return w
	}

	s := &store.Step{Kind: "test:stall", MaxAttempts: 3}
	if _, err := stA.CreateStep(ctx, s); err != nil {
		t.Fatal(err)
	}
	a := worker(stA, 300*time.Millisecond)
	defer a.Shutdown()
	ctxA := <-stalled

	b := worker(stB, time.Minute)
	defer b.Shutdown()
	waitFor(t, "the second worker's completion", func() bool {
		got, err := stA.GetStep(ctx, s.ID)
		return err == nil && got.Status == store.StepDone
	})
	select { // A's next renewal finds the lease gone
	case <-ctxA.Done():
		if cause := context.Cause(ctxA); !errors.Is(cause, store.ErrLeaseLost) {
			t.Fatalf("stalled run cancelled by %v, want ErrLeaseLost", cause)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the stalled run's context was not cancelled after its lease was taken over")
	}
	unstall()
	if err := <-staleWrite; !errors.Is(err, store.ErrLeaseLost) {
		t.Fatalf("stalled run's completion: %v, want ErrLeaseLost", err)
	}
	a.Shutdown() // waits until A recorded (or discarded) its outcome

	got, err := stA.GetStep(ctx, s.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != store.StepDone || got.Attempts != 2 || got.LastError != "" {
		t.Fatalf("step: %s, attempts %d, error %q; want done by the second claim", got.Status, got.Attempts, got.LastError)
	}
	var attempts []int
	if err := stA.GormForTests().Raw("SELECT attempt FROM test_effects ORDER BY attempt").Scan(&attempts).Error; err != nil {
		t.Fatal(err)
	}
	if len(attempts) != 1 || attempts[0] != 2 {
		t.Fatalf("effects of attempts %v, want only the owner's [2]", attempts)
	}
}
