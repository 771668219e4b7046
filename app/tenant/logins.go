package tenant

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"net/mail"
	"strconv"
	"strings"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
)

// The standalone panel's logins: users per shop with an e-mail address and
// an argon2id password (password.go), server-side sessions (this file),
// the login with its rate limit (login.go, login_limit.go) and one-time
// links for invitations and password resets (login_link.go).
//
// An e-mail address belongs to one user of one shop in the whole
// installation, so the login form asks for the address and the password
// alone; a person who works for two shops uses two addresses.

var (
	// ErrNoLogin: the cookie names no live login session.
	ErrNoLogin = errors.New("tenant: no such login session")
	// ErrBadLogin: the address is unknown, the user disabled or without a
	// password yet, or the password wrong (one answer for all of them).
	ErrBadLogin = errors.New("tenant: wrong e-mail address or password")
	// ErrLimited: too many failed attempts for the account or the client's
	// address; the attempt was refused without looking at the password.
	ErrLimited = errors.New("tenant: too many attempts, try again later")
	// ErrBadLink: the invitation or reset link is unknown, used, expired or
	// its user disabled.
	ErrBadLink = errors.New("tenant: the link is not valid (used, expired or unknown)")
	// ErrPasswordLength: the new password is shorter than MinPassword or
	// longer than MaxPassword.
	ErrPasswordLength = fmt.Errorf("tenant: a password needs %d to %d characters", MinPassword, MaxPassword)
	// ErrBadEmail: not a plain e-mail address.
	ErrBadEmail = errors.New("tenant: not an e-mail address")
	// ErrEmailTaken: a user with that address exists (in this or another
	// shop of the installation).
	ErrEmailTaken = errors.New("tenant: a user with that e-mail address exists")
)

// Lifetimes of sessions and links.
const (
	SessionIdle     = 12 * time.Hour     // a session unused this long ends
	SessionLifetime = 7 * 24 * time.Hour // a session ends this long after the login, used or not
	InviteLifetime  = 7 * 24 * time.Hour
	ResetLifetime   = time.Hour
)

// secretBytes is the entropy of a session id, CSRF token or link: 256 bits.
const secretBytes = 32

// Purposes of the keyed hashes of secrets; only the hashes are stored.
const (
	sessionHashPurpose = "login.session"
	linkHashPurpose    = "login.link"
)

// Logins are the standalone panel's users (per shop, e-mail and an
// argon2id password hash) and their server-side sessions. The clock is the
// store's (store.Options.Now).
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
	if !isSecret(raw) {
		return Session{}, LoginSession{}, ErrNoLogin
	}
	now := l.now()
	row, err := l.st.LoginSessionByHash(ctx, l.st.Keys().Hash(sessionHashPurpose, raw))
	if errors.Is(err, store.ErrNotFound) {
		return Session{}, LoginSession{}, ErrNoLogin
	}
	if err != nil {
		return Session{}, LoginSession{}, err
	}
	if !now.Before(row.ExpiresAt) || !now.Before(row.LastSeenAt.Add(SessionIdle)) {
		if err := l.st.DeleteLoginSession(ctx, row.IDHash); err != nil {
			return Session{}, LoginSession{}, err
		}
		return Session{}, LoginSession{}, ErrNoLogin
	}
	u, err := l.st.User(ctx, row.ShopID, row.UserID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && u.DisabledAt != nil) {
		return Session{}, LoginSession{}, ErrNoLogin
	}
	if err != nil {
		return Session{}, LoginSession{}, err
	}
	sh, err := l.st.Shop(ctx, row.ShopID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && (sh.Status == store.ShopUninstalled || sh.Status == store.ShopRedacted)) {
		return Session{}, LoginSession{}, ErrNoLogin
	}
	if err != nil {
		return Session{}, LoginSession{}, err
	}
	if now.Sub(row.LastSeenAt) >= touchEvery {
		if err := l.st.TouchLoginSession(ctx, row.ID, now); err != nil {
			return Session{}, LoginSession{}, err
		}
	}
	return Session{Shop: sh, User: UserRef(u.ID)}, LoginSession{UserID: u.ID, Email: u.Email, CSRF: row.CSRF}, nil
}

// UserRef is how a session (and so the audit trail, "merchant:login:<id>")
// names a standalone user: by id, never by address.
func UserRef(id int64) string { return "login:" + strconv.FormatInt(id, 10) }

// CreateUser adds a user with e-mail address email to the shop, without a
// password yet: they set it through an invitation link (InviteLink).
// ErrBadEmail for what is not a plain address, ErrEmailTaken when a user
// has it already, store.ErrNotFound when there is no such shop.
func (l *Logins) CreateUser(ctx context.Context, shopID int64, email string) (int64, error) {
	email, err := plainAddress(email)
	if err != nil {
		return 0, err
	}
	if _, err := l.st.Shop(ctx, shopID); err != nil {
		return 0, err
	}
	u := &store.User{ShopID: shopID, Email: email, CreatedAt: dbTime(l.now())}
	err = l.st.Tx(ctx, func(tx *store.Store) error {
		if err := tx.CreateUser(ctx, u); err != nil {
			return err
		}
		return l.audit(ctx, tx, u, "system", "user.created")
	})
	if errors.Is(err, store.ErrConflict) {
		return 0, ErrEmailTaken
	}
	return u.ID, err
}

// InviteLink returns a one-time link under base (Lethe's public URL) that
// lets the user set a password and logs them in; it ends when used or
// after its lifetime. A new link ends the user's earlier invitations.
func (l *Logins) InviteLink(ctx context.Context, userID int64, base string) (string, error) {
	u, err := l.st.UserByID(ctx, userID)
	if err != nil {
		return "", err
	}
	if u.DisabledAt != nil {
		return "", fmt.Errorf("tenant: user %d is disabled", u.ID)
	}
	var token string
	err = l.st.Tx(ctx, func(tx *store.Store) error {
		token, err = l.issueLink(ctx, tx, u, store.LoginInvite, InviteLifetime)
		if err != nil {
			return err
		}
		return l.audit(ctx, tx, u, "system", "user.invited")
	})
	if err != nil {
		return "", err
	}
	return linkURL(base, "invite", token), nil
}

// newSession opens a session for u at now inside tx and returns the
// cookie's value; sessions that ended are pruned on the way.
func (l *Logins) newSession(ctx context.Context, tx *store.Store, u *store.User, now time.Time) (string, error) {
	raw, err := newSecret()
	if err != nil {
		return "", err
	}
	csrf, err := newSecret()
	if err != nil {
		return "", err
	}
	if err := tx.PruneLoginSessions(ctx, now, now.Add(-SessionIdle)); err != nil {
		return "", err
	}
	row := &store.LoginSession{
		ShopID: u.ShopID, UserID: u.ID, IDHash: tx.Keys().Hash(sessionHashPurpose, raw), CSRF: csrf,
		CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(SessionLifetime),
	}
	if err := tx.CreateLoginSession(ctx, row); err != nil {
		return "", err
	}
	if err := tx.TouchUserLogin(ctx, u.ShopID, u.ID, now); err != nil {
		return "", err
	}
	return raw, nil
}

// Logout ends the session named by a cookie's value; an unknown or ended
// one is no error.
func (l *Logins) Logout(ctx context.Context, raw string) error {
	if !isSecret(raw) {
		return nil
	}
	return l.st.DeleteLoginSession(ctx, l.st.Keys().Hash(sessionHashPurpose, raw))
}

func (l *Logins) audit(ctx context.Context, tx *store.Store, u *store.User, actor, action string) error {
	return tx.AddEvent(ctx, &store.Event{
		ShopID: u.ShopID, Actor: actor, Action: action, Detail: "user=" + strconv.FormatInt(u.ID, 10), At: dbTime(l.now()),
	})
}

func (l *Logins) now() time.Time { return dbTime(l.st.Now()) }

// plainAddress is email trimmed when it is a bare address (no name, no
// angle brackets); ErrBadEmail otherwise.
func plainAddress(email string) (string, error) {
	email = strings.TrimSpace(email)
	a, err := mail.ParseAddress(email)
	if err != nil || a.Name != "" || a.Address != email || len(email) > 254 {
		return "", ErrBadEmail
	}
	return email, nil
}

// newSecret is 256 random bits, base64url.
func newSecret() (string, error) {
	b := make([]byte, secretBytes)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// isSecret reports whether s looks like a newSecret.
func isSecret(s string) bool {
	b, err := base64.RawURLEncoding.DecodeString(s)
	return err == nil && len(b) == secretBytes
}
