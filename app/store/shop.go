package store

import (
	"context"
	"time"

	"gorm.io/gorm/clause"
)

// Shop statuses.
const (
	ShopActive      = "active"
	ShopNeedsReauth = "needs_reauth"
	ShopUninstalled = "uninstalled"
	ShopRedacted    = "redacted"
)

// Shop is one merchant's store on a platform.
type Shop struct {
	ID          int64
	Platform    string
	Domain      string
	Name        string
	Status      string
	Country     string
	Region      string
	Timezone    string
	Locale      string
	Scopes      string
	Credentials []byte `json:"-"` // sealed; use SetCredentials / OpenCredentials
	Settings    string
	Email       string // the shop's contact e-mail (controller identity)
	Address     string // JSON of the shop's postal address
	Website     string // the shop's website (its primary domain's URL)
	// RegionSource is where the German state came from: "postcode"
	// (derived at install or refresh) or "merchant" (chosen or corrected).
	RegionSource string
	// ProfileRefreshedAt is when the profile was last read from the platform.
	ProfileRefreshedAt *time.Time
	// SetupNoticeAt is when the merchant was told what setup is missing;
	// nil while nothing is missing or nobody was told yet.
	SetupNoticeAt *time.Time
	// ReconnectNoticeAt is when the merchant was told that requests wait
	// for the shop's system to be reconnected; nil while nothing waits or
	// nobody was told yet.
	ReconnectNoticeAt *time.Time
	InstalledAt       *time.Time
	UninstalledAt     *time.Time
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

// Location is the shop's time zone (Europe/Berlin when unknown).
func (sh *Shop) Location() *time.Location {
	if loc, err := time.LoadLocation(sh.Timezone); err == nil && sh.Timezone != "" {
		return loc
	}
	loc, _ := time.LoadLocation("Europe/Berlin")
	return loc
}

// UpsertShop inserts the shop or updates the row with the same platform and
// domain; sh.ID is set either way.
func (s *Store) UpsertShop(ctx context.Context, sh *Shop) error {
	if sh.Status == "" {
		sh.Status = ShopActive
	}
	if sh.Settings == "" {
		sh.Settings = "{}"
	}
	if sh.Address == "" {
		sh.Address = "{}"
	}
	defaults(&sh.Country, "DE")
	defaults(&sh.Timezone, "Europe/Berlin")
	defaults(&sh.Locale, "de")
	err := s.q(ctx).Clauses(clause.OnConflict{
		Columns: []clause.Column{{Name: "platform"}, {Name: "domain"}},
		DoUpdates: clause.AssignmentColumns([]string{
			"name", "status", "country", "region", "timezone", "locale", "scopes", "email", "address",
			"website", "region_source", "profile_refreshed_at", "installed_at", "uninstalled_at", "updated_at",
		}),
	}).Create(sh).Error
	if err != nil {
		return translate(err)
	}
	if sh.ID == 0 { // some drivers do not return the id on the update path
		got, err := s.ShopByDomain(ctx, sh.Platform, sh.Domain)
		if err != nil {
			return err
		}
		sh.ID = got.ID
	}
	return nil
}

func defaults(v *string, d string) {
	if *v == "" {
		*v = d
	}
}

// ShopByDomain finds a shop by platform and domain.
func (s *Store) ShopByDomain(ctx context.Context, platform, domain string) (*Shop, error) {
	var sh Shop
	err := s.q(ctx).Where("platform = ? AND domain = ?", platform, domain).Take(&sh).Error
	return &sh, translate(err)
}

// Shop finds a shop by id.
func (s *Store) Shop(ctx context.Context, id int64) (*Shop, error) {
	var sh Shop
	err := s.q(ctx).Where("id = ?", id).Take(&sh).Error
	return &sh, translate(err)
}

// SetShopStatus changes a shop's status.
func (s *Store) SetShopStatus(ctx context.Context, id int64, status string) error {
	res := s.q(ctx).Model(&Shop{}).Where("id = ?", id).Updates(map[string]any{"status": status, "updated_at": s.Now()})
	if res.Error == nil && res.RowsAffected == 0 {
		return ErrNotFound
	}
	return translate(res.Error)
}

// SetCredentials seals v (tokens, API keys) into the shop's row; nil drops them.
func (s *Store) SetCredentials(ctx context.Context, shopID int64, v any) error {
	var sealed []byte
	if v != nil {
		var err error
		if sealed, err = s.sealJSON(purposeCredentials, v); err != nil {
			return err
		}
	}
	res := s.q(ctx).Model(&Shop{}).Where("id = ?", shopID).Updates(map[string]any{"credentials": sealed, "updated_at": s.Now()})
	if res.Error == nil && res.RowsAffected == 0 {
		return ErrNotFound
	}
	return translate(res.Error)
}

// OpenCredentials unseals the shop's credentials into out; ErrNotFound when
// it has none.
func (s *Store) OpenCredentials(sh *Shop, out any) error {
	if len(sh.Credentials) == 0 {
		return ErrNotFound
	}
	return s.openJSON(purposeCredentials, sh.Credentials, out)
}

// LockShop holds the shop's row until the transaction ends, so that token
// refreshes of several processes queue up. SQLite transactions are already
// exclusive (IMMEDIATE), so there it does nothing.
func (s *Store) LockShop(ctx context.Context, id int64) error {
	if s.dialect != Postgres {
		return nil
	}
	var got int64
	err := s.q(ctx).Raw("SELECT id FROM shops WHERE id = ? FOR UPDATE", id).Scan(&got).Error
	if err == nil && got == 0 {
		return ErrNotFound
	}
	return translate(err)
}

// MarkShopUninstalled records an uninstall.
func (s *Store) MarkShopUninstalled(ctx context.Context, id int64, at time.Time) error {
	return translate(s.q(ctx).Model(&Shop{}).Where("id = ?", id).
		Updates(map[string]any{"status": ShopUninstalled, "uninstalled_at": at.UTC(), "updated_at": s.Now()}).Error)
}
