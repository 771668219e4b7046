package requests

import (
	"context"
	"strings"
	"time"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/store"
)

// UpdateShop applies patch to the shop under its lock, in one
// transaction: every field validated (a bad one is fault.Invalid naming
// each bad field, and nothing is saved), the profile and settings stored,
// the change audited with who (by) and which fields — never their values —
// and, when the change makes the shop ready, its waiting requests continued
// (ContinueSetup). It returns the shop as saved, the fields set and the
// steps to enqueue after the commit. PATCH /api/shop and the panel's
// onboarding and settings forms all save through it.
func UpdateShop(ctx context.Context, st *store.Store, shopID int64, patch ShopPatch, by string, now time.Time) (*store.Shop, []string, []*store.Step, error) {
	var steps []*store.Step
	var out *store.Shop
	var fields []string
	err := st.Tx(ctx, func(tx *store.Store) error {
		if err := tx.LockShop(ctx, shopID); err != nil {
			return err
		}
		cur, err := tx.Shop(ctx, shopID)
		if err != nil {
			return err
		}
		next, set, bad := patch.Apply(cur, by, now)
		if len(bad) > 0 {
			return fault.Invalid(bad)
		}
		out, fields = cur, set
		if len(set) == 0 {
			return nil
		}
		if err := tx.UpdateShopProfile(ctx, next, nil); err != nil {
			return err
		}
		if err := tx.SaveSettings(ctx, next.ID, store.ShopSettings(next)); err != nil {
			return err
		}
		if err := tx.AddEvent(ctx, &store.Event{ShopID: next.ID, Actor: by, Action: "shop.updated",
			Detail: "fields=" + strings.Join(set, ",")}); err != nil {
			return err
		}
		steps, err = ContinueSetup(ctx, tx, next, by)
		out = next
		return err
	})
	if err != nil {
		return nil, nil, nil, err
	}
	return out, fields, steps, nil
}
