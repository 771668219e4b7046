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
		return echo.NewHTTPError(http.StatusForbidden,
			"the state does not match the install started in this browser (cookie missing, expired or for another shop): open the install link again")
	}
	c.SetCookie(a.clearStateCookie()) // the nonce is good for one callback
	code := q.Get("code")
	if code == "" {
		return echo.NewHTTPError(http.StatusBadRequest, "the callback has no authorization code")
	}
	ctx := c.Request().Context()
	creds, err := a.OAuth.ExchangeCode(ctx, shop, code)
	if err != nil {
		var oe *OAuthError
		if errors.As(err, &oe) && oe.Refused() {
			return echo.NewHTTPError(http.StatusBadRequest,
				"Shopify refused the authorization code (expired or already used): install the app again").SetInternal(err)
		}
		return echo.NewHTTPError(http.StatusBadGateway, "Shopify's token endpoint did not answer; try again").SetInternal(err)
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
		return echo.NewHTTPError(http.StatusUnauthorized, "the link is not signed (no hmac parameter)")
	}
	if !VerifyQuery(q, a.cfg.Secret) {
		return echo.NewHTTPError(http.StatusUnauthorized, "the link's hmac does not match its parameters")
	}
	ts, err := strconv.ParseInt(q.Get("timestamp"), 10, 64)
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "the link has no valid timestamp")
	}
	if d := a.now().Sub(time.Unix(ts, 0)); d > LinkMaxAge || d < -LinkMaxAge {
		return echo.NewHTTPError(http.StatusUnauthorized,
			fmt.Sprintf("the link's timestamp is more than %d seconds from now: open the app from the Shopify admin again", int(LinkMaxAge/time.Second)))
	}
	if !ValidShopDomain(q.Get("shop")) {
		return echo.NewHTTPError(http.StatusBadRequest, "shop is not a myshopify.com domain")
	}
	return nil
}

func missingScopesError(missing []string) error {
	return echo.NewHTTPError(http.StatusForbidden,
		"the grant lacks required access scopes: "+strings.Join(missing, ", ")+"; approve them when installing the app")
}
