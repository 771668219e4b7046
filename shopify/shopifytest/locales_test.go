package shopifytest_test

import (
	"encoding/json"
	"testing"

	"github.com/lethe-gdpr/lethe/shopify/admin"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

// shopLocales answers in Shopify's shape: the primary locale (seeded, else
// German for a German shop, English elsewhere) and the other enabled ones.
func TestShopLocales(t *testing.T) {
	e, _ := newEmulator(t)
	e.AddShop("en-laden.myshopify.com", shopifytest.ShopOptions{Country: "DE", Zip: "80331", Locale: "en", Locales: []string{"de", "fr"}})
	e.AddShop("bagels.myshopify.com", shopifytest.ShopOptions{Country: "US", Province: "NY"})
	cases := []struct {
		shop string
		want []any
	}{
		{testShop, []any{map[string]any{"locale": "de", "primary": true, "published": true}}},
		{"en-laden.myshopify.com", []any{
			map[string]any{"locale": "en", "primary": true, "published": true},
			map[string]any{"locale": "de", "primary": false, "published": true},
			map[string]any{"locale": "fr", "primary": false, "published": true}}},
		{"bagels.myshopify.com", []any{map[string]any{"locale": "en", "primary": true, "published": true}}},
	}
	for _, c := range cases {
		t.Run(c.shop, func(t *testing.T) {
			tok := e.InstallApp(c.shop, false).AccessToken
			status, body := gql(t, e, c.shop, tok, admin.QueryShopLocales, nil)
			got := dig(body, "data", "shopLocales")
			if status != 200 || body["errors"] != nil || !sameJSON(got, c.want) {
				t.Errorf("status %d body %v, want shopLocales %v", status, body, c.want)
			}
		})
	}
}

// Without read_locales (or read_markets_home) Shopify refuses the field
// with ACCESS_DENIED, naming the access it requires.
func TestShopLocalesAccessDenied(t *testing.T) {
	clock := shopifytest.NewClock(t0)
	app := shopifytest.DefaultApp
	app.Scopes = "read_customers,read_orders"
	e := shopifytest.Start(t, shopifytest.Options{Now: clock.Now, App: app})
	e.AddShop(testShop, shopifytest.ShopOptions{Country: "DE"})
	tok := e.InstallApp(testShop, false).AccessToken
	status, body := gql(t, e, testShop, tok, admin.QueryShopLocales, nil)
	if status != 200 || body["data"] != nil {
		t.Fatalf("status %d body %v", status, body)
	}
	if dig(body, "errors", 0, "extensions", "code") != "ACCESS_DENIED" ||
		dig(body, "errors", 0, "extensions", "requiredAccess") != "`read_locales` access scope or `read_markets_home` access scope." ||
		!sameJSON(dig(body, "errors", 0, "path"), []any{"shopLocales"}) {
		t.Errorf("errors %v", body["errors"])
	}
}

func sameJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}
