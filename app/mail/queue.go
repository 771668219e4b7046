package mail

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/lethe-gdpr/lethe/app/store"
)

// sendPayload is the email:send step's payload (ids only).
type sendPayload struct {
	EmailID int64 `json:"email_id"`
	ShopID  int64 `json:"shop_id"`
}

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
	payload, _ := json.Marshal(sendPayload{EmailID: e.ID, ShopID: e.ShopID})
	key := fmt.Sprintf("%s:%d", StepSend, e.ID)
	for range 10 {
		st := &store.Step{
			ShopID: &e.ShopID, RequestID: e.RequestID, Kind: StepSend, Payload: string(payload),
			DedupeKey: &key, MaxAttempts: SendAttempts,
		}
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
		key = fmt.Sprintf("%s:%d:after-%d", StepSend, e.ID, st.ID)
	}
	return nil, fmt.Errorf("mail: e-mail %d: too many finished send steps", e.ID)
}
