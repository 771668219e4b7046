package mail

import (
	"context"
	"fmt"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/step"
	"github.com/lethe-gdpr/lethe/app/store"
)

// SendAttempts is how many times an e-mail is tried before a temporary
// failure (4xx, network) marks it failed; with the worker's backoff (10 s
// doubling, at most 1 h) that spans about half a day.
const SendAttempts = 20

// QueueSend marks e queued and records its email:send step (one per
// e-mail: a failed step is put back to pending, a pending one reused).
// Call it inside tx and enqueue the step after the commit. An e-mail
// already sent gives store.ErrEmailSent.
func QueueSend(ctx context.Context, tx *store.Store, e *store.Email) (*store.Step, error) {
	if err := tx.MarkEmailQueued(ctx, e.ShopID, e.ID); err != nil {
		return nil, err
	}
	e.Status = store.EmailQueued
	pl := step.Payload{EmailID: e.ID, ShopID: e.ShopID}
	key := step.Key(step.Send, pl)
	for range 10 {
		st := step.New(step.Send, pl)
		st.RequestID, st.DedupeKey, st.MaxAttempts = e.RequestID, &key, SendAttempts
		created, err := tx.CreateStep(ctx, st)
		if err != nil || created {
			return st, err
		}
		switch st.Status {
		case store.StepPending, store.StepRunning:
			return st, nil
		case store.StepFailed:
			if err := tx.RetryStep(ctx, st.ID); err != nil {
				return nil, err
			}
			return tx.GetStep(ctx, st.ID)
		}
		// Done, yet the e-mail is not sent (it was reset or regenerated
		// after its step ran): a new step after that one.
		key = fmt.Sprintf("%s:after-%d", step.Key(step.Send, pl), st.ID)
	}
	return nil, fmt.Errorf("mail: e-mail %d: too many finished send steps", e.ID)
}

// stepPayload reads an email:send step's payload.
func stepPayload(st *store.Step) (step.Payload, error) {
	p, err := step.Read(st)
	if err == nil && p.EmailID == 0 {
		err = fault.Permanent(fmt.Errorf("email:send step %d has no e-mail id", st.ID))
	}
	return p, err
}
