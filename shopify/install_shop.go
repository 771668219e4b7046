package shopify

import (
	"context"
	"errors"

	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/shopify/admin"
)

// installShop completes an install with fresh credentials (from either
// grant): it reads the shop's details through GraphQL with the new token,
// then, in one transaction, stores the shop as active with its details and
// scopes and its tokens sealed, continuing the requests that wait for its
// setup or for this new token. Nothing is stored when Shopify cannot be
// read.
func (a *App) installShop(ctx context.Context, domain string, creds Credentials) (*store.Shop, error) {
	cl, err := a.adminClient(domain, admin.StaticToken(creds.AccessToken))
	if err != nil {
		return nil, err
	}
	info, err := readShop(ctx, cl)
	if err != nil {
		return nil, unavailable("could not read the shop's details from Shopify; try again", err)
	}
	cur, err := a.store.ShopByDomain(ctx, Platform, domain)
	switch {
	case errors.Is(err, store.ErrNotFound):
		cur = &store.Shop{Platform: Platform, Domain: domain}
	case err != nil:
		return nil, err
	}
	next := *cur
	next.ID, next.Credentials = 0, nil // upsert by platform and domain
	applyShopInfo(&next, info)
	next.Status, next.Scopes = store.ShopActive, creds.Scope
	now := a.now().UTC()
	next.ProfileRefreshedAt = &now // read just now: the daily refresh (RefreshDue) waits a day
	if cur.InstalledAt == nil || cur.Status == store.ShopUninstalled || cur.Status == store.ShopRedacted {
		next.InstalledAt = &now
	}
	next.UninstalledAt = nil
	// The transaction writes first: on SQLite a transaction that reads
	// before its first write fails when another writer commits in between.
	var out *store.Shop
	var continued []*store.Step
	err = a.store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.UpsertShop(ctx, &next); err != nil {
			return err
		}
		if err := a.Tokens.Save(ctx, tx, next.ID, creds); err != nil {
			return err
		}
		if out, err = tx.Shop(ctx, next.ID); err != nil {
			return err
		}
		// An install again over a shop whose requests wait for setup, now
		// complete: they continue (as after PATCH /api/shop or shop/update).
		if continued, err = requests.ContinueSetup(ctx, tx, out, "system:"+Platform); err != nil {
			return err
		}
		// A new token for a shop whose token was refused (opening the app,
		// a reinstall): every step that waited for it continues where it
		// stopped.
		resumed, err := requests.ContinueReconnected(ctx, tx, out, System, "system:"+Platform)
		continued = append(continued, resumed...)
		return err
	})
	if err != nil {
		return nil, err
	}
	if len(continued) > 0 && a.Enqueue != nil {
		if err := a.Enqueue(ctx, continued...); err != nil {
			a.log.Warn("enqueue after install failed; left to the reconciler", "shop_id", out.ID, "err", err)
		}
	}
	return out, nil
}
