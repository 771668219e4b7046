package store

import (
	"context"
	"time"
)

// Purposes of a login token.
const (
	LoginInvite = "invite" // set the first password
	LoginReset  = "reset"  // set a new password
)

// LoginToken is a one-time link that lets a user set a password and logs
// them in: only the keyed hash of its secret is stored.
type LoginToken struct {
	ID        int64
	ShopID    int64
	UserID    int64
	Purpose   string
	TokenHash string `json:"-"`
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    *time.Time
}

// TableName is login_tokens.
func (LoginToken) TableName() string { return "login_tokens" }

// CreateLoginToken stores a token and sets its id.
func (s *Store) CreateLoginToken(ctx context.Context, t *LoginToken) error {
	return translate(s.q(ctx).Create(t).Error)
}

// LoginTokenByHash finds the token of a hash, used or not; ErrNotFound
// when none.
func (s *Store) LoginTokenByHash(ctx context.Context, tokenHash string) (*LoginToken, error) {
	var t LoginToken
	if err := s.q(ctx).Where("token_hash = ?", tokenHash).Take(&t).Error; err != nil {
		return nil, translate(err)
	}
	return &t, nil
}

// UseLoginToken spends a token at at: true for the one call that finds it
// unused and not expired, false for every other.
func (s *Store) UseLoginToken(ctx context.Context, id int64, at time.Time) (bool, error) {
	res := s.q(ctx).Model(&LoginToken{}).Where("id = ? AND used_at IS NULL AND expires_at > ?", id, at).Update("used_at", at)
	return res.RowsAffected == 1, translate(res.Error)
}

// EndLoginTokens marks a shop's user's unused tokens of purpose (every
// purpose when empty) used at at, so no older link works any more.
func (s *Store) EndLoginTokens(ctx context.Context, shopID, userID int64, purpose string, at time.Time) error {
	q := s.q(ctx).Model(&LoginToken{}).Where("shop_id = ? AND user_id = ? AND used_at IS NULL", shopID, userID)
	if purpose != "" {
		q = q.Where("purpose = ?", purpose)
	}
	return translate(q.Update("used_at", at).Error)
}

// PruneLoginTokens deletes the tokens that expired before before.
func (s *Store) PruneLoginTokens(ctx context.Context, before time.Time) error {
	return translate(s.q(ctx).Where("expires_at < ?", before).Delete(&LoginToken{}).Error)
}
