package server

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// Onboarding (/app/onboarding): after install, one short page confirms
// what Lethe derived from the platform — the legal name, the address, the
// federal state (from the postcode; asked where the postcode's area crosses
// a state line) and so the supervisory authority, the contact e-mail — and
// asks what only the merchant knows: the data-protection officer and the
// recipients. It saves as PATCH /api/shop saves; a save that completes the
// setup lets the waiting requests continue.

func (p *Panel) mountOnboarding(g *echo.Group) {
	g.GET("/onboarding", p.onboarding)
	g.POST("/onboarding", p.saveOnboarding)
}

// onboarding serves GET /app/onboarding.
func (p *Panel) onboarding(c echo.Context) error {
	sh, err := p.currentShop(c)
	if err != nil {
		return err
	}
	return p.renderOnboarding(c, http.StatusOK, p.newSettingsData(c, sh, nil))
}

// saveOnboarding serves POST /app/onboarding: saved, to the inbox with a
// banner; refused, the page again with each field's error (422).
func (p *Panel) saveOnboarding(c echo.Context) error {
	sh, err := p.currentShop(c)
	if err != nil {
		return err
	}
	f := newPatchForm(c, sh)
	fillProfile(f, sh)
	f.text("state", sh.Region)
	fillRecipients(f, sh)
	bad, err := p.saveForm(c, f)
	if err != nil {
		return err
	}
	if bad != nil {
		return p.renderOnboarding(c, http.StatusUnprocessableEntity, p.newSettingsData(c, sh, bad))
	}
	return c.Redirect(http.StatusSeeOther, "/app?done=onboarding")
}

func (p *Panel) renderOnboarding(c echo.Context, status int, d *settingsData) error {
	v := p.newView(c, "onboarding", "", d)
	v.Title = v.L.T("onb.title")
	return p.render(c, status, "onboarding", v)
}
