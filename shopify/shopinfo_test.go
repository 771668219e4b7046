package shopify

import (
	"testing"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/shopify/admin"
)

func TestApplyShopInfo(t *testing.T) {
	fresh := store.Shop{}
	chosen := store.Shop{Name: "Old", Country: "DE", Region: "BY", Timezone: "Europe/Berlin", Locale: "de"}
	cases := []struct {
		name                                             string
		before                                           store.Shop
		info                                             admin.Shop
		wantName, wantTZ, wantCC, wantRegion, wantLocale string
	}{
		{"German shop with a state", fresh,
			admin.Shop{Name: "Möbel", IanaTimezone: "Europe/Berlin", Address: admin.Address{CountryCode: "DE", ProvinceCode: "BE"}},
			"Möbel", "Europe/Berlin", "DE", "BE", "de"},
		{"state written DE-NW", fresh,
			admin.Shop{Name: "x", IanaTimezone: "Europe/Berlin", Address: admin.Address{CountryCode: "de", ProvinceCode: "de-nw"}},
			"x", "Europe/Berlin", "DE", "NW", "de"},
		{"German shop without a state keeps the chosen one", chosen,
			admin.Shop{Name: "New", IanaTimezone: "Europe/Berlin", Address: admin.Address{CountryCode: "DE"}},
			"New", "Europe/Berlin", "DE", "BY", "de"},
		{"unknown German state keeps the chosen one", chosen,
			admin.Shop{Address: admin.Address{CountryCode: "DE", ProvinceCode: "XX"}},
			"Old", "Europe/Berlin", "DE", "BY", "de"},
		{"Austrian shop has no region", chosen,
			admin.Shop{Name: "Kaffee", IanaTimezone: "Europe/Vienna", Address: admin.Address{CountryCode: "AT", ProvinceCode: "9"}},
			"Kaffee", "Europe/Vienna", "AT", "", "de"},
		{"US shop keeps its country", fresh,
			admin.Shop{Name: "Bagels", IanaTimezone: "America/New_York", Address: admin.Address{CountryCode: "US", ProvinceCode: "NY"}},
			"Bagels", "America/New_York", "US", "", "en"},
		{"moving to Germany drops a foreign region", store.Shop{Country: "US", Region: "NY", Locale: "en"},
			admin.Shop{Address: admin.Address{CountryCode: "DE"}},
			"", "", "DE", "", "de"},
		{"unknown time zone and empty answer keep the row", chosen,
			admin.Shop{Name: "  ", IanaTimezone: "Mars/Olympus"},
			"Old", "Europe/Berlin", "DE", "BY", "de"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sh := c.before
			applyShopInfo(&sh, &c.info)
			if sh.Name != c.wantName || sh.Timezone != c.wantTZ || sh.Country != c.wantCC || sh.Region != c.wantRegion || sh.Locale != c.wantLocale {
				t.Errorf("got %q %q %q %q %q, want %q %q %q %q %q", sh.Name, sh.Timezone, sh.Country, sh.Region, sh.Locale,
					c.wantName, c.wantTZ, c.wantCC, c.wantRegion, c.wantLocale)
			}
		})
	}
}
