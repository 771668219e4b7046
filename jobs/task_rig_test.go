package jobs_test

import (
	"context"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"

	"github.com/hibiken/asynq"

	"github.com/lethe-gdpr/lethe/jobs"
)

// taskWorkers starts workers plain-task workers handling taskType with h
// (as several worker processes receiving a periodic task) and returns fire,
// which enqueues n such tasks (several schedulers firing) and waits until
// they have run.
func (g *rig) taskWorkers(t *testing.T, workers int, taskType string, h func(context.Context, *asynq.Task) error) (fire func(n int)) {
	t.Helper()
	var runs atomic.Int64
	discard := slog.New(slog.NewTextHandler(io.Discard, nil))
	for range workers {
		w := jobs.NewWorker(g.redis, g.st, g.queue, g.kinds, nil, discard, jobs.WorkerOptions{Concurrency: 2})
		w.Handle(taskType, func(ctx context.Context, task *asynq.Task) error {
			defer runs.Add(1)
			return h(ctx, task)
		})
		if err := w.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(w.Shutdown)
	}
	client := asynq.NewClient(g.redis.Opt)
	t.Cleanup(func() { client.Close() })
	return func(n int) {
		t.Helper()
		start := runs.Load()
		for range n {
			if _, err := client.Enqueue(asynq.NewTask(taskType, nil), asynq.Queue(jobs.QueueMaintenance)); err != nil {
				t.Fatal(err)
			}
		}
		waitFor(t, taskType+" tasks", func() bool { return runs.Load() == start+int64(n) })
	}
}
