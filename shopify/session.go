package shopify

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
)

// RetryInvalidSessionHeader tells App Bridge to fetch a fresh session token
// and retry, as Shopify's own libraries answer an invalid one.
const RetryInvalidSessionHeader = "X-Shopify-Retry-Invalid-Session-Request"

// exchangeTimeout bounds a token exchange, which runs on after the request
// that started it is gone (other requests wait for it).
const exchangeTimeout = time.Minute

// errSubjectRefused: Shopify refused the session token in token exchange.
var errSubjectRefused = errors.New("shopify: token exchange refused the session token")

// SessionAuth authenticates the embedded app's API calls by their App
// Bridge session token (Authorization: Bearer <JWT>) and puts the shop into
// the request's context (tenant.Session). A shop Lethe has no usable token
// for (a managed installation, an uninstalled or re-authenticating shop)
// gets one by token exchange, once even when many calls arrive together.
func (a *App) SessionAuth() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			raw, ok := bearerToken(c.Request().Header.Get(echo.HeaderAuthorization))
			if !ok {
				return invalidSession(c, "missing session token: send Authorization: Bearer <session token>")
			}
			claims, err := ParseSessionToken(raw, a.cfg.APIKey, a.cfg.Secret, a.now())
			if err != nil {
				return invalidSession(c, err.Error())
			}
			ctx := c.Request().Context()
			sh, err := a.sessionShop(ctx, claims.Shop(), raw)
			if errors.Is(err, errSubjectRefused) {
				return invalidSession(c, "Shopify refused the session token in token exchange")
			}
			if err != nil {
				return err
			}
			ctx = tenant.With(ctx, tenant.Session{Shop: sh, User: claims.Subject})
			c.SetRequest(c.Request().WithContext(ctx))
			return next(c)
		}
	}
}

func bearerToken(h string) (string, bool) {
	scheme, tok, ok := strings.Cut(strings.TrimSpace(h), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	tok = strings.TrimSpace(tok)
	return tok, tok != ""
}

func invalidSession(c echo.Context, msg string) error {
	c.Response().Header().Set(RetryInvalidSessionHeader, "1")
	return fault.Unauthorized(msg)
}

// sessionShop returns the shop of a valid session, performing token
// exchange first when Lethe has no usable token for it.
func (a *App) sessionShop(ctx context.Context, domain, sessionToken string) (*store.Shop, error) {
	sh, err := a.store.ShopByDomain(ctx, Platform, domain)
	switch {
	case err == nil && a.usable(sh):
		return sh, nil
	case err != nil && !errors.Is(err, store.ErrNotFound):
		return nil, err
	}
	v, err, _ := a.exchanges.Do(domain, func() (any, error) {
		xctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), exchangeTimeout)
		defer cancel()
		return a.exchange(xctx, domain, sessionToken)
	})
	if err != nil {
		return nil, err
	}
	cp := *v.(*store.Shop) // each request gets its own copy
	return &cp, nil
}

// usable reports whether the shop is active with a token that works now or
// can be refreshed.
func (a *App) usable(sh *store.Shop) bool {
	if sh.Status != store.ShopActive {
		return false
	}
	var c Credentials
	if a.store.OpenCredentials(sh, &c) != nil || c.AccessToken == "" {
		return false
	}
	now := a.now()
	if !c.Expiring() || now.Before(c.ExpiresAt) {
		return true
	}
	return c.RefreshToken != "" && (c.RefreshExpiresAt.IsZero() || now.Before(c.RefreshExpiresAt))
}

// exchange performs token exchange for the shop and installs it.
func (a *App) exchange(ctx context.Context, domain, sessionToken string) (*store.Shop, error) {
	// A request that looked before an earlier exchange finished finds its
	// result here instead of exchanging again.
	if sh, err := a.store.ShopByDomain(ctx, Platform, domain); err == nil && a.usable(sh) {
		return sh, nil
	}
	creds, err := a.OAuth.ExchangeSessionToken(ctx, domain, sessionToken)
	if err != nil {
		var oe *OAuthError
		if errors.As(err, &oe) && oe.Refused() {
			a.log.Warn("token exchange refused", "status", oe.Status, "code", oe.Code)
			return nil, errSubjectRefused
		}
		return nil, tokenEndpointDown(err)
	}
	if missing := MissingScopes(creds.Scope, a.cfg.Scopes); len(missing) > 0 {
		return nil, missingScopesError(missing)
	}
	sh, err := a.installShop(ctx, domain, creds)
	if err != nil {
		return nil, err
	}
	a.log.Info("shopify app installed", "shop_id", sh.ID, "grant", "token_exchange", "expiring", creds.Expiring())
	return sh, nil
}
