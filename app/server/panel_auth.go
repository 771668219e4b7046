package server

import (
	"crypto/subtle"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"regexp"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/tenant"
)

// auth admits a panel request and puts its tenant.Session and view into
// the context. Embedded: a Shopify session token (?id_token= on the first
// load, Authorization: Bearer on every htmx request), verified by the
// platform's session auth, which refuses a missing, expired or forged one
// (401) and names only the token's own shop. Standalone: the login
// session's cookie; a form or htmx request that changes something must
// carry the session's CSRF token. Anyone else goes to the login page.
func (p *Panel) auth(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		if p.cfg.Embedded != nil {
			tok, _ := bearerOf(req.Header.Get(echo.HeaderAuthorization))
			fromQuery := false
			if tok == "" {
				tok, fromQuery = c.QueryParam("id_token"), true
			}
			shop := c.QueryParam("shop")
			bounceable := req.Method == http.MethodGet && c.QueryParam("embedded") == "1" && shopDomain.MatchString(shop)
			if tok != "" && !tenant.IsToken(tok) {
				req.Header.Set(echo.HeaderAuthorization, "Bearer "+tok)
				reached := false
				err := p.cfg.Embedded(func(c echo.Context) error {
					reached = true
					sess, ok := tenant.From(c.Request().Context())
					if !ok {
						return fault.Unauthorized("no authenticated shop")
					}
					c.Set(viewKey, p.baseView(c, sess, true, "", ""))
					return next(c)
				})(c)
				// A page load whose token has expired (a reload, a link
				// from the admin) fetches a fresh one instead of failing.
				if err != nil && !reached && fromQuery && bounceable {
					return p.bounce(c, shop)
				}
				return err
			}
			if bounceable {
				return p.bounce(c, shop)
			}
		}
		if p.cfg.Logins != nil {
			if ck, err := c.Cookie(sessionCookie); err == nil && ck.Value != "" {
				sess, ls, err := p.cfg.Logins.Open(req.Context(), ck.Value)
				switch {
				case err == nil:
					if unsafeMethod(req.Method) && !csrfOK(c, ls.CSRF) {
						return staleForm()
					}
					c.SetRequest(req.WithContext(tenant.With(req.Context(), sess)))
					c.Set(viewKey, p.baseView(c, sess, false, ls.CSRF, ls.Email))
					return next(c)
				case !errors.Is(err, tenant.ErrNoLogin):
					return err
				}
			}
		}
		return p.toLogin(c)
	}
}

// toLogin sends a visitor without a session to the login page, coming
// back to the page they asked for; an htmx request is told to go there.
func (p *Panel) toLogin(c echo.Context) error {
	dest := "/app/login"
	if c.Request().Method == http.MethodGet && c.Request().URL.Path != "/app/login" {
		dest += "?next=" + url.QueryEscape(c.Request().URL.RequestURI())
	}
	if c.Request().Header.Get("HX-Request") == "true" {
		c.Response().Header().Set("HX-Redirect", dest)
		return c.NoContent(http.StatusUnauthorized)
	}
	return c.Redirect(http.StatusSeeOther, dest)
}

// sessionCookie holds a standalone login session's id.
const sessionCookie = "lethe_session"

func unsafeMethod(m string) bool {
	return m != http.MethodGet && m != http.MethodHead && m != http.MethodOptions
}

// csrfOK reports whether the request carries the session's CSRF token, in
// the X-CSRF-Token header (htmx) or the _csrf form field.
func csrfOK(c echo.Context, want string) bool {
	got := c.Request().Header.Get("X-CSRF-Token")
	if got == "" {
		got = c.FormValue("_csrf")
	}
	return want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

func bearerOf(h string) (string, bool) {
	scheme, tok, ok := strings.Cut(strings.TrimSpace(h), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	return strings.TrimSpace(tok), true
}

// shopDomain is a Shopify shop's own domain.
var shopDomain = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9-]*\.myshopify\.com$`)

// bounceHTML is Shopify's session-token bounce page: App Bridge loads,
// fetches a session token and reloads the page named by shopify-reload
// with it as ?id_token=.
var bounceHTML = template.Must(template.New("bounce").Parse(`<!doctype html>
<html><head><meta charset="utf-8"><meta name="shopify-api-key" content="{{.Key}}">
<script src="https://cdn.shopify.com/shopifycloud/app-bridge.js"></script><title>Lethe</title></head><body></body></html>`))

// bounce answers an embedded load without a session token (a reload, a
// link from the admin): the bounce page, which comes back with one.
func (p *Panel) bounce(c echo.Context, shop string) error {
	q := c.Request().URL.Query()
	if q.Get("shopify-reload") == "" {
		back := c.Request().URL.Query()
		back.Del("id_token") // App Bridge adds the fresh one
		q.Del("id_token")
		q.Set("shopify-reload", c.Request().URL.Path+"?"+back.Encode())
		u := *c.Request().URL
		u.RawQuery = q.Encode()
		return c.Redirect(http.StatusSeeOther, u.RequestURI())
	}
	h := c.Response().Header()
	h.Set("Content-Security-Policy", "default-src 'none'; script-src https://cdn.shopify.com; connect-src https://*.shopify.com; frame-ancestors https://"+shop+" https://admin.shopify.com; base-uri 'none'")
	h.Set(echo.HeaderCacheControl, "no-store")
	var b strings.Builder
	if err := bounceHTML.Execute(&b, struct{ Key string }{p.cfg.ShopifyAPIKey}); err != nil {
		return err
	}
	return c.HTML(http.StatusOK, b.String())
}
