package shopify

import (
	"net/url"
	"strings"

	"github.com/lethe-gdpr/lethe/app/store"
)

// AdminLink opens a panel page (path: /app/…) inside the Shopify admin, as
// the embedded app: https://{shop}/admin/apps/{api_key}{path}. Shopify
// sends the shop's admin to admin.shopify.com/store/{store}/apps/… and
// loads the app's application_url (Lethe's root, shopify.app.toml) with
// path inside the frame, with a session token; the panel's embedded
// session auth takes it from there. A link by the shop's own domain needs
// nothing but what Lethe records for the shop, and works for staff of any
// store handle. ok is false for a shop that is not a Shopify shop
// (mail.AdminLink).
func (a *App) AdminLink(sh *store.Shop, path string) (string, bool) {
	if sh == nil || sh.Platform != Platform || sh.Domain == "" || a.cfg.APIKey == "" {
		return "", false
	}
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	return "https://" + sh.Domain + "/admin/apps/" + url.PathEscape(a.cfg.APIKey) + path, true
}
