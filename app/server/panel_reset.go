package server

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
)

// mountReset adds the password reset: GET/POST /app/reset asks for a link
// by e-mail, GET/POST /app/reset/:token sets the new password.
func (p *Panel) mountReset(g *echo.Group) {
	g.GET("/reset", p.resetPage)
	g.POST("/reset", p.resetSubmit)
	g.GET("/reset/:token", func(c echo.Context) error { return p.linkPage(c, "reset_password", store.LoginReset) })
	g.POST("/reset/:token", func(c echo.Context) error {
		return p.linkSubmit(c, "reset_password", store.LoginReset, func(bool) string { return "/app" })
	})
}

// resetData is the reset request page's data.
type resetData struct {
	Sent   bool // the answer after a request
	Error  string
	Switch string
}

// resetPage serves GET /app/reset: the form asking for the address.
func (p *Panel) resetPage(c echo.Context) error {
	if p.cfg.Logins == nil {
		return p.loginPage(c)
	}
	d := &resetData{}
	v := p.openView(c, "reset.title", d)
	d.Switch = otherLang(c, v.L, nil)
	return p.render(c, http.StatusOK, "reset", v)
}

// resetSubmit serves POST /app/reset: it e-mails a link when there is a
// login for the address and answers the same page either way, so the page
// tells nobody whether an address has a login. 429 when this client asked
// too often (whatever the addresses), 403 without the form's token.
func (p *Panel) resetSubmit(c echo.Context) error {
	if p.cfg.Logins == nil {
		return p.loginPage(c)
	}
	d := &resetData{}
	v := p.openView(c, "reset.title", d)
	d.Switch = otherLang(c, v.L, nil)
	if !formOK(c) {
		d.Error = v.L.T("form.stale")
		return p.render(c, http.StatusForbidden, "reset", v)
	}
	ctx := c.Request().Context()
	st, err := p.cfg.Logins.RequestReset(ctx, c.FormValue("email"), c.RealIP(), p.cfg.PublicURL, string(v.L))
	switch {
	case errors.Is(err, tenant.ErrLimited):
		d.Error = v.L.T("reset.limited")
		return p.render(c, http.StatusTooManyRequests, "reset", v)
	case err != nil:
		return err
	}
	if st != nil && p.api.enqueue != nil {
		_ = p.api.enqueue(ctx, st) // committed; the reconciler covers a failed enqueue
	}
	d.Sent = true
	return p.render(c, http.StatusOK, "reset", v)
}
