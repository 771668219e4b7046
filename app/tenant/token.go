package tenant

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
)

// TokenPrefix starts every API token, so it is recognisable in a config
// file or a leak scanner, and never mistaken for a platform session token.
const TokenPrefix = "lethe_"

// tokenBytes is an API token's entropy: 256 bits.
const tokenBytes = 32

// tokenHashPurpose keys the token hash; only the hash is stored.
const tokenHashPurpose = "api.token"

// touchEvery is how often a token's last use is written at most.
const touchEvery = time.Minute

var (
	// ErrBadToken means the token is malformed, unknown or revoked.
	ErrBadToken = errors.New("tenant: the API token is not valid")
	// ErrShopGone means the token's shop is no longer installed.
	ErrShopGone = errors.New("tenant: the API token's shop is no longer installed")
)

// IsToken reports whether raw looks like an API token (not a platform
// session token).
func IsToken(raw string) bool { return strings.HasPrefix(raw, TokenPrefix) }

// IssueToken makes an API token for a shop, named name, and returns the
// token (which exists nowhere else: only its keyed hash is stored) and its
// row. The audit trail names by as who made it.
func IssueToken(ctx context.Context, st *store.Store, shopID int64, name, by string, now time.Time) (string, *store.APIToken, error) {
	raw := make([]byte, tokenBytes)
	if _, err := rand.Read(raw); err != nil {
		return "", nil, err
	}
	token := TokenPrefix + base64.RawURLEncoding.EncodeToString(raw)
	row := &store.APIToken{
		ShopID: shopID, Name: strings.TrimSpace(name),
		TokenHash: st.Keys().Hash(tokenHashPurpose, token), CreatedAt: dbTime(now),
	}
	err := st.Tx(ctx, func(tx *store.Store) error {
		if err := tx.CreateAPIToken(ctx, row); err != nil {
			return err
		}
		return auditToken(ctx, tx, row.ShopID, row.ID, by, "api_token.created", now)
	})
	if err != nil {
		return "", nil, err
	}
	return token, row, nil
}

// RevokeToken ends a shop's API token at now, audited as by's;
// store.ErrNotFound when the shop has no such token. Revoking a revoked
// token changes nothing.
func RevokeToken(ctx context.Context, st *store.Store, shopID, id int64, by string, now time.Time) error {
	return st.Tx(ctx, func(tx *store.Store) error {
		if live, err := tx.RevokeAPIToken(ctx, shopID, id, dbTime(now)); err != nil || !live {
			return err
		}
		return auditToken(ctx, tx, shopID, id, by, "api_token.revoked", now)
	})
}

func auditToken(ctx context.Context, tx *store.Store, shopID, id int64, by, action string, now time.Time) error {
	return tx.AddEvent(ctx, &store.Event{
		ShopID: shopID, Actor: by, Action: action, Detail: "token=" + strconv.FormatInt(id, 10), At: dbTime(now),
	})
}

// TokenSession is the session an API token opens at now: its shop and the
// token's id. ErrBadToken for a malformed, unknown or revoked token,
// ErrShopGone when the shop was uninstalled. It records the token's last
// use, at most once a minute.
func TokenSession(ctx context.Context, st *store.Store, token string, now time.Time) (Session, error) {
	body, ok := strings.CutPrefix(token, TokenPrefix)
	if raw, err := base64.RawURLEncoding.DecodeString(body); !ok || err != nil || len(raw) != tokenBytes {
		return Session{}, ErrBadToken
	}
	row, err := st.APITokenByHash(ctx, st.Keys().Hash(tokenHashPurpose, token))
	if errors.Is(err, store.ErrNotFound) || (err == nil && row.RevokedAt != nil) {
		return Session{}, ErrBadToken
	}
	if err != nil {
		return Session{}, err
	}
	sh, err := st.Shop(ctx, row.ShopID)
	if err != nil {
		return Session{}, err
	}
	if sh.Status == store.ShopUninstalled || sh.Status == store.ShopRedacted {
		return Session{}, ErrShopGone
	}
	if row.LastUsedAt == nil || now.Sub(*row.LastUsedAt) >= touchEvery {
		if err := st.TouchAPIToken(ctx, row.ID, dbTime(now)); err != nil {
			return Session{}, err
		}
	}
	return Session{Shop: sh, Token: row.ID}, nil
}

// dbTime is t as both databases store it: UTC, microseconds.
func dbTime(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }
