package jobs

import (
	"context"
	"errors"
	"time"

	"github.com/hibiken/asynq"

	"github.com/lethe-gdpr/lethe/app/store"
)

// Queue enqueues committed steps.
type Queue struct {
	client *asynq.Client
	kinds  *kinds
}

// NewQueue opens an asynq client on r.
func NewQueue(r *Redis, k *Kinds) *Queue {
	return &Queue{client: asynq.NewClient(r.Opt), kinds: k.k}
}

// Close closes the client.
func (q *Queue) Close() error { return q.client.Close() }

// Enqueue hands committed steps to Redis. A step that already has a live
// task is skipped. Errors are returned but never lose work: the reconciler
// enqueues whatever did not make it.
func (q *Queue) Enqueue(ctx context.Context, steps ...*store.Step) error {
	var errs []error
	for _, st := range steps {
		if st == nil { // an action that created no step
			continue
		}
		if _, err := q.enqueue(ctx, st); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// enqueue reports whether a new task was created.
func (q *Queue) enqueue(ctx context.Context, st *store.Step) (bool, error) {
	if !q.kinds.registered(st.Kind) {
		// No worker of this version handles it: it waits in the database
		// until one does (the reconciler enqueues it then).
		return false, nil
	}
	o := q.kinds.options(st.Kind)
	opts := []asynq.Option{
		asynq.TaskID(taskID(st.ID)),
		asynq.Queue(o.Queue),
		asynq.Timeout(o.Timeout),
		// The database decides when a step has failed for good; asynq must
		// never archive it first.
		asynq.MaxRetry(st.MaxAttempts + 5),
	}
	if st.RunAfter.After(time.Now()) {
		opts = append(opts, asynq.ProcessAt(st.RunAfter))
	}
	_, err := q.client.EnqueueContext(ctx, asynq.NewTask(st.Kind, encodeStep(st.ID)), opts...)
	if errors.Is(err, asynq.ErrTaskIDConflict) {
		return false, nil
	}
	return err == nil, err
}
