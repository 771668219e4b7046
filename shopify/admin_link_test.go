package shopify

import (
	"testing"

	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/store"
)

// A Shopify shop's merchant opens panel pages inside the Shopify admin;
// a shop of another platform gets Lethe's own address.
func TestAdminLinkOpensThePanelInsideTheShopifyAdmin(t *testing.T) {
	a := &App{cfg: AppConfig{APIKey: "abc123"}}
	links := mail.MerchantLinks("https://lethe.example/", a.AdminLink)
	for _, c := range []struct {
		shop *store.Shop
		path string
		want string
	}{
		{&store.Shop{Platform: Platform, Domain: "muster.myshopify.com"}, mail.PanelRequest(12),
			"https://muster.myshopify.com/admin/apps/abc123/app/requests/12"},
		{&store.Shop{Platform: Platform, Domain: "muster.myshopify.com"}, mail.PanelOnboarding,
			"https://muster.myshopify.com/admin/apps/abc123/app/onboarding"},
		{&store.Shop{Platform: "woocommerce", Domain: "shop.example"}, mail.PanelRequest(7),
			"https://lethe.example/app/requests/7"},
		{&store.Shop{Platform: Platform, Domain: ""}, mail.PanelSettings, "https://lethe.example/app/settings"},
	} {
		if got := links(c.shop, c.path); got != c.want {
			t.Errorf("%s %s: %s, want %s", c.shop.Platform, c.path, got, c.want)
		}
	}
	if _, ok := (&App{}).AdminLink(&store.Shop{Platform: Platform, Domain: "x.myshopify.com"}, "/app"); ok {
		t.Error("without an API key there is no embedded app to open")
	}
}
