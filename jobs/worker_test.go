package jobs_test

import (
	"context"
	"errors"

	"io"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/jobs"
)

type rig struct {
	st    *store.Store
	redis *jobs.Redis
	kinds *jobs.Kinds
	queue *jobs.Queue
}

func newRig(t *testing.T, dialect, redisKind string) *rig {
	t.Helper()
	ctx := context.Background()
	st := testenv.Store(t, dialect)
	r, err := jobs.OpenRedis(ctx, testenv.Redis(t, redisKind))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	k := jobs.NewKinds()
	return &rig{st: st, redis: r, kinds: k, queue: jobs.NewQueue(r, k)}
}

func (g *rig) worker(t *testing.T, concurrency int) *jobs.Worker {
	t.Helper()
	w := jobs.NewWorker(g.redis, g.st, g.queue, g.kinds, nil, slog.New(slog.NewTextHandler(io.Discard, nil)),
		jobs.WorkerOptions{Concurrency: concurrency, ShutdownTimeout: 5 * time.Second,
			RetryDelay: func(int) time.Duration { return 50 * time.Millisecond }})
	if err := w.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	return w
}

func (g *rig) createSteps(t *testing.T, kind string, n int) []*store.Step {
	t.Helper()
	var steps []*store.Step
	err := g.st.Tx(context.Background(), func(tx *store.Store) error {
		for i := 0; i < n; i++ {
			s := &store.Step{Kind: kind, MaxAttempts: 3}
			if _, err := tx.CreateStep(context.Background(), s); err != nil {
				return err
			}
			steps = append(steps, s)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return steps
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Minute) // a hang guard, not a performance limit
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func countDone(t *testing.T, st *store.Store) int64 {
	c, err := st.StepCounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c[store.StepDone]
}

// The foundation's promise: Redis flushed in the middle of a batch loses
// nothing and does nothing twice.
func TestFlushallMidBatchLosesNothingAndDoesNothingTwice(t *testing.T) {
	cases := []struct{ dialect, redis string }{
		{store.Postgres, testenv.RealRedis},
		{store.Postgres, testenv.MemoryRedis},
		{store.SQLite, testenv.RealRedis},
		{store.SQLite, testenv.MemoryRedis},
	}
	for _, c := range cases {
		t.Run(c.dialect+"+"+c.redis, func(t *testing.T) {
			ctx := context.Background()
			g := newRig(t, c.dialect, c.redis)
			if err := g.st.GormForTests().Exec("CREATE TABLE test_effects (step_id INTEGER NOT NULL)").Error; err != nil {
				t.Fatal(err)
			}
			var runs atomic.Int64
			g.kinds.Register("test:effect", func(ctx context.Context, s *store.Step) error {
				runs.Add(1)
				time.Sleep(3 * time.Millisecond)
				// The effect and the completion commit together.
				return g.st.Tx(ctx, func(tx *store.Store) error {
					if err := tx.GormForTests().Exec("INSERT INTO test_effects (step_id) VALUES (?)", s.ID).Error; err != nil {
						return err
					}
					return tx.CompleteStep(ctx, s)
				})
			}, jobs.KindOptions{Timeout: 30 * time.Second})
			const n = 300
			steps := g.createSteps(t, "test:effect", n)
			if err := g.queue.Enqueue(ctx, steps...); err != nil {
				t.Fatal(err)
			}
			w := g.worker(t, 4)
			defer w.Shutdown()

			waitFor(t, "a third of the batch", func() bool { return countDone(t, g.st) >= n/3 })
			// FLUSHDB of the test's own database: for Lethe it is all of
			// Redis (asynq keeps everything in one database), and a
			// FLUSHALL would wipe the databases of tests running beside it.
			if err := g.redis.Client().FlushDB(ctx).Err(); err != nil {
				t.Fatal(err)
			}
			doneAtFlush := countDone(t, g.st)
			if doneAtFlush >= n {
				t.Fatalf("batch finished before the flush (%d); the test proves nothing", doneAtFlush)
			}
			// Nothing runs the rest until the reconciler puts it back.
			created, err := w.Reconcile(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if created == 0 {
				t.Fatal("reconciler enqueued nothing after the flush")
			}
			waitFor(t, "every step done", func() bool { return countDone(t, g.st) == n })

			var effects, distinct int64
			g.st.GormForTests().Raw("SELECT count(*) FROM test_effects").Scan(&effects)
			g.st.GormForTests().Raw("SELECT count(DISTINCT step_id) FROM test_effects").Scan(&distinct)
			if effects != n || distinct != n {
				t.Fatalf("effects = %d (distinct %d), want exactly %d", effects, distinct, n)
			}
			t.Logf("done at flush: %d/%d, re-enqueued: %d, handler runs: %d", doneAtFlush, n, created, runs.Load())
		})
	}
}

func TestStepsNeverEnqueuedRunAfterStart(t *testing.T) {
	for _, kind := range testenv.RedisKinds {
		t.Run(kind, func(t *testing.T) {
			g := newRig(t, store.Postgres, kind)
			var runs atomic.Int64
			g.kinds.Register("test:noop", func(context.Context, *store.Step) error { runs.Add(1); return nil }, jobs.KindOptions{})
			g.createSteps(t, "test:noop", 20) // committed, never enqueued (as if Redis was down)
			w := g.worker(t, 2)
			defer w.Shutdown()
			waitFor(t, "all 20 steps", func() bool { return countDone(t, g.st) == 20 })
			if runs.Load() != 20 {
				t.Fatalf("runs = %d, want 20", runs.Load())
			}
		})
	}
}

func TestFailingStepRetriesThenFailsWithReason(t *testing.T) {
	g := newRig(t, store.SQLite, testenv.MemoryRedis)
	var runs atomic.Int64
	g.kinds.Register("test:flaky", func(_ context.Context, s *store.Step) error {
		if runs.Add(1) < 2 {
			return errors.New("shopify: 502 bad gateway")
		}
		return nil
	}, jobs.KindOptions{})
	g.kinds.Register("test:broken", func(context.Context, *store.Step) error {
		return errors.New("shopify: 503 unavailable")
	}, jobs.KindOptions{})
	g.kinds.Register("test:permanent", func(context.Context, *store.Step) error {
		return fault.Permanent(errors.New("shop uninstalled"))
	}, jobs.KindOptions{})
	flaky := g.createSteps(t, "test:flaky", 1)[0]
	broken := g.createSteps(t, "test:broken", 1)[0]
	perm := g.createSteps(t, "test:permanent", 1)[0]
	w := g.worker(t, 2)
	defer w.Shutdown()
	ctx := context.Background()
	status := func(id int64) *store.Step {
		s, err := g.st.GetStep(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	waitFor(t, "flaky done", func() bool { return status(flaky.ID).Status == store.StepDone })
	waitFor(t, "broken failed", func() bool { return status(broken.ID).Status == store.StepFailed })
	waitFor(t, "permanent failed", func() bool { return status(perm.ID).Status == store.StepFailed })
	if s := status(broken.ID); s.Attempts != 3 || s.LastError != "shopify: 503 unavailable" {
		t.Fatalf("broken: attempts %d, error %q", s.Attempts, s.LastError)
	}
	if s := status(perm.ID); s.Attempts != 1 || s.LastError != "shop uninstalled" {
		t.Fatalf("permanent: attempts %d, error %q", s.Attempts, s.LastError)
	}
	if s := status(flaky.ID); s.Attempts != 2 {
		t.Fatalf("flaky: attempts %d, want 2", s.Attempts)
	}
	// The merchant presses retry: it runs again, from the database alone.
	if err := g.st.RetryStep(ctx, perm.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Reconcile(ctx); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "permanent failed again", func() bool {
		s := status(perm.ID)
		return s.Status == store.StepFailed && s.Attempts == 1 && !s.UpdatedAt.IsZero()
	})
}

func TestShutdownLeavesInterruptedStepPending(t *testing.T) {
	g := newRig(t, store.Postgres, testenv.MemoryRedis)
	started := make(chan struct{}, 1)
	g.kinds.Register("test:slow", func(ctx context.Context, _ *store.Step) error {
		started <- struct{}{}
		<-ctx.Done() // runs until shutdown interrupts it
		return ctx.Err()
	}, jobs.KindOptions{})
	st := g.createSteps(t, "test:slow", 1)[0]
	w := jobs.NewWorker(g.redis, g.st, g.queue, g.kinds, nil, slog.New(slog.NewTextHandler(io.Discard, nil)),
		jobs.WorkerOptions{Concurrency: 1, ShutdownTimeout: 200 * time.Millisecond})
	if err := w.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	<-started
	w.Shutdown()
	s, err := g.st.GetStep(context.Background(), st.ID)
	if err != nil {
		t.Fatal(err)
	}
	if s.Status != store.StepPending || s.Attempts != 0 {
		t.Fatalf("after shutdown: status %s attempts %d, want pending with the attempt given back", s.Status, s.Attempts)
	}
}

// A step whose worker died (its lease no longer renewed) is taken over
// once the lease runs out; a live worker's long step keeps its lease.
func TestLeaseHeartbeat(t *testing.T) {
	g := newRig(t, store.SQLite, testenv.MemoryRedis)
	release := make(chan struct{})
	var runs atomic.Int64
	g.kinds.Register("test:long", func(ctx context.Context, _ *store.Step) error {
		runs.Add(1)
		select {
		case <-release:
		case <-ctx.Done():
		}
		return nil
	}, jobs.KindOptions{})
	g.createSteps(t, "test:long", 1)
	w := jobs.NewWorker(g.redis, g.st, g.queue, g.kinds, nil, slog.New(slog.NewTextHandler(io.Discard, nil)),
		jobs.WorkerOptions{Concurrency: 1, Lease: 300 * time.Millisecond})
	if err := w.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer w.Shutdown()
	waitFor(t, "step running", func() bool { return runs.Load() == 1 })
	time.Sleep(time.Second) // three leases long: renewed all along
	if open, _ := g.st.OpenSteps(context.Background(), 0, 10); len(open) != 0 {
		t.Fatal("a live worker's step was offered to others")
	}
	close(release)
	waitFor(t, "done", func() bool { return countDone(t, g.st) == 1 })

	// A dead worker's lease: claimed, never renewed, runs out.
	dead := g.createSteps(t, "test:other", 1)[0]
	if _, ok, _ := g.st.ClaimStep(context.Background(), dead.ID, 200*time.Millisecond); !ok {
		t.Fatal("claim")
	}
	time.Sleep(300 * time.Millisecond)
	if open, _ := g.st.OpenSteps(context.Background(), 0, 10); len(open) != 1 || open[0].ID != dead.ID {
		t.Fatalf("expired lease not offered again: %+v", open)
	}
}
