package shopify

import (
	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/store"
)

// Reconnect says how a Shopify shop whose token Lethe can neither use nor
// refresh is connected again: the merchant opens the app in the Shopify
// admin, and Lethe exchanges a new token by itself (token exchange,
// session.go; a reinstall does the same). ok is false for another
// platform's shop.
func (a *App) Reconnect(sh *store.Shop) (connect.Reconnect, bool) {
	if sh.Platform != Platform {
		return connect.Reconnect{}, false
	}
	rc := connect.Reconnect{System: System, How: map[string]string{
		"de": "Öffnen Sie die App Lethe in Ihrem Shopify-Adminbereich (Apps → Lethe); Lethe erneuert den Zugang dann selbst. Ist die App nicht mehr installiert, installieren Sie sie erneut.",
		"en": "Open the Lethe app in your Shopify admin (Apps → Lethe); Lethe then renews its access by itself. If the app is no longer installed, install it again.",
	}}
	if link, ok := a.AdminLink(sh, "/app"); ok {
		rc.URL = link
	}
	return rc, true
}
