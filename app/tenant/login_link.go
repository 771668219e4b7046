package tenant

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/store"
)

// Link is what a valid invitation or reset link is for.
type Link struct {
	Purpose string // store.LoginInvite or store.LoginReset
	ShopID  int64
	UserID  int64
	Email   string // the user's own address, shown to the holder of the link
	Expires time.Time
}

// issueLink makes a one-time link secret for u inside tx and ends u's
// earlier links of the same purpose.
func (l *Logins) issueLink(ctx context.Context, tx *store.Store, u *store.User, purpose string, life time.Duration) (string, error) {
	token, err := newSecret()
	if err != nil {
		return "", err
	}
	now := l.now()
	if err := tx.EndLoginTokens(ctx, u.ShopID, u.ID, purpose, now); err != nil {
		return "", err
	}
	if err := tx.PruneLoginTokens(ctx, now.Add(-24*time.Hour)); err != nil {
		return "", err
	}
	err = tx.CreateLoginToken(ctx, &store.LoginToken{
		ShopID: u.ShopID, UserID: u.ID, Purpose: purpose, TokenHash: tx.Keys().Hash(linkHashPurpose, token),
		CreatedAt: now, ExpiresAt: now.Add(life),
	})
	return token, err
}

// linkURL is the panel's page of a link: base/app/invite/<token> or
// base/app/reset/<token>.
func linkURL(base, page, token string) string {
	return strings.TrimRight(base, "/") + "/app/" + page + "/" + token
}

// CheckLink reports what a link of purpose is for, without spending it
// (the page that asks for the new password); ErrBadLink when it is not a
// live link of that purpose.
func (l *Logins) CheckLink(ctx context.Context, purpose, token string) (Link, error) {
	t, u, err := l.liveLink(ctx, purpose, token)
	if err != nil {
		return Link{}, err
	}
	return Link{Purpose: t.Purpose, ShopID: u.ShopID, UserID: u.ID, Email: u.Email, Expires: t.ExpiresAt}, nil
}

func (l *Logins) liveLink(ctx context.Context, purpose, token string) (*store.LoginToken, *store.User, error) {
	if !isSecret(token) {
		return nil, nil, ErrBadLink
	}
	t, err := l.st.LoginTokenByHash(ctx, l.st.Keys().Hash(linkHashPurpose, token))
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil, ErrBadLink
	}
	if err != nil {
		return nil, nil, err
	}
	if t.Purpose != purpose || t.UsedAt != nil || !l.now().Before(t.ExpiresAt) {
		return nil, nil, ErrBadLink
	}
	u, err := l.st.User(ctx, t.ShopID, t.UserID)
	if errors.Is(err, store.ErrNotFound) || (err == nil && u.DisabledAt != nil) {
		return nil, nil, ErrBadLink
	}
	return t, u, err
}

// Redeem spends a link of purpose (store.LoginInvite, store.LoginReset):
// it sets the user's password, ends their other sessions and links, and
// logs them in — the new session's cookie value, and whether this is the
// user's first login. ErrPasswordLength leaves the link usable; ErrBadLink
// when it is not a live link of that purpose (also for the second of two
// concurrent redemptions).
func (l *Logins) Redeem(ctx context.Context, purpose, token, password string) (string, bool, error) {
	if n := utf8.RuneCountInString(password); n < MinPassword || n > MaxPassword {
		return "", false, ErrPasswordLength
	}
	t, u, err := l.liveLink(ctx, purpose, token)
	if err != nil {
		return "", false, err
	}
	phc, err := hashPassword(password)
	if err != nil {
		return "", false, err
	}
	first := u.LastLoginAt == nil
	var raw string
	err = l.st.Tx(ctx, func(tx *store.Store) error {
		now := l.now()
		if ok, err := tx.UseLoginToken(ctx, t.ID, now); err != nil || !ok {
			if err == nil {
				err = ErrBadLink
			}
			return err
		}
		if err := tx.SetUserPassword(ctx, u.ShopID, u.ID, phc, now); err != nil {
			return err
		}
		if err := tx.EndLoginTokens(ctx, u.ShopID, u.ID, "", now); err != nil {
			return err
		}
		if err := tx.DeleteUserSessions(ctx, u.ShopID, u.ID); err != nil {
			return err
		}
		if err := tx.ClearLoginAttempts(ctx, l.limitKey(accountLogins, normalEmail(u.Email))); err != nil {
			return err
		}
		if raw, err = l.newSession(ctx, tx, u, now); err != nil {
			return err
		}
		return l.audit(ctx, tx, u, "merchant:"+UserRef(u.ID), "user.password_set")
	})
	return raw, first, err
}

// RequestReset e-mails a password reset link (under base, Lethe's public
// URL, valid for ResetLifetime) to the user of email, in lang, and
// returns the e-mail's send step for the caller to enqueue after the
// commit. Whether there is such a user is not told: nil step and nil error
// for an unknown address, a disabled user, or an account that was sent 3
// links within the hour. ErrLimited only when the client's address asked
// 20 times in 15 minutes, whatever the addresses.
func (l *Logins) RequestReset(ctx context.Context, email, clientIP, base, lang string) (*store.Step, error) {
	now := l.now()
	acct := l.limitKey(accountResets, normalEmail(email))
	addr := l.limitKey(addressResets, clientAddress(clientIP))
	if over, err := l.over(ctx, addressResets, addr, now); err != nil || over {
		if err == nil {
			err = ErrLimited
		}
		return nil, err
	}
	over, err := l.over(ctx, accountResets, acct, now)
	if err != nil {
		return nil, err
	}
	if _, err := l.record(ctx, now, acct, addr); err != nil {
		return nil, err
	}
	if over {
		return nil, nil
	}
	u, err := l.st.UserByEmail(ctx, email)
	if errors.Is(err, store.ErrNotFound) || (err == nil && u.DisabledAt != nil) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	sh, err := l.st.Shop(ctx, u.ShopID)
	if err != nil {
		return nil, err
	}
	var step *store.Step
	err = l.st.Tx(ctx, func(tx *store.Store) error {
		token, err := l.issueLink(ctx, tx, u, store.LoginReset, ResetLifetime)
		if err != nil {
			return err
		}
		e, err := mail.DraftPasswordReset(ctx, tx, sh, u.Email, lang, linkURL(base, "reset", token), now.Add(ResetLifetime))
		if err != nil {
			return err
		}
		if step, err = mail.QueueSend(ctx, tx, e); err != nil {
			return err
		}
		return l.audit(ctx, tx, u, "system", "user.reset_requested")
	})
	return step, err
}
