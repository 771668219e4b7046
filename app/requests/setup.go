package requests

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/lethe-gdpr/lethe/app/step"
	"github.com/lethe-gdpr/lethe/app/store"
)

// WaitForSetup moves r to needs_setup inside tx, naming the missing setup
// fields on the request and in the audit entry. Its due dates stay: the
// deadline runs from receipt.
func WaitForSetup(ctx context.Context, tx *store.Store, r *store.Request, missing []string) error {
	list := strings.Join(missing, ",")
	if err := Transition(ctx, tx, r, "system", store.StatusNeedsSetup, "missing="+list); err != nil {
		return err
	}
	r.SetupMissing = list
	return tx.UpdateRequest(ctx, r.ShopID, r.ID, map[string]any{"setup_missing": list})
}

// ContinueSetup lets every request of the shop that waits in needs_setup
// go on, inside tx, once the shop is ready: needs_setup → processing, the
// missing fields cleared, and a new request:discover step each (the way
// starts again at its first step). The setup episode ends, so a later gap
// is told again. A shop that is not ready keeps its requests waiting.
// Enqueue the returned steps after the commit.
func ContinueSetup(ctx context.Context, tx *store.Store, sh *store.Shop, actor string) ([]*store.Step, error) {
	if !Readiness(sh).Ready {
		return nil, nil
	}
	if err := tx.LockShop(ctx, sh.ID); err != nil { // against a discovery parking a request meanwhile
		return nil, err
	}
	if err := tx.ClearSetupNotice(ctx, sh.ID); err != nil {
		return nil, err
	}
	waiting, err := tx.RequestsNeedingSetup(ctx, sh.ID)
	if err != nil {
		return nil, err
	}
	var steps []*store.Step
	for i := range waiting {
		r := &waiting[i]
		err := Transition(ctx, tx, r, actor, store.StatusProcessing, "setup completed")
		if errors.Is(err, store.ErrConflict) {
			continue // moved on meanwhile
		}
		if err != nil {
			return nil, err
		}
		if err := tx.UpdateRequest(ctx, r.ShopID, r.ID, map[string]any{"setup_missing": ""}); err != nil {
			return nil, err
		}
		st := newStep(r, step.Discover)
		key := fmt.Sprintf("%s:setup-%d", *st.DedupeKey, tx.Now().UnixNano())
		st.DedupeKey = &key
		if _, err := tx.CreateStep(ctx, st); err != nil {
			return nil, err
		}
		steps = append(steps, st)
	}
	return steps, nil
}
