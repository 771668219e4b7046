package shopify

import (
	"testing"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/shopify/admin"
)

func TestApplyShopInfo(t *testing.T) {
	fresh := store.Shop{}
	chosen := store.Shop{Name: "Old", Country: "DE", Region: "BY", RegionSource: "merchant", Timezone: "Europe/Berlin", Locale: "de"}
	derived := store.Shop{Name: "Old", Country: "DE", Region: "BY", RegionSource: "postcode", Timezone: "Europe/Berlin", Locale: "de"}
	de := func(zip string) admin.Address {
		return admin.Address{CountryCode: "DE", Address1: "Str. 1", City: "Ort", Zip: zip}
	}
	cases := []struct {
		name                                             string
		before                                           store.Shop
		info                                             admin.Shop
		wantName, wantTZ, wantCC, wantRegion, wantLocale string
		wantSource                                       string
	}{
		{"Munich postcode decides Bavaria", fresh,
			admin.Shop{Name: "Möbel", IanaTimezone: "Europe/Berlin", Address: de("80331")},
			"Möbel", "Europe/Berlin", "DE", "BY", "de", "postcode"},
		{"Leipzig postcode decides Saxony", fresh,
			admin.Shop{Name: "x", IanaTimezone: "Europe/Berlin", Address: de("04109")},
			"x", "Europe/Berlin", "DE", "SN", "de", "postcode"},
		{"ambiguous postcode leaves the state to the merchant", fresh,
			admin.Shop{Name: "x", Address: de("07919")},
			"x", "", "DE", "", "de", ""},
		{"a province code is not a postcode", fresh,
			admin.Shop{Name: "x", Address: admin.Address{CountryCode: "DE", ProvinceCode: "BE"}},
			"x", "", "DE", "", "de", ""},
		{"the merchant's state stands while the shop stays in Germany", chosen,
			admin.Shop{Name: "New", IanaTimezone: "Europe/Berlin", Address: de("10115")},
			"New", "Europe/Berlin", "DE", "BY", "de", "merchant"},
		{"a derived state follows the new postcode", derived,
			admin.Shop{Address: de("10115")},
			"Old", "Europe/Berlin", "DE", "BE", "de", "postcode"},
		{"Austrian shop has no region", chosen,
			admin.Shop{Name: "Kaffee", IanaTimezone: "Europe/Vienna", Address: admin.Address{CountryCode: "AT", Zip: "1010", ProvinceCode: "9"}},
			"Kaffee", "Europe/Vienna", "AT", "", "de", "postcode"},
		{"US shop keeps its country", fresh,
			admin.Shop{Name: "Bagels", IanaTimezone: "America/New_York", Address: admin.Address{CountryCode: "US", ProvinceCode: "NY"}},
			"Bagels", "America/New_York", "US", "", "en", ""},
		{"moving to Germany drops a foreign region", store.Shop{Country: "US", Region: "NY", Locale: "en"},
			admin.Shop{Address: admin.Address{CountryCode: "DE"}},
			"", "", "DE", "", "de", ""},
		{"a German shop whose primary locale is English writes English", fresh,
			admin.Shop{Name: "x", Address: de("80331"), PrimaryLocale: "en"},
			"x", "", "DE", "BY", "en", "postcode"},
		{"a regional primary locale names its language", store.Shop{Locale: "en"},
			admin.Shop{Name: "x", Address: admin.Address{CountryCode: "US"}, PrimaryLocale: "de-AT"},
			"x", "", "US", "", "de", ""},
		{"a primary locale Lethe does not write leaves the country's", fresh,
			admin.Shop{Name: "x", Address: de("80331"), PrimaryLocale: "fr"},
			"x", "", "DE", "BY", "de", "postcode"},
		{"the merchant's language stands", store.Shop{Settings: `{"edited":["language"]}`, Locale: "en"},
			admin.Shop{Name: "x", Address: de("80331"), PrimaryLocale: "de"},
			"x", "", "DE", "BY", "en", "postcode"},
		{"unknown time zone and empty answer keep the row", chosen,
			admin.Shop{Name: "  ", IanaTimezone: "Mars/Olympus"},
			"Old", "Europe/Berlin", "DE", "BY", "de", "merchant"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sh := c.before
			applyShopInfo(&sh, &c.info)
			if sh.Name != c.wantName || sh.Timezone != c.wantTZ || sh.Country != c.wantCC || sh.Region != c.wantRegion || sh.Locale != c.wantLocale || sh.RegionSource != c.wantSource {
				t.Errorf("got %q %q %q %q %q %q, want %q %q %q %q %q %q", sh.Name, sh.Timezone, sh.Country, sh.Region, sh.Locale, sh.RegionSource,
					c.wantName, c.wantTZ, c.wantCC, c.wantRegion, c.wantLocale, c.wantSource)
			}
		})
	}
}

func TestApplyShopInfoProfile(t *testing.T) {
	sh := store.Shop{Settings: `{"edited":["website"]}`, Website: "https://mine.example"}
	applyShopInfo(&sh, &admin.Shop{Name: "M", Email: "acct@x.de", ContactEmail: "kontakt@x.de",
		PrimaryDomain: admin.Domain{URL: "https://moebel.example"},
		Address:       admin.Address{Company: "Möbel GmbH", Address1: "Sendlinger Str. 1", Zip: "80331", City: "München", CountryCode: "DE"}})
	if sh.Email != "kontakt@x.de" || sh.Website != "https://mine.example" {
		t.Errorf("e-mail %q website %q", sh.Email, sh.Website)
	}
	want := `{"company":"Möbel GmbH","street":"Sendlinger Str. 1","postcode":"80331","city":"München","country":"DE"}`
	if sh.Address != want {
		t.Errorf("address %s", sh.Address)
	}
}
