package postcode

import (
	"slices"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
)

// What install pre-fills: the place from the postcode, marked "postcode",
// and the authority competent there.
func TestFromPostcode(t *testing.T) {
	tests := []struct {
		country, code string
		ok            bool
		place         string
		authority     string // a part of its name
		candidates    []string
	}{
		{"DE", "80331", true, "DE-BY", "BayLDA", nil},
		{"DE", "04109", true, "DE-SN", "Sächsischer", nil},
		{"DE", "55252", true, "DE-HE", "Hessischer", nil},
		{"DE", "27570", true, "DE-HB", "Bremen", nil},
		{"AT", "1010", true, "AT", "DSB", nil},
		{"DE", "21039", false, "", "", []string{"HH", "SH"}},
		{"DE", "05000", false, "", "", nil},
		{"DE", "8033", false, "", "", nil},
		{"CH", "8001", false, "", "", nil},
	}
	as := answer.DefaultAuthorities()
	for _, tt := range tests {
		c, r, ok := FromPostcode(tt.country, tt.code)
		if ok != tt.ok || !slices.Equal(r.States, tt.candidates) {
			t.Fatalf("FromPostcode(%q, %q) = %+v, %+v, %v", tt.country, tt.code, c, r, ok)
		}
		if !ok {
			if c != (Choice{}) || r.Reason() == "" {
				t.Errorf("FromPostcode(%q, %q) = %+v without a reason %q", tt.country, tt.code, c, r.Reason())
			}
			continue
		}
		if c.Source != SourcePostcode || c.Place.String() != tt.place {
			t.Errorf("FromPostcode(%q, %q) = %+v, want %s from the postcode", tt.country, tt.code, c, tt.place)
		}
		a, err := as.For(c.Place)
		if err != nil || !strings.Contains(a.Name, tt.authority) || a.Website == "" || a.Street == "" {
			t.Errorf("authority for %s = %+v, %v; want %q", c.Place, a, err, tt.authority)
		}
	}
}

// Every state the table can decide names an authority.
func TestEveryFoundStateHasAnAuthority(t *testing.T) {
	as := answer.DefaultAuthorities()
	for _, s := range gdpr.Regions(gdpr.CountryDE) {
		if _, err := as.For(gdpr.Place{Country: gdpr.CountryDE, Region: s}); err != nil {
			t.Errorf("%s: %v", s, err)
		}
	}
}

func TestFromMerchant(t *testing.T) {
	tests := []struct {
		country, state, place string // place "": an error
	}{
		{"DE", "HH", "DE-HH"},
		{"de", " sh ", "DE-SH"},
		{"", "BY", "DE-BY"},
		{"AT", "", "AT"},
		{"DE", "XX", ""},
		{"AT", "W", ""},
		{"FR", "", ""},
	}
	for _, tt := range tests {
		c, err := FromMerchant(tt.country, tt.state)
		if tt.place == "" {
			if err == nil {
				t.Errorf("FromMerchant(%q, %q) = %+v, want an error", tt.country, tt.state, c)
			}
			continue
		}
		if err != nil || c.Source != SourceMerchant || c.Place.String() != tt.place {
			t.Errorf("FromMerchant(%q, %q) = %+v, %v; want %s from the merchant", tt.country, tt.state, c, err, tt.place)
		}
	}
}

// The merchant's choice stands when the address is read again; a derived
// state follows the postcode.
func TestRefresh(t *testing.T) {
	merchantHH := Choice{Place: gdpr.Place{Country: "DE", Region: "HH"}, Source: SourceMerchant}
	postcodeBY := Choice{Place: gdpr.Place{Country: "DE", Region: "BY"}, Source: SourcePostcode}
	tests := []struct {
		name          string
		current       Choice
		country, code string
		want          Choice
		ok            bool
	}{
		{"merchant's choice on an ambiguous postcode stands", merchantHH, "DE", "21039", merchantHH, true},
		{"merchant's correction stands over the postcode", merchantHH, "DE", "80331", merchantHH, true},
		{"derived state follows a move", postcodeBY, "DE", "04109", Choice{Place: gdpr.Place{Country: "DE", Region: "SN"}, Source: SourcePostcode}, true},
		{"derived state, moved to an ambiguous postcode: ask", postcodeBY, "DE", "21039", Choice{}, false},
		{"merchant's German choice, shop moved to Austria", merchantHH, "AT", "1010", Choice{Place: gdpr.Place{Country: "AT"}, Source: SourcePostcode}, true},
		{"nothing yet", Choice{}, "DE", "80331", postcodeBY, true},
		{"nothing yet, unsupported country", Choice{}, "FR", "75001", Choice{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, r, ok := Refresh(tt.current, tt.country, tt.code)
			if got != tt.want || ok != tt.ok {
				t.Fatalf("Refresh = %+v, %v (%s); want %+v, %v", got, ok, r.Status, tt.want, tt.ok)
			}
		})
	}
}
