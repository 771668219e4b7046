package requests

import (
	"context"
	"errors"
	"fmt"

	"github.com/lethe-gdpr/lethe/app/store"
)

// WaitForReconnect records inside tx that a step of kind of r waits until
// system is connected again (it refused the shop's credentials): the
// request's wait reason and its audit entry. Its status stays, and so do
// its due dates: the deadline runs on while it waits.
func WaitForReconnect(ctx context.Context, tx *store.Store, r *store.Request, kind, system string) error {
	reason := store.WaitReconnect(system)
	if err := tx.UpdateRequest(ctx, r.ShopID, r.ID, map[string]any{"wait_reason": reason}); err != nil {
		return err
	}
	r.WaitReason = reason
	return Audit(ctx, tx, r, "system", "step.waiting", fmt.Sprintf("step=%s system=%s", kind, system))
}

// ContinueReconnected lets every step of the shop that waits for system
// go on, inside tx, once the system is connected again: the platform
// stored the shop's new credentials and made it active in tx. Each waiting
// step is pending again (it runs where its request stopped: nothing before
// it runs again), each request's wait reason is cleared with an audit
// entry, and the reconnect episode ends, so a later refusal is told again.
// A shop that is not active keeps its steps waiting. Enqueue the returned
// steps after the commit; the reconciler offers them too.
func ContinueReconnected(ctx context.Context, tx *store.Store, sh *store.Shop, system, actor string) ([]*store.Step, error) {
	if sh.Status != store.ShopActive {
		return nil, nil
	}
	if err := tx.LockShop(ctx, sh.ID); err != nil { // against a step parking meanwhile
		return nil, err
	}
	if err := tx.ClearReconnectNotice(ctx, sh.ID); err != nil {
		return nil, err
	}
	steps, err := tx.ResumeWaitingSteps(ctx, sh.ID, store.WaitReconnect(system))
	if err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	for _, st := range steps {
		if st.RequestID == nil || seen[*st.RequestID] {
			continue
		}
		seen[*st.RequestID] = true
		r, err := tx.Request(ctx, sh.ID, *st.RequestID)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		left, err := tx.WaitReasonOf(ctx, r.ID) // a step waiting for another system
		if err != nil {
			return nil, err
		}
		if err := tx.UpdateRequest(ctx, sh.ID, r.ID, map[string]any{"wait_reason": left}); err != nil {
			return nil, err
		}
		if err := Audit(ctx, tx, r, actor, "step.resumed", "system="+system); err != nil {
			return nil, err
		}
	}
	return steps, nil
}
