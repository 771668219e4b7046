package shopifytest

import (
	"crypto/rand"
	"encoding/hex"
	"time"
)

// Lifetimes Shopify uses for expiring offline tokens.
const (
	AccessTokenLifetime  = time.Hour           // expires_in: 3600
	RefreshTokenLifetime = 90 * 24 * time.Hour // refresh_token_expires_in: 7776000
	onlineTokenLifetime  = 24*time.Hour - time.Second
	authCodeLifetime     = 10 * time.Minute
)

type accessToken struct {
	value     string
	shop      string
	scope     string
	online    bool
	expiresAt time.Time // zero: never
	revoked   bool
	used      bool
}

type refreshToken struct {
	value     string
	shop      string
	scope     string
	expiresAt time.Time
	revoked   bool
	// After a refresh the token is spent; replacement is the pair it
	// produced. Shopify keeps a spent refresh token usable until the app
	// starts using its replacement (changelog of 28 Aug 2026), answering the
	// same pair again, so a lost refresh response can be recovered.
	spent        bool
	replacement  *accessToken
	replacementR *refreshToken
}

type authCode struct {
	shop      string
	scope     string
	expiresAt time.Time
	used      bool
}

type tokenStore struct {
	access  map[string]*accessToken
	refresh map[string]*refreshToken
	codes   map[string]*authCode
}

func newTokenStore() tokenStore {
	return tokenStore{
		access:  map[string]*accessToken{},
		refresh: map[string]*refreshToken{},
		codes:   map[string]*authCode{},
	}
}

func randomToken(prefix string) string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

// issue creates an access token (and a refresh token when expiring).
func (ts *tokenStore) issue(now time.Time, shop, scope string, online, expiring bool) (*accessToken, *refreshToken) {
	at := &accessToken{value: randomToken("shpat_"), shop: shop, scope: scope, online: online}
	if online {
		at.value = randomToken("shpua_")
		at.expiresAt = now.Add(onlineTokenLifetime)
	}
	var rt *refreshToken
	if expiring && !online {
		at.expiresAt = now.Add(AccessTokenLifetime)
		rt = &refreshToken{value: randomToken("shprt_"), shop: shop, scope: scope, expiresAt: now.Add(RefreshTokenLifetime)}
		ts.refresh[rt.value] = rt
	}
	ts.access[at.value] = at
	return at, rt
}

// valid returns the token when it authenticates a request to shop at now.
func (ts *tokenStore) valid(now time.Time, value, shop string) *accessToken {
	at := ts.access[value]
	if at == nil || at.revoked || at.shop != shop {
		return nil
	}
	if !at.expiresAt.IsZero() && !now.Before(at.expiresAt) {
		return nil
	}
	return at
}

func (ts *tokenStore) revokeShop(shop string) {
	for _, at := range ts.access {
		if at.shop == shop {
			at.revoked = true
		}
	}
	for _, rt := range ts.refresh {
		if rt.shop == shop {
			rt.revoked = true
		}
	}
	for _, c := range ts.codes {
		if c.shop == shop {
			c.used = true
		}
	}
}

func (ts *tokenStore) newCode(now time.Time, shop, scope string) string {
	code := randomToken("")
	ts.codes[code] = &authCode{shop: shop, scope: scope, expiresAt: now.Add(authCodeLifetime)}
	return code
}
