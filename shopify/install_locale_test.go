package shopify_test

import (
	"testing"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

// The shop's language is its primary locale in Shopify (shopLocales); the
// country decides only when Shopify names none Lethe writes, or when the
// grant lacks read_locales (a shop installed before Lethe asked for it).
func TestInstallLanguageFromPrimaryLocale(t *testing.T) {
	const enShop = "english-laden.myshopify.com"
	cases := []struct {
		name   string
		scopes []string // Lethe's (and so the grant's); nil: the emulator app's
		shop   string
		want   string
	}{
		{"a German shop whose primary locale is English", nil, enShop, "en"},
		{"a German shop whose primary locale is German", nil, shopBerlin, "de"},
		{"an American shop", nil, shopNYC, "en"},
		{"a grant without read_locales: the country decides",
			[]string{"read_customers", "read_orders", "write_customer_data_erasure"}, enShop, "de"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newAppEnv(t, store.SQLite, c.scopes...)
			e.emu.AddShop(enShop, shopifytest.ShopOptions{Name: "English Laden", Country: "DE",
				Address1: "Sendlinger Str. 1", Zip: "80331", City: "München", Locale: "en", Locales: []string{"de"}})
			sh := e.install(t, c.shop)
			if sh.Locale != c.want {
				t.Errorf("locale %q, want %q", sh.Locale, c.want)
			}
			if c.shop == enShop && (sh.Region != "BY" || sh.RegionSource != "postcode") {
				t.Errorf("region %q from %q", sh.Region, sh.RegionSource)
			}
		})
	}
}
