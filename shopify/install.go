package shopify

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	goshopify "github.com/bold-commerce/go-shopify/v4"
	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
)

// LinkMaxAge is how far the timestamp of a signed install or callback link
// may be from now.
const LinkMaxAge = 90 * time.Second

// install serves GET /shopify/install?shop&timestamp&hmac(&host): it checks
// the signed link and sends the merchant to Shopify's authorize page with a
// state nonce held in a signed cookie.
func (a *App) install(c echo.Context) error {
	q := c.QueryParams()
	if err := a.checkLink(q); err != nil {
		return err
	}
	shop := q.Get("shop")
	nonce := newNonce()
	c.SetCookie(a.stateCookieFor(shop, nonce))
	return c.Redirect(http.StatusFound, a.authorizeURL(shop, nonce))
}

// authorizeURL is Shopify's authorize page for shop (built by go-shopify).
// It is a browser redirect, so it always names the shop itself (never
// APIOrigin).
func (a *App) authorizeURL(shop, nonce string) string {
	app := goshopify.App{ApiKey: a.cfg.APIKey, RedirectUrl: a.cfg.PublicURL + statePath, Scope: strings.Join(a.cfg.Scopes, ",")}
	u, err := app.AuthorizeUrl(shop, nonce)
	if err != nil { // shop was validated before; cannot happen
		return "https://" + shop + "/admin/oauth/authorize"
	}
	return u
}

// callback serves GET /shopify/callback?code&hmac&host&shop&state&timestamp:
// it checks the link and the state, exchanges the code for an expiring
// offline token, checks the granted scopes, stores the shop with its tokens
// sealed and its details read through GraphQL, and enters the app.
func (a *App) callback(c echo.Context) error {
	q := c.QueryParams()
	if err := a.checkLink(q); err != nil {
		return err
	}
	shop := q.Get("shop")
	ck, err := c.Cookie(stateCookie)
	if err != nil || a.spendState(c.Request().Context(), ck.Value, shop, q.Get("state")) != nil {
		return fault.Forbidden(
			"the state does not match the install started in this browser (cookie missing, expired or for another shop): open the install link again")
	}
	c.SetCookie(a.clearStateCookie()) // the nonce is good for one callback
	code := q.Get("code")
	if code == "" {
		return fault.BadRequest("bad_request", "the callback has no authorization code")
	}
	ctx := c.Request().Context()
	creds, err := a.OAuth.ExchangeCode(ctx, shop, code)
	if err != nil {
		var oe *OAuthError
		if errors.As(err, &oe) && oe.Refused() {
			return fault.Wrap(http.StatusBadRequest, "bad_request",
				"Shopify refused the authorization code (expired or already used): install the app again", err)
		}
		return tokenEndpointDown(err)
	}
	if missing := MissingScopes(creds.Scope, a.cfg.Scopes); len(missing) > 0 {
		return missingScopesError(missing)
	}
	sh, err := a.installShop(ctx, shop, creds)
	if err != nil {
		return err
	}
	a.log.Info("shopify app installed", "shop_id", sh.ID, "grant", "authorization_code", "expiring", creds.Expiring())
	return c.Redirect(http.StatusFound, "https://"+shop+"/admin/apps/"+url.PathEscape(a.cfg.APIKey))
}

// checkLink verifies a link Shopify signed: the hex hmac over the other
// parameters, a timestamp within LinkMaxAge of now, and the shop domain.
func (a *App) checkLink(q url.Values) error {
	if q.Get("hmac") == "" {
		return fault.Unauthorized("the link is not signed (no hmac parameter)")
	}
	if !VerifyQuery(q, a.cfg.Secret) {
		return fault.Unauthorized("the link's hmac does not match its parameters")
	}
	ts, err := strconv.ParseInt(q.Get("timestamp"), 10, 64)
	if err != nil {
		return fault.BadRequest("bad_request", "the link has no valid timestamp")
	}
	if d := a.now().Sub(time.Unix(ts, 0)); d > LinkMaxAge || d < -LinkMaxAge {
		return fault.Unauthorized(
			fmt.Sprintf("the link's timestamp is more than %d seconds from now: open the app from the Shopify admin again", int(LinkMaxAge/time.Second)))
	}
	if !ValidShopDomain(q.Get("shop")) {
		return fault.BadRequest("bad_request", "shop is not a myshopify.com domain")
	}
	return nil
}

func missingScopesError(missing []string) error {
	return fault.Forbidden(
		"the grant lacks required access scopes: " + strings.Join(missing, ", ") + "; approve them when installing the app")
}

// unavailable answers 502 when Shopify did not answer a call the install
// needs (code "internal", as for every 5xx).
func unavailable(message string, cause error) error {
	return fault.Wrap(http.StatusBadGateway, "internal", message, cause)
}

// tokenEndpointDown: Shopify's token endpoint did not answer.
func tokenEndpointDown(cause error) error {
	return unavailable("Shopify's token endpoint did not answer; try again", cause)
}
