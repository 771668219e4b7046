package shopify

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
)

// The OAuth state nonce lives in a cookie signed with the app secret and
// bound to the shop; the callback must present the same nonce in `state`.
const (
	stateCookie   = "lethe_shopify_state"
	statePath     = "/shopify/callback"
	stateLifetime = 10 * time.Minute // Shopify's authorization codes live as long
)

type oauthState struct {
	Shop  string `json:"s"`
	Nonce string `json:"n"`
	Exp   int64  `json:"e"` // unix seconds
}

var errState = errors.New("shopify: state cookie missing, expired, tampered with or for another shop")

func newNonce() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func (a *App) signState(payload string) string {
	m := hmac.New(sha256.New, []byte(a.cfg.Secret))
	m.Write([]byte("lethe.shopify.oauth-state\x00" + payload))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// stateCookieFor returns the cookie holding a fresh nonce for shop.
func (a *App) stateCookieFor(shop, nonce string) *http.Cookie {
	raw, _ := json.Marshal(oauthState{Shop: shop, Nonce: nonce, Exp: a.now().Add(stateLifetime).Unix()})
	payload := base64.RawURLEncoding.EncodeToString(raw)
	return &http.Cookie{
		Name: stateCookie, Value: payload + "." + a.signState(payload), Path: statePath,
		MaxAge: int(stateLifetime / time.Second), HttpOnly: true, Secure: a.secureCookies(),
		SameSite: http.SameSiteLaxMode, // sent on Shopify's top-level redirect back to us
	}
}

// clearStateCookie removes the state cookie.
func (a *App) clearStateCookie() *http.Cookie {
	return &http.Cookie{
		Name: stateCookie, Value: "", Path: statePath, MaxAge: -1, HttpOnly: true,
		Secure: a.secureCookies(), SameSite: http.SameSiteLaxMode,
	}
}

func (a *App) secureCookies() bool { return strings.HasPrefix(a.cfg.PublicURL, "https://") }

// spendState checks the state like checkState and spends its nonce: a
// state works for one callback, whichever process serves it (the spent
// nonce is recorded in the database until the state expires). A nonce
// spent before is errState; so is a store failure, logged here, so that
// the callback fails closed.
func (a *App) spendState(ctx context.Context, value, shop, nonce string) error {
	st, err := a.checkState(value, shop, nonce)
	if err != nil {
		return err
	}
	err = a.store.UseNonce(ctx, "shopify.oauth-state:"+st.Nonce, time.Unix(st.Exp, 0), a.now())
	if errors.Is(err, store.ErrConflict) {
		return errState
	}
	if err != nil {
		a.log.Error("install state nonce not recorded", "err", err)
		return errState
	}
	return nil
}

// checkState verifies the cookie's signature and expiry and that it holds
// nonce for shop, and returns the state.
func (a *App) checkState(value, shop, nonce string) (*oauthState, error) {
	payload, sig, ok := strings.Cut(value, ".")
	if !ok || !hmac.Equal([]byte(sig), []byte(a.signState(payload))) {
		return nil, errState
	}
	raw, err := base64.RawURLEncoding.DecodeString(payload)
	if err != nil {
		return nil, errState
	}
	var st oauthState
	if json.Unmarshal(raw, &st) != nil || st.Nonce == "" {
		return nil, errState
	}
	if !a.now().Before(time.Unix(st.Exp, 0)) {
		return nil, errState
	}
	if st.Shop != shop || !hmac.Equal([]byte(st.Nonce), []byte(nonce)) {
		return nil, errState
	}
	return &st, nil
}
