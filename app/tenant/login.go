package tenant

import (
	"context"
	"errors"

	"github.com/lethe-gdpr/lethe/app/store"
)

// Login checks a user's e-mail address and password and opens a session:
// the cookie's value (a new one each time: a login never reuses an
// earlier session). clientIP is the caller's address, for the rate limit.
//
// ErrLimited when the account had 5 failed attempts in 15 minutes or the
// client's address 20 — the password is then not looked at; ErrBadLogin
// for an unknown address, a disabled user, a user without a password yet or
// a wrong password, all alike and taking as long (an unknown address is
// checked against a dummy hash) and each counted as a failure.
func (l *Logins) Login(ctx context.Context, email, password, clientIP string) (string, error) {
	now := l.now()
	acct := l.limitKey(accountLogins, normalEmail(email))
	addr := l.limitKey(addressLogins, clientAddress(clientIP))
	if over, err := l.overAny(ctx, now, map[string]limit{acct: accountLogins, addr: addressLogins}); err != nil || over {
		if err == nil {
			err = ErrLimited
		}
		return "", err
	}
	u, err := l.st.UserByEmail(ctx, email)
	if errors.Is(err, store.ErrNotFound) {
		u, err = nil, nil
	}
	if err != nil {
		return "", err
	}
	phc, real := dummyHash(), false
	if u != nil && u.PasswordHash != "" && u.DisabledAt == nil {
		phc, real = u.PasswordHash, true
	}
	ok := false
	if len(password) <= MaxPassword {
		if ok, err = checkPassword(phc, password); err != nil {
			return "", err
		}
	}
	if !ok || !real {
		if err := l.record(ctx, now, acct, addr); err != nil {
			return "", err
		}
		return "", ErrBadLogin
	}
	var raw string
	err = l.st.Tx(ctx, func(tx *store.Store) error {
		if err := tx.ClearLoginAttempts(ctx, acct); err != nil {
			return err
		}
		if raw, err = l.newSession(ctx, tx, u, now); err != nil {
			return err
		}
		return l.audit(ctx, tx, u, "merchant:"+UserRef(u.ID), "user.login")
	})
	return raw, err
}
