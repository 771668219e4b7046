package requests

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr/postcode"
	"github.com/lethe-gdpr/lethe/app/store"
)

// readyShop is a complete German shop (Munich, its state from the postcode).
func readyShop() store.Shop {
	return store.Shop{Name: "Musterladen", Email: "kontakt@muster.example", Country: "DE", Region: "BY", RegionSource: "postcode",
		Address: `{"company":"Muster GmbH","street":"Marienplatz 1","postcode":"80331","city":"München","country":"DE"}`}
}

// withAddress is sh with one address key set to v ("" drops it).
func withAddress(sh store.Shop, key, v string) store.Shop {
	var a map[string]string
	_ = json.Unmarshal([]byte(sh.Address), &a)
	if v == "" {
		delete(a, key)
	} else {
		a[key] = v
	}
	b, _ := json.Marshal(a)
	sh.Address = string(b)
	return sh
}

func patched(t *testing.T, sh store.Shop, patch string) store.Shop {
	t.Helper()
	var p ShopPatch
	if err := json.Unmarshal([]byte(patch), &p); err != nil {
		t.Fatal(err)
	}
	out, _, bad := p.Apply(&sh, "merchant:1", time.Now())
	if len(bad) > 0 {
		t.Fatalf("patch %s: %v", patch, bad)
	}
	return *out
}

// Readiness names exactly the fields an answer lacks.
func TestReadiness(t *testing.T) {
	ambiguous := readyShop()
	ambiguous = withAddress(ambiguous, "postcode", "07919")
	ambiguous.Region, ambiguous.RegionSource = "", ""
	if _, _, ok := postcode.FromPostcode("DE", "07919"); ok {
		t.Fatal("07919 decides a state; the test needs an ambiguous postcode")
	}
	noState := readyShop()
	noState.Region, noState.RegionSource = "", ""
	austria := readyShop()
	austria.Country, austria.Region, austria.RegionSource = "AT", "", ""
	austria = withAddress(withAddress(austria, "postcode", "1010"), "city", "Wien")

	cases := []struct {
		name string
		shop func(t *testing.T) store.Shop
		want []string
	}{
		{"complete German shop", func(*testing.T) store.Shop { return readyShop() }, nil},
		{"legal name (neither company nor name)", func(*testing.T) store.Shop {
			sh := withAddress(readyShop(), "company", "")
			sh.Name = " "
			return sh
		}, []string{FieldLegalName}},
		{"the shop's name stands for a missing company", func(*testing.T) store.Shop { return withAddress(readyShop(), "company", "") }, nil},
		{"street", func(*testing.T) store.Shop { return withAddress(readyShop(), "street", "") }, []string{FieldStreet}},
		{"postcode", func(*testing.T) store.Shop { return withAddress(readyShop(), "postcode", "") }, []string{FieldPostcode}},
		{"city", func(*testing.T) store.Shop { return withAddress(readyShop(), "city", "") }, []string{FieldCity}},
		{"Shopify's older spellings are read", func(*testing.T) store.Shop {
			sh := readyShop()
			sh.Address = `{"company":"Muster GmbH","address1":"Marienplatz 1","zip":"80331","city":"München"}`
			return sh
		}, nil},
		{"email", func(*testing.T) store.Shop { sh := readyShop(); sh.Email = ""; return sh }, []string{FieldEmail}},
		{"country without rules (and so no authority)", func(*testing.T) store.Shop {
			sh := readyShop()
			sh.Country, sh.Region = "US", "NY"
			return sh
		}, []string{FieldCountry, FieldAuthority}},
		{"a German shop without its state", func(*testing.T) store.Shop { return noState }, []string{FieldState, FieldAuthority}},
		{"a German shop with a state that is none", func(*testing.T) store.Shop { sh := readyShop(); sh.Region = "XX"; return sh },
			[]string{FieldState, FieldAuthority}},
		{"the merchant's authority counts", func(t *testing.T) store.Shop {
			return patched(t, noState, `{"authority":{"name":"BayLDA","address":"Promenade 18, 91522 Ansbach","website":"https://www.lda.bayern.de"}}`)
		}, []string{FieldState}},
		{"a corrected authority with a name only leaves the answer without its address", func(t *testing.T) store.Shop {
			sh := readyShop()
			sh.Country, sh.Region = "US", ""
			sh.Settings = `{"authority":{"name":"Some authority"}}`
			return sh
		}, []string{FieldCountry, FieldAuthority}},
		{"the default authority's own name keeps its address", func(t *testing.T) store.Shop {
			sh := readyShop()
			sh.Settings = `{"authority":{"name":"bayerisches landesamt für datenschutzaufsicht, baylda"}}`
			return sh
		}, nil},
		{"the merchant's authority makes a foreign shop lack only its country", func(t *testing.T) store.Shop {
			sh := readyShop()
			sh.Country, sh.Region = "US", ""
			sh.Settings = `{"authority":{"name":"Some authority","address":"Main St 1, Springfield","website":"https://authority.example"}}`
			return sh
		}, []string{FieldCountry}},
		{"Austria needs no state", func(*testing.T) store.Shop { return austria }, nil},
		{"ambiguous postcode: the state is asked", func(*testing.T) store.Shop { return ambiguous }, []string{FieldState, FieldAuthority}},
		{"ambiguous postcode: the merchant's state", func(t *testing.T) store.Shop {
			sh := patched(t, ambiguous, `{"state":"th"}`)
			if sh.Region != "TH" || sh.RegionSource != string(postcode.SourceMerchant) {
				t.Fatalf("state %q from %q", sh.Region, sh.RegionSource)
			}
			return sh
		}, nil},
		{"everything missing", func(*testing.T) store.Shop { return store.Shop{} },
			[]string{FieldLegalName, FieldStreet, FieldPostcode, FieldCity, FieldEmail, FieldCountry, FieldAuthority}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			sh := c.shop(t)
			got := Readiness(&sh)
			if !slices.Equal(got.Missing, c.want) || got.Ready != (len(c.want) == 0) {
				t.Errorf("Readiness = %+v, want missing %v", got, c.want)
			}
		})
	}
}
