package jobs

import (
	"context"
)

// Reconcile enqueues every open step (pending, or running with an expired
// lease). Steps that still have a live task are skipped by their TaskID, so
// running it any number of times, from any number of processes, is safe.
// It returns how many tasks it created.
func (w *Worker) Reconcile(ctx context.Context) (int, error) {
	return Reconcile(ctx, w.store, w.queue)
}

// Reconcile is the worker-independent form, for `lethe web` and tests.
func Reconcile(ctx context.Context, st storeSteps, q *Queue) (int, error) {
	var after int64
	created := 0
	for {
		steps, err := st.OpenSteps(ctx, after, 500)
		if err != nil {
			return created, err
		}
		for i := range steps {
			ok, err := q.enqueue(ctx, &steps[i])
			if err != nil {
				return created, err
			}
			if ok {
				created++
			}
			after = steps[i].ID
		}
		if len(steps) < 500 {
			return created, nil
		}
	}
}
