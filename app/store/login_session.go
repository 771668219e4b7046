package store

import (
	"context"
	"time"
)

// LoginSession is a standalone panel session kept on the server: the
// cookie holds a random id, the row only its keyed hash. CSRF is the token
// every form of the session carries.
type LoginSession struct {
	ID         int64
	ShopID     int64
	UserID     int64
	IDHash     string `json:"-"`
	CSRF       string `gorm:"column:csrf" json:"-"`
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time // the absolute end, whatever the use
}

// TableName is login_sessions.
func (LoginSession) TableName() string { return "login_sessions" }

// CreateLoginSession stores a session and sets its id.
func (s *Store) CreateLoginSession(ctx context.Context, ls *LoginSession) error {
	return translate(s.q(ctx).Create(ls).Error)
}

// LoginSessionByHash finds the session of an id's hash; ErrNotFound when
// none.
func (s *Store) LoginSessionByHash(ctx context.Context, idHash string) (*LoginSession, error) {
	var ls LoginSession
	if err := s.q(ctx).Where("id_hash = ?", idHash).Take(&ls).Error; err != nil {
		return nil, translate(err)
	}
	return &ls, nil
}

// TouchLoginSession records a session's use at at.
func (s *Store) TouchLoginSession(ctx context.Context, id int64, at time.Time) error {
	return translate(s.q(ctx).Model(&LoginSession{}).Where("id = ?", id).Update("last_seen_at", at).Error)
}

// DeleteLoginSession ends the session of an id's hash (none: nothing).
func (s *Store) DeleteLoginSession(ctx context.Context, idHash string) error {
	return translate(s.q(ctx).Where("id_hash = ?", idHash).Delete(&LoginSession{}).Error)
}

// DeleteUserSessions ends every session of a shop's user.
func (s *Store) DeleteUserSessions(ctx context.Context, shopID, userID int64) error {
	return translate(s.q(ctx).Where("shop_id = ? AND user_id = ?", shopID, userID).Delete(&LoginSession{}).Error)
}

// PruneLoginSessions deletes the sessions that ended: past their absolute
// end at now, or last seen before idleSince.
func (s *Store) PruneLoginSessions(ctx context.Context, now, idleSince time.Time) error {
	return translate(s.q(ctx).Where("expires_at <= ? OR last_seen_at <= ?", now, idleSince).Delete(&LoginSession{}).Error)
}
