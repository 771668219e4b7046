package jobs_test

import (
	"context"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/jobs"
)

// A handler that parks its step (it waits for a system to be connected
// again) leaves it waiting: not released, not failed, no hook told, and
// not offered by the reconciler. Resumed, it runs again and completes.
func TestWaitingStepStaysUntilResumed(t *testing.T) {
	for _, d := range testenv.Dialects {
		t.Run(d, func(t *testing.T) {
			g := newRig(t, d, testenv.MemoryRedis)
			ctx := context.Background()
			reason := store.WaitReconnect("woocommerce")
			var runs, told atomic.Int64
			g.kinds.Register("test:wait", func(ctx context.Context, st *store.Step) error {
				if runs.Add(1) == 1 {
					if err := g.st.Tx(ctx, func(tx *store.Store) error { return tx.ParkStep(ctx, st, reason, "refused") }); err != nil {
						return err
					}
					return jobs.ErrWaiting
				}
				return nil
			}, jobs.KindOptions{})
			sh := &store.Shop{Platform: "woocommerce", Domain: "wait.example"}
			if err := g.st.UpsertShop(ctx, sh); err != nil {
				t.Fatal(err)
			}
			st := &store.Step{Kind: "test:wait", ShopID: &sh.ID}
			if _, err := g.st.CreateStep(ctx, st); err != nil {
				t.Fatal(err)
			}
			hook := func(context.Context, *store.Step, error) { told.Add(1) }
			w := jobs.NewWorker(g.redis, g.st, g.queue, g.kinds, nil, slog.New(slog.NewTextHandler(io.Discard, nil)),
				jobs.WorkerOptions{Concurrency: 2, ShutdownTimeout: 5 * time.Second, OnRetry: hook, OnFailed: hook,
					RetryDelay: func(int) time.Duration { return 50 * time.Millisecond }})
			if err := w.Start(ctx); err != nil {
				t.Fatal(err)
			}
			defer w.Shutdown()
			get := func() *store.Step {
				cur, err := g.st.GetStep(ctx, st.ID)
				if err != nil {
					t.Fatal(err)
				}
				return cur
			}
			waitFor(t, "the step to wait", func() bool { return get().Status == store.StepWaiting })
			if n, err := w.Reconcile(ctx); err != nil || n != 0 {
				t.Fatalf("reconcile offered %d tasks (%v)", n, err)
			}
			if cur := get(); cur.Status != store.StepWaiting || cur.WaitReason != reason || runs.Load() != 1 || told.Load() != 0 {
				t.Fatalf("step %s (%q), %d runs, hooks told %d times", cur.Status, cur.WaitReason, runs.Load(), told.Load())
			}
			var resumed []*store.Step
			err := g.st.Tx(ctx, func(tx *store.Store) error {
				var err error
				resumed, err = tx.ResumeWaitingSteps(ctx, sh.ID, reason)
				return err
			})
			if err != nil || len(resumed) != 1 {
				t.Fatal(resumed, err)
			}
			if err := g.queue.Enqueue(ctx, resumed...); err != nil {
				t.Fatal(err)
			}
			waitFor(t, "the resumed step to run", func() bool { return get().Status == store.StepDone })
			if cur := get(); runs.Load() != 2 || cur.Attempts != 1 || told.Load() != 0 {
				t.Fatalf("%d runs, attempts %d, hooks told %d times", runs.Load(), cur.Attempts, told.Load())
			}
		})
	}
}
