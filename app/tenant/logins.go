package tenant

import (
	"context"
	"errors"

	"github.com/lethe-gdpr/lethe/app/store"
)

// ErrNoLogin: the cookie names no live login session.
var ErrNoLogin = errors.New("tenant: no such login session")

// Logins are the standalone panel's users (per shop, e-mail and an
// argon2id password hash) and their server-side sessions.
type Logins struct {
	st *store.Store
}

// NewLogins returns the logins kept in st.
func NewLogins(st *store.Store) *Logins { return &Logins{st: st} }

// LoginSession is an open login session: its user and its CSRF token.
type LoginSession struct {
	UserID int64
	Email  string
	CSRF   string
}

// Open returns the session named by a cookie's value (ErrNoLogin when
// there is none, it expired or its user is gone).
func (l *Logins) Open(ctx context.Context, raw string) (Session, LoginSession, error) {
	return Session{}, LoginSession{}, ErrNoLogin
}
