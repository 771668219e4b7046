package mail

import (
	"strconv"
	"strings"

	"github.com/lethe-gdpr/lethe/app/store"
)

// The admin panel's pages that merchant e-mails link to.
const (
	// PanelOnboarding completes the setup (what Lethe derived, what only
	// the merchant knows).
	PanelOnboarding = "/app/onboarding"
	// PanelSettings is the settings overview.
	PanelSettings = "/app/settings"
)

// PanelRequest is the panel's page of request id.
func PanelRequest(id int64) string { return "/app/requests/" + strconv.FormatInt(id, 10) }

// MerchantURL is the address of a panel page (path: /app/…) as a shop's
// merchant opens it from an e-mail.
type MerchantURL func(sh *store.Shop, path string) string

// AdminLink is a platform's way of opening a panel page inside its own
// admin (the embedded app), for the shops on that platform; ok is false
// for a shop it does not serve.
type AdminLink func(sh *store.Shop, path string) (url string, ok bool)

// MerchantLinks is the MerchantURL of an installation: the first platform
// that serves the shop opens the page inside its admin; any other shop
// gets Lethe's own address, base + path (the standalone panel). Which
// platform a shop is on is the platforms' own decision.
func MerchantLinks(base string, admins ...AdminLink) MerchantURL {
	base = strings.TrimRight(base, "/")
	return func(sh *store.Shop, path string) string {
		for _, a := range admins {
			if a == nil {
				continue
			}
			if u, ok := a(sh, path); ok {
				return u
			}
		}
		return base + path
	}
}
