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
// client's address 20: the password is then not looked at. Each attempt is
// counted before its password is checked, so parallel guesses cannot slip
// past the count. ErrBadLogin for an unknown address, a disabled user, a
// user without a password yet or a wrong password, all alike and taking as
// long (an unknown address is checked against a dummy hash), each counted
// as a failure.
func (l *Logins) Login(ctx context.Context, email, password, clientIP string) (string, error) {
	now := l.now()
	acct := l.limitKey(accountLogins, normalEmail(email))
	addr := l.limitKey(addressLogins, clientAddress(clientIP))
	ok, attempts, err := l.admit(ctx, now, []string{acct, addr}, []limit{accountLogins, addressLogins})
	if err != nil {
		return "", err
	}
	if !ok {
		return "", ErrLimited
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
	match := false
	if len(password) <= MaxPassword {
		if match, err = checkPassword(phc, password); err != nil {
			return "", err
		}
	}
	if !match || !real {
		return "", ErrBadLogin // the attempt stays counted
	}
	var raw string
	err = l.st.Tx(ctx, func(tx *store.Store) error {
		// A success forgets the account's failures and is no failure of
		// the address.
		if err := tx.ClearLoginAttempts(ctx, acct); err != nil {
			return err
		}
		if err := tx.DeleteLoginAttempts(ctx, attempts...); err != nil {
			return err
		}
		if raw, err = l.newSession(ctx, tx, u, now); err != nil {
			return err
		}
		return l.audit(ctx, tx, u, "merchant:"+UserRef(u.ID), "user.login")
	})
	return raw, err
}
