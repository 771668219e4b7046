package server

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/tenant"
)

// The pages of a one-time link (an invitation, a password reset): GET
// shows the form for the new password without spending the link (mail
// scanners open links), POST sets it and logs the user in.

// passwordData is the data of a link's page.
type passwordData struct {
	Purpose string // store.LoginInvite or store.LoginReset
	Action  string // the form's URL: the link's own
	Email   string // the user's own address
	Bad     bool   // the link is used, expired or unknown
	Error   string
	Min     int // the shortest password
	Switch  string
}

// linkPage serves GET on a link's page (page "invite" or "reset").
func (p *Panel) linkPage(c echo.Context, page, purpose string) error {
	if p.cfg.Logins == nil {
		return p.loginPage(c)
	}
	d := &passwordData{Purpose: purpose, Action: c.Request().URL.Path, Min: tenant.MinPassword}
	v := p.openView(c, page+".title", d)
	d.Switch = otherLang(c, v.L, nil)
	l, err := p.cfg.Logins.CheckLink(c.Request().Context(), purpose, c.Param("token"))
	switch {
	case errors.Is(err, tenant.ErrBadLink):
		d.Bad = true
		v.Title = v.L.T("link.bad.title")
		return p.render(c, http.StatusGone, page, v)
	case err != nil:
		return err
	}
	d.Email = l.Email
	return p.render(c, http.StatusOK, page, v)
}

// linkSubmit serves POST on a link's page: the new password (twice) sets
// the user's password and opens a session, then on to done (first: the
// user's first login).
func (p *Panel) linkSubmit(c echo.Context, page, purpose string, done func(first bool) string) error {
	if p.cfg.Logins == nil {
		return p.loginPage(c)
	}
	ctx := c.Request().Context()
	d := &passwordData{Purpose: purpose, Action: c.Request().URL.Path, Min: tenant.MinPassword}
	v := p.openView(c, page+".title", d)
	d.Switch = otherLang(c, v.L, nil)
	l, err := p.cfg.Logins.CheckLink(ctx, purpose, c.Param("token"))
	if errors.Is(err, tenant.ErrBadLink) {
		d.Bad = true
		v.Title = v.L.T("link.bad.title")
		return p.render(c, http.StatusGone, page, v)
	}
	if err != nil {
		return err
	}
	d.Email = l.Email
	if !formOK(c) {
		d.Error = v.L.T("form.stale")
		return p.render(c, http.StatusForbidden, page, v)
	}
	pw := c.FormValue("password")
	if pw != c.FormValue("password2") {
		d.Error = v.L.T("password.mismatch")
		return p.render(c, http.StatusUnprocessableEntity, page, v)
	}
	raw, first, err := p.cfg.Logins.Redeem(ctx, purpose, c.Param("token"), pw)
	switch {
	case errors.Is(err, tenant.ErrPasswordLength):
		d.Error = v.L.T("password.length", tenant.MinPassword)
		return p.render(c, http.StatusUnprocessableEntity, page, v)
	case errors.Is(err, tenant.ErrBadLink): // spent meanwhile
		d.Bad = true
		v.Title = v.L.T("link.bad.title")
		return p.render(c, http.StatusGone, page, v)
	case err != nil:
		return err
	}
	if err := p.startSession(c, raw); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, done(first))
}
