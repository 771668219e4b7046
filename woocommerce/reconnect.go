package woocommerce

import (
	"net/url"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/store"
)

// Reconnect says how a WooCommerce store whose key was revoked (or whose
// approving user was deleted) is connected again: Lethe's connect flow for
// the store's address, where the merchant approves a new key; the shop,
// its settings, its waiting requests and the plugin's secret stay
// (connectShop). ok is false for another platform's shop.
func (a *App) Reconnect(sh *store.Shop) (connect.Reconnect, bool) {
	if sh.Platform != Platform {
		return connect.Reconnect{}, false
	}
	rc := connect.Reconnect{System: Platform, How: map[string]string{
		"de": "Verbinden Sie Ihren Shop neu: Melden Sie sich in WordPress als Administrator an und bestätigen Sie den Zugang für Lethe; WooCommerce stellt dabei einen neuen Schlüssel aus. Ihre Einstellungen in Lethe bleiben erhalten.",
		"en": "Connect your store again: log in to WordPress as an administrator and approve Lethe's access; WooCommerce issues a new key. Your settings in Lethe stay as they are.",
	}}
	var cr Credentials
	if err := a.store.OpenCredentials(sh, &cr); err == nil && cr.StoreURL != "" {
		rc.URL = a.cfg.PublicURL + connectPath + "?" + url.Values{"store_url": {cr.StoreURL}}.Encode()
	}
	return rc, true
}
