package shopify

import (
	"context"
	"time"

	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
)

// TopicShopUpdate is Shopify's webhook when the shop's details change.
const TopicShopUpdate = "shop/update"

// RefreshEvery is how often the profile is read again without a
// shop/update (RefreshDue, daily).
const RefreshEvery = 24 * time.Hour

// RefreshShop reads the shop's profile from Shopify again (after shop/update,
// and daily) and stores it; when the shop is ready now, its requests waiting
// for the setup continue: their steps are returned, to enqueue after.
func (a *App) RefreshShop(ctx context.Context, shopID int64) ([]*store.Step, error) {
	sh, err := a.store.Shop(ctx, shopID)
	if err != nil {
		return nil, err
	}
	cl, err := a.AdminClient(sh)
	if err != nil {
		return nil, err
	}
	info, err := readShop(ctx, cl)
	if err != nil {
		return nil, err
	}
	var steps []*store.Step
	err = a.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.LockShop(ctx, shopID); err != nil {
			return err
		}
		cur, err := tx.Shop(ctx, shopID)
		if err != nil {
			return err
		}
		applyShopInfo(cur, info)
		now := a.now().UTC()
		if err := tx.UpdateShopProfile(ctx, cur, &now); err != nil {
			return err
		}
		steps, err = requests.ContinueSetup(ctx, tx, cur, "system:"+Platform)
		return err
	})
	return steps, err
}

// RefreshDue refreshes every active shop whose profile is older than
// RefreshEvery (the daily task), at most limit; a shop that fails is logged
// and left for the next run. It returns the steps to enqueue.
func (a *App) RefreshDue(ctx context.Context, limit int) []*store.Step {
	shops, err := a.store.ShopsToRefresh(ctx, Platform, a.now().Add(-RefreshEvery), limit)
	if err != nil {
		a.log.Warn("shop refresh: list", "err", err)
		return nil
	}
	var out []*store.Step
	for _, sh := range shops {
		steps, err := a.RefreshShop(ctx, sh.ID)
		if err != nil {
			a.log.Warn("shop refresh failed", "shop", sh.ID, "err", err)
			continue
		}
		out = append(out, steps...)
	}
	return out
}
