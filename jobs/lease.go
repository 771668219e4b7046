package jobs

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/store"
)

// result is what a run recorded: its metrics outcome and what asynq gets.
type result struct {
	outcome string
	err     error
}

// record writes the outcome of the run of claimed st that returned herr
// (ctx is the task's context). Every write is fenced by the claim: a worker
// whose lease was taken over records nothing, and tells the hooks nothing.
func (w *Worker) record(bctx, ctx context.Context, st *store.Step, herr error) result {
	var err error
	outcome := "done"
	switch {
	case herr == nil:
		err = w.store.CompleteStep(bctx, st)
	case errors.Is(herr, store.ErrLeaseLost):
		err = store.ErrLeaseLost
	case errors.Is(herr, ErrWaiting):
		// The handler parked the step in its own transaction
		// (store.ParkStep): nothing is left to record.
		outcome = "waiting"
	case errors.Is(ctx.Err(), context.Canceled):
		// Shutdown: not the step's fault. Give the attempt back.
		outcome = "interrupted"
		err = w.store.ReleaseStep(bctx, st, w.store.Now(), "", true)
	case fault.IsPermanent(herr) || st.Attempts >= st.MaxAttempts:
		outcome = "failed"
		if err = w.store.FailStep(bctx, st, safeMessage(herr)); err == nil {
			w.log.Warn("step failed", "step", st.ID, "type", st.Kind, "attempts", st.Attempts, "err", safeMessage(herr))
			if w.opts.OnFailed != nil {
				w.opts.OnFailed(bctx, st, herr)
			}
		}
	default:
		outcome = "retry"
		if err = w.store.ReleaseStep(bctx, st, w.store.Now().Add(w.opts.RetryDelay(st.Attempts)), safeMessage(herr), false); err == nil && w.opts.OnRetry != nil {
			w.opts.OnRetry(bctx, st, herr)
		}
	}
	switch {
	case errors.Is(err, store.ErrLeaseLost):
		w.log.Warn("step lease lost; another worker owns the step, this run's outcome is discarded",
			"step", st.ID, "type", st.Kind, "attempt", st.Attempts)
		return result{outcome: "lost"}
	case err != nil:
		// The lease runs out and the reconciler offers the step again.
		w.log.Error("cannot record step outcome", "step", st.ID, "type", st.Kind, "outcome", outcome, "err", err)
		return result{outcome: "retry", err: fmt.Errorf("record step %d: %w", st.ID, err)}
	case outcome == "done" || outcome == "failed" || outcome == "waiting":
		return result{outcome: outcome}
	}
	return result{outcome: outcome, err: herr}
}

// heartbeat renews the claimed step's lease until stopped. When the step
// is no longer this claim's, or renewals fail until the lease ran out, it
// cancels the run with store.ErrLeaseLost (as asynq does with its own
// leases): another worker may own the step by then.
func (w *Worker) heartbeat(ctx context.Context, st *store.Step, lost context.CancelCauseFunc) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(w.opts.Lease / 3)
		defer t.Stop()
		valid := time.Now().Add(w.opts.Lease) // the lease as this process knows it
		for {
			select {
			case <-done:
				return
			case <-t.C:
				bctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
				renewedAt := time.Now()
				ok, err := w.store.ExtendLease(bctx, st, w.opts.Lease)
				cancel()
				switch {
				case err == nil && ok:
					valid = renewedAt.Add(w.opts.Lease)
				case err == nil:
					if w.completedByRun(ctx, st) {
						return // the handler completed it in its own transaction
					}
					w.log.Warn("step lease taken over; stopping its run", "step", st.ID, "type", st.Kind, "attempt", st.Attempts)
					lost(store.ErrLeaseLost)
					return
				case time.Now().After(valid):
					w.log.Warn("cannot renew step lease before it ran out; stopping its run", "step", st.ID, "type", st.Kind, "err", err)
					lost(store.ErrLeaseLost)
					return
				default:
					w.log.Warn("cannot renew step lease", "step", st.ID, "type", st.Kind, "err", err)
				}
			}
		}
	}()
	return func() { close(done); <-finished }
}

// completedByRun reports whether claimed st is done or waiting under its
// own claim (a handler completes or parks its step in its transaction,
// then enqueues what follows).
func (w *Worker) completedByRun(ctx context.Context, st *store.Step) bool {
	bctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	cur, err := w.store.GetStep(bctx, st.ID)
	return err == nil && (cur.Status == store.StepDone || cur.Status == store.StepWaiting) && cur.Claims == st.Claims
}
