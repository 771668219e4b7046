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

// Steps committed while the worker runs, but never enqueued (Redis was
// unreachable at that moment), are picked up by the periodic reconcile.
func TestPeriodicReconcilePicksUpStrandedSteps(t *testing.T) {
	g := newRig(t, store.SQLite, testenv.MemoryRedis)
	var runs atomic.Int64
	g.kinds.Register("test:noop", func(context.Context, *store.Step) error { runs.Add(1); return nil }, jobs.KindOptions{})
	w := g.worker(t, 2)
	defer w.Shutdown()
	s, err := jobs.NewScheduler(g.redis, slog.New(slog.NewTextHandler(io.Discard, nil)), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	defer s.Shutdown()
	time.Sleep(100 * time.Millisecond) // the worker's start-up reconcile has run
	g.createSteps(t, "test:noop", 5)
	waitFor(t, "stranded steps done", func() bool { return countDone(t, g.st) == 5 })
	if runs.Load() != 5 {
		t.Fatalf("runs = %d", runs.Load())
	}
}
