package store

import (
	"context"
	"time"

	"gorm.io/gorm/clause"
)

// DigestRun is the claim of one shop's daily digest on one of its local
// days (table digest_runs): its row exists once the digest was sent
// (queued), so no second worker sends it again.
type DigestRun struct {
	ID        int64
	ShopID    int64
	Day       Day
	EmailID   *int64
	CreatedAt time.Time
}

// ClaimDigest takes shop's digest of day; false when it was taken already.
// Call it in the transaction that drafts and queues the e-mail, so that the
// claim and the e-mail commit together.
func (s *Store) ClaimDigest(ctx context.Context, shopID int64, day Day, emailID *int64) (bool, error) {
	run := &DigestRun{ShopID: shopID, Day: day, EmailID: emailID, CreatedAt: s.Now()}
	res := s.q(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "shop_id"}, {Name: "day"}}, DoNothing: true}).Create(run)
	return res.RowsAffected == 1, translate(res.Error)
}

// DigestRuns lists a shop's digest runs, newest first.
func (s *Store) DigestRuns(ctx context.Context, shopID int64) ([]DigestRun, error) {
	var out []DigestRun
	err := s.q(ctx).Where("shop_id = ?", shopID).Order("day DESC").Find(&out).Error
	return out, translate(err)
}

// ActiveShops lists the shops whose app is installed (status active), by id.
func (s *Store) ActiveShops(ctx context.Context) ([]Shop, error) {
	var out []Shop
	err := s.q(ctx).Where("status = ?", ShopActive).Order("id").Find(&out).Error
	return out, translate(err)
}
