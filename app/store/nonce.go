package store

import (
	"context"
	"time"

	"gorm.io/gorm/clause"
)

// usedNonce is a single-use nonce already spent, kept until it would have
// expired anyway.
type usedNonce struct {
	Nonce     string `gorm:"primaryKey"`
	ExpiresAt time.Time
}

func (usedNonce) TableName() string { return "used_nonces" }

// UseNonce spends a single-use nonce valid until expires: the first call
// for a nonce returns nil, every later one ErrConflict, in whichever
// process it runs. Nonces expired at now are forgotten on the way: their
// own expiry check refuses them.
func (s *Store) UseNonce(ctx context.Context, nonce string, expires, now time.Time) error {
	if err := s.q(ctx).Where("expires_at < ?", now.UTC()).Delete(&usedNonce{}).Error; err != nil {
		return translate(err)
	}
	res := s.q(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&usedNonce{Nonce: nonce, ExpiresAt: expires.UTC()})
	if res.Error != nil {
		return translate(res.Error)
	}
	if res.RowsAffected == 0 {
		return ErrConflict
	}
	return nil
}
