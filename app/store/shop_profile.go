package store

import (
	"context"
	"time"
)

// profileColumns are the shop columns that make its profile, as
// UpdateShopProfile writes them.
var profileColumns = []string{"name", "email", "address", "website", "country", "region", "region_source", "locale", "timezone"}

// UpdateShopProfile writes the profile columns of sh (name, e-mail,
// address, website, country, state and its source, language, time zone)
// and, when refreshed is set, the time it was read from the platform.
func (s *Store) UpdateShopProfile(ctx context.Context, sh *Shop, refreshed *time.Time) error {
	if sh.Address == "" {
		sh.Address = "{}"
	}
	cols := map[string]any{"updated_at": s.Now()}
	vals := map[string]any{
		"name": sh.Name, "email": sh.Email, "address": sh.Address, "website": sh.Website, "country": sh.Country,
		"region": sh.Region, "region_source": sh.RegionSource, "locale": sh.Locale, "timezone": sh.Timezone,
	}
	for _, c := range profileColumns {
		cols[c] = vals[c]
	}
	if refreshed != nil {
		cols["profile_refreshed_at"] = refreshed.UTC()
		sh.ProfileRefreshedAt = refreshed
	}
	res := s.q(ctx).Model(&Shop{}).Where("id = ?", sh.ID).Updates(cols)
	if res.Error == nil && res.RowsAffected == 0 {
		return ErrNotFound
	}
	return translate(res.Error)
}

// ClaimSetupNotice marks the shop's setup notice as sent now and reports
// whether this call did it: false when the merchant was told already in
// this setup episode (one e-mail for every waiting request).
func (s *Store) ClaimSetupNotice(ctx context.Context, shopID int64) (bool, error) {
	res := s.q(ctx).Model(&Shop{}).Where("id = ? AND setup_notice_at IS NULL", shopID).
		Updates(map[string]any{"setup_notice_at": s.Now(), "updated_at": s.Now()})
	return res.RowsAffected == 1, translate(res.Error)
}

// ClearSetupNotice ends the setup episode: the next missing setup is told
// again.
func (s *Store) ClearSetupNotice(ctx context.Context, shopID int64) error {
	return translate(s.q(ctx).Model(&Shop{}).Where("id = ? AND setup_notice_at IS NOT NULL", shopID).
		Updates(map[string]any{"setup_notice_at": nil}).Error)
}

// RequestsNeedingSetup returns the shop's requests waiting in needs_setup,
// oldest first, without their subjects.
func (s *Store) RequestsNeedingSetup(ctx context.Context, shopID int64) ([]Request, error) {
	var rs []Request
	if err := s.q(ctx).Where("shop_id = ? AND status = ?", shopID, StatusNeedsSetup).Order("id").Find(&rs).Error; err != nil {
		return nil, translate(err)
	}
	return rs, nil // subjects stay sealed: nothing here needs them
}

// ShopsToRefresh returns the active shops of platform whose profile was
// not read from it since before (never read counts as due), at most limit.
func (s *Store) ShopsToRefresh(ctx context.Context, platform string, before time.Time, limit int) ([]Shop, error) {
	var out []Shop
	err := s.q(ctx).Where("platform = ? AND status = ? AND (profile_refreshed_at IS NULL OR profile_refreshed_at < ?)",
		platform, ShopActive, before.UTC()).Order("id").Limit(limit).Find(&out).Error
	return out, translate(err)
}
