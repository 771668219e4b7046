package store

import (
	"context"
	"time"
)

// APIToken is a bearer token for a shop's admin API: only the keyed hash
// of the token is stored.
type APIToken struct {
	ID         int64
	ShopID     int64
	Name       string
	TokenHash  string `json:"-"`
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

// TableName is api_tokens.
func (APIToken) TableName() string { return "api_tokens" }

// CreateAPIToken stores a token and sets its id.
func (s *Store) CreateAPIToken(ctx context.Context, t *APIToken) error {
	return translate(s.q(ctx).Create(t).Error)
}

// APITokenByHash finds the token of a hash, revoked or not; ErrNotFound
// when none.
func (s *Store) APITokenByHash(ctx context.Context, tokenHash string) (*APIToken, error) {
	var t APIToken
	if err := s.q(ctx).Where("token_hash = ?", tokenHash).Take(&t).Error; err != nil {
		return nil, translate(err)
	}
	return &t, nil
}

// APITokens lists a shop's tokens, oldest first.
func (s *Store) APITokens(ctx context.Context, shopID int64) ([]APIToken, error) {
	var ts []APIToken
	err := s.q(ctx).Where("shop_id = ?", shopID).Order("id").Find(&ts).Error
	return ts, translate(err)
}

// RevokeAPIToken ends a shop's token at at and reports whether it was
// live; a token revoked before keeps its first revocation time.
// ErrNotFound when the shop has no such token.
func (s *Store) RevokeAPIToken(ctx context.Context, shopID, id int64, at time.Time) (bool, error) {
	res := s.q(ctx).Model(&APIToken{}).
		Where("shop_id = ? AND id = ? AND revoked_at IS NULL", shopID, id).
		Update("revoked_at", at)
	if res.Error != nil || res.RowsAffected == 1 {
		return res.RowsAffected == 1, translate(res.Error)
	}
	var n int64
	if err := s.q(ctx).Model(&APIToken{}).Where("shop_id = ? AND id = ?", shopID, id).Count(&n).Error; err != nil {
		return false, translate(err)
	}
	if n == 0 {
		return false, ErrNotFound
	}
	return false, nil
}

// TouchAPIToken records that a token was used at at.
func (s *Store) TouchAPIToken(ctx context.Context, id int64, at time.Time) error {
	return translate(s.q(ctx).Model(&APIToken{}).Where("id = ?", id).Update("last_used_at", at).Error)
}
