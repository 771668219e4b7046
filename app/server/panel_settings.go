package server

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/store"
)

// The settings: an overview (/app/settings) of every section, and a form
// page per section that changes the shop (/app/settings/{section}), saved
// as PATCH /api/shop saves. Tokens (panel_settings_tokens.go) have their
// own page.

// settingsSections are the sections with a form, each filling the patch
// from its fields.
var settingsSections = map[string]func(f *patchForm, sh *store.Shop){
	"profile":    fillProfile,
	"authority":  fillAuthority,
	"recipients": fillRecipients,
	"automation": fillAutomation,
	"retention":  fillRetention,
}

// mountSettings adds the settings pages.
func (p *Panel) mountSettings(g *echo.Group) {
	g.GET("/settings", p.settingsOverview)
	for name, fill := range settingsSections {
		g.GET("/settings/"+name, p.settingsForm(name))
		g.POST("/settings/"+name, p.settingsSave(name, fill))
	}
	p.mountTokens(g)
}

// currentShop is the session's shop as stored now (the session's copy is
// from the start of the request).
func (p *Panel) currentShop(c echo.Context) (*store.Shop, error) {
	return p.api.st.Shop(c.Request().Context(), session(c).Shop.ID)
}

// settingsForm serves GET /app/settings/{section}.
func (p *Panel) settingsForm(section string) echo.HandlerFunc {
	return func(c echo.Context) error {
		sh, err := p.currentShop(c)
		if err != nil {
			return err
		}
		return p.renderSettings(c, http.StatusOK, section, p.newSettingsData(c, sh, nil))
	}
}

// settingsSave serves POST /app/settings/{section}: saved, back to the
// overview with a banner; refused, the form again with each field's error
// (422) and what was typed.
func (p *Panel) settingsSave(section string, fill func(*patchForm, *store.Shop)) echo.HandlerFunc {
	return func(c echo.Context) error {
		sh, err := p.currentShop(c)
		if err != nil {
			return err
		}
		f := newPatchForm(c, sh)
		fill(f, sh)
		bad, err := p.saveForm(c, f)
		if err != nil {
			return err
		}
		if bad != nil {
			return p.renderSettings(c, http.StatusUnprocessableEntity, section, p.newSettingsData(c, sh, bad))
		}
		return c.Redirect(http.StatusSeeOther, "/app/settings?done=settings")
	}
}

func (p *Panel) renderSettings(c echo.Context, status int, section string, d *settingsData) error {
	v := p.newView(c, "settings", "", d)
	v.Title = v.L.T("settings." + section + ".title")
	return p.render(c, status, "settings_"+section, v)
}

// settingsOverview serves GET /app/settings: every section in short, with
// the mail's and the connected systems' status.
func (p *Panel) settingsOverview(c echo.Context) error {
	sh, err := p.currentShop(c)
	if err != nil {
		return err
	}
	d := p.newSettingsData(c, sh, nil)
	if d.Overview, err = p.overview(c, sh); err != nil {
		return err
	}
	v := p.newView(c, "settings", "", d)
	v.Title = v.L.T("settings.title")
	return p.render(c, http.StatusOK, "settings", v)
}
