package server

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/tenant"
)

// mountLogin adds the standalone mode's pages that need no session: the
// login, the logout, the invitation and the password reset.
func (p *Panel) mountLogin(g *echo.Group) {
	g.GET("/login", p.loginPage)
	g.POST("/login", p.loginSubmit)
	g.POST("/logout", p.logout)
	p.mountInvite(g)
	p.mountReset(g)
}

// loginData is the login page's data.
type loginData struct {
	None   bool   // no standalone login in this installation
	Email  string // as typed, after a failed attempt
	Next   string // where to go after the login (a panel path)
	Error  string // why the last attempt failed
	Notice string // e.g. "logged out"
	Switch string // the page in the other language
}

// loginPage serves GET /app/login: the form, or on to the panel for a
// browser with a live session.
func (p *Panel) loginPage(c echo.Context) error {
	next := localNext(c.QueryParam("next"))
	if p.cfg.Logins != nil {
		if ck, err := c.Cookie(sessionCookie); err == nil && ck.Value != "" {
			_, _, err := p.cfg.Logins.Open(c.Request().Context(), ck.Value)
			if err == nil {
				return c.Redirect(http.StatusSeeOther, orInbox(next))
			}
			if !errors.Is(err, tenant.ErrNoLogin) {
				return err
			}
		}
	}
	d := &loginData{None: p.cfg.Logins == nil, Next: next}
	v := p.openView(c, "login.title", d)
	if c.QueryParam("out") == "1" {
		d.Notice = v.L.T("login.out")
	}
	return p.loginForm(c, http.StatusOK, v, d)
}

func (p *Panel) loginForm(c echo.Context, status int, v *view, d *loginData) error {
	d.Switch = otherLang(c, v.L, map[string]string{"next": d.Next})
	return p.render(c, status, "login", v)
}

// loginSubmit serves POST /app/login: with the pre-session token, the
// address and the password, a new session and on to next (or the inbox);
// a wrong address or password answers 422, too many failures 429 (without
// looking at the password), a missing or stale token 403, each with the
// form again.
func (p *Panel) loginSubmit(c echo.Context) error {
	if p.cfg.Logins == nil {
		return p.loginPage(c)
	}
	d := &loginData{Email: c.FormValue("email"), Next: localNext(c.FormValue("next"))}
	v := p.openView(c, "login.title", d)
	if !formOK(c) {
		d.Error = v.L.T("form.stale")
		return p.loginForm(c, http.StatusForbidden, v, d)
	}
	raw, err := p.cfg.Logins.Login(c.Request().Context(), d.Email, c.FormValue("password"), c.RealIP())
	switch {
	case errors.Is(err, tenant.ErrLimited):
		d.Error = v.L.T("login.limited")
		return p.loginForm(c, http.StatusTooManyRequests, v, d)
	case errors.Is(err, tenant.ErrBadLogin):
		d.Error = v.L.T("login.bad")
		return p.loginForm(c, http.StatusUnprocessableEntity, v, d)
	case err != nil:
		return err
	}
	if err := p.startSession(c, raw); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, orInbox(d.Next))
}

// logout serves POST /app/logout: it ends the server-side session (the
// form must carry the session's CSRF token) and clears the cookie. Without
// a live session there is nothing to end: the cookie goes all the same.
func (p *Panel) logout(c echo.Context) error {
	if ck, err := c.Cookie(sessionCookie); err == nil && ck.Value != "" && p.cfg.Logins != nil {
		_, ls, err := p.cfg.Logins.Open(c.Request().Context(), ck.Value)
		switch {
		case err == nil:
			if !csrfOK(c, ls.CSRF) {
				return staleForm()
			}
			if err := p.cfg.Logins.Logout(c.Request().Context(), ck.Value); err != nil {
				return err
			}
		case !errors.Is(err, tenant.ErrNoLogin):
			return err
		}
	}
	c.SetCookie(httpCookie{Name: sessionCookie, Path: "/app", MaxAge: -1}.cookie(c))
	return c.Redirect(http.StatusSeeOther, "/app/login?out=1")
}

func orInbox(next string) string {
	if next == "" {
		return "/app"
	}
	return next
}
