package server

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/tenant"
)

// The pages before a login (login, invitation, password reset) have no
// session to hold a CSRF token, yet their forms must not be posted from
// another site (login CSRF: logging the victim into the attacker's
// account). They carry a pre-session token instead: a random value in a
// cookie of its own and in the form's _csrf field (the X-CSRF-Token header
// under htmx), which must match — a double submit another site can neither
// read nor set.

// formCookie holds the pre-session CSRF token.
const formCookie = "lethe_form"

// formToken is the request's pre-session CSRF token: the cookie's, or a
// new one, set in the cookie.
func formToken(c echo.Context) string {
	if ck, err := c.Cookie(formCookie); err == nil && isToken(ck.Value) {
		return ck.Value
	}
	b := make([]byte, 32)
	rand.Read(b)
	tok := base64.RawURLEncoding.EncodeToString(b)
	c.SetCookie(httpCookie{Name: formCookie, Value: tok, Path: "/app", MaxAge: int((12 * time.Hour).Seconds())}.cookie(c))
	return tok
}

// formOK reports whether a pre-session form carries its cookie's token.
func formOK(c echo.Context) bool {
	ck, err := c.Cookie(formCookie)
	return err == nil && isToken(ck.Value) && csrfOK(c, ck.Value)
}

func isToken(s string) bool {
	b, err := base64.RawURLEncoding.DecodeString(s)
	return err == nil && len(b) == 32
}

// openView is the view of a page before the login: no shop, the
// pre-session CSRF token, data d.
func (p *Panel) openView(c echo.Context, titleKey string, d any) *view {
	v := &view{L: panelLang(c, ""), Static: staticVersion(), Demo: p.cfg.Mailbox != nil, Data: d}
	v.Title = v.L.T(titleKey)
	v.Path = c.Request().URL.Path
	v.CSRF = formToken(c)
	return v
}

// otherLang is the page in the other language: its path with ?lang= and
// the query params keep (those with a value).
func otherLang(c echo.Context, l lang, keep map[string]string) string {
	q := url.Values{}
	for k, v := range keep {
		if v != "" {
			q.Set(k, v)
		}
	}
	q.Set("lang", string(langDE))
	if l.DE() {
		q.Set("lang", string(langEN))
	}
	return c.Request().URL.Path + "?" + q.Encode()
}

// startSession puts a new login session's id into the cookie; the
// session the browser held before (if any) ends, so a login always
// rotates the id.
func (p *Panel) startSession(c echo.Context, raw string) error {
	if ck, err := c.Cookie(sessionCookie); err == nil && ck.Value != "" {
		if err := p.cfg.Logins.Logout(c.Request().Context(), ck.Value); err != nil {
			return err
		}
	}
	c.SetCookie(httpCookie{Name: sessionCookie, Value: raw, Path: "/app", MaxAge: int(tenant.SessionLifetime.Seconds())}.cookie(c))
	return nil
}

// localNext is where a login may go on to: a path of the panel, else "".
// Anything else (another host, //host, a scheme, backslashes, the login
// pages themselves) is dropped, so the login is no open redirect.
func localNext(s string) string {
	if s == "" || strings.ContainsAny(s, "\\\r\n\t") || strings.HasPrefix(s, "//") {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return ""
	}
	if u.Path != "/app" && (!strings.HasPrefix(u.Path, "/app/") || path.Clean(u.Path) != strings.TrimSuffix(u.Path, "/")) {
		return ""
	}
	for _, p := range []string{"/app/login", "/app/logout", "/app/static/"} {
		if strings.HasPrefix(u.Path, p) {
			return ""
		}
	}
	u.Fragment = ""
	return u.RequestURI()
}

// staleForm answers a session's form without its CSRF token (a form of
// another site, or of a session that ended): 403, code stale_form, which
// the panel's error page says in the page's language.
func staleForm() error {
	return fault.New(http.StatusForbidden, "stale_form", "the form's security token is missing or stale: reload the page and try again")
}
