package server

import (
	"time"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/store"
)

// settingsOverview is what only the overview shows: outgoing mail and the
// connected systems.
type settingsOverview struct {
	Mail     MailStatus
	Failure  *store.EmailFailure // the last failed delivery, if any
	Systems  []systemView
	Setup    []connect.Setup // what the systems ask the merchant to set up (panel_settings_setup.go)
	Location *time.Location
}

// systemView is one connected system and its health.
type systemView struct {
	System    string
	Status    string // a shop status (active, needs_reauth, …), or "ok"/"error" for other systems
	Healthy   bool
	Problem   string // why it cannot be reached (no personal data)
	Refreshed *time.Time
	Platform  bool // the shop's own platform
}

func (p *Panel) overview(c echo.Context, sh *store.Shop) (*settingsOverview, error) {
	o := &settingsOverview{Mail: p.cfg.Mail, Location: sh.Location()}
	var err error
	if o.Failure, err = p.api.st.LastEmailFailure(c.Request().Context(), sh.ID); err != nil {
		return nil, err
	}
	o.Systems = append(o.Systems, systemView{System: sh.Platform, Status: sh.Status, Healthy: sh.Status == store.ShopActive,
		Refreshed: sh.ProfileRefreshedAt, Platform: true})
	if p.cfg.Connectors != nil {
		for _, h := range p.cfg.Connectors.Health(c.Request().Context(), sh) {
			if h.System == sh.Platform {
				if h.Err != nil && o.Systems[0].Healthy {
					o.Systems[0].Healthy, o.Systems[0].Problem = false, h.Err.Error()
				}
				continue
			}
			sv := systemView{System: h.System, Status: "ok", Healthy: h.Err == nil}
			if h.Err != nil {
				sv.Status, sv.Problem = "error", h.Err.Error()
			}
			o.Systems = append(o.Systems, sv)
		}
	}
	o.Systems = append(o.Systems, systemView{System: connect.LetheSystem, Status: "ok", Healthy: true})
	o.Setup = p.setupOf(c, sh)
	return o, nil
}
