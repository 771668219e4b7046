package server

import (
	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/store"
)

// setupOf is what the shop's connected systems ask the merchant to set up
// in them (a companion plugin: where to get it, what to paste, whether it
// answers), as each system gives it: the panel does not know what it is
// about.
func (p *Panel) setupOf(c echo.Context, sh *store.Shop) []connect.Setup {
	if p.cfg.Connectors == nil {
		return nil
	}
	return p.cfg.Connectors.Setup(c.Request().Context(), sh)
}

// Pick is a system's text (German, English) in l.
func (l lang) Pick(t [2]string) string {
	if l == langDE || t[1] == "" {
		return t[0]
	}
	return t[1]
}
