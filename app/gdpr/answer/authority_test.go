package answer

import (
	"net/url"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/postcode"
)

// Every authority has its name, seat, a postal address whose postcode is one
// of its own country (and, in Germany, of its own state), and an https website.
func TestDefaultAuthoritiesContact(t *testing.T) {
	as := DefaultAuthorities()
	places := []gdpr.Place{{Country: gdpr.CountryAT}}
	for _, r := range gdpr.Regions(gdpr.CountryDE) {
		places = append(places, gdpr.Place{Country: gdpr.CountryDE, Region: r})
	}
	if len(as) != len(places) || len(as) != 17 {
		t.Fatalf("%d authorities for %d places", len(as), len(places))
	}
	for _, p := range places {
		t.Run(p.String(), func(t *testing.T) {
			a, err := as.For(p)
			if err != nil {
				t.Fatal(err)
			}
			if a.Key != p.String() || a.Name == "" || a.Seat == "" || a.Street == "" || a.City == "" {
				t.Fatalf("incomplete: %+v", a)
			}
			if a.Country != p.CountryCode() {
				t.Errorf("country %q, want %q", a.Country, p.CountryCode())
			}
			r := postcode.State(a.Country, a.Postcode)
			if pl, ok := r.Place(); !ok || pl.String() != p.String() {
				t.Errorf("postcode %q of %s: %s %v, want a postcode of %s", a.Postcode, a.Key, r.Status, pl, p)
			}
			if !strings.Contains(a.Address(), a.Seat) || a.City != a.Seat {
				t.Errorf("seat %q not the city of %q", a.Seat, a.Address())
			}
			u, err := url.Parse(a.Website)
			if err != nil || u.Scheme != "https" || u.Host == "" || strings.Trim(u.Path, "/") != "" || u.RawQuery != "" {
				t.Errorf("website %q is not an https home page", a.Website)
			}
		})
	}
}

func TestAuthorityAddress(t *testing.T) {
	tests := []struct {
		a    Authority
		want string
	}{
		{Authority{Street: "Promenade 18", Postcode: "91522", City: "Ansbach"}, "Promenade 18, 91522 Ansbach"},
		{Authority{Street: "Barichgasse 40-42", Postcode: "1030", City: "Wien"}, "Barichgasse 40-42, 1030 Wien"},
		{Authority{Postcode: "91522", City: "Ansbach"}, "91522 Ansbach"},
		{Authority{City: "Ansbach"}, "Ansbach"},
		{Authority{Street: "Promenade 18"}, "Promenade 18"},
		{Authority{}, ""},
	}
	for _, tt := range tests {
		if got := tt.a.Address(); got != tt.want {
			t.Errorf("Address(%+v) = %q, want %q", tt.a, got, tt.want)
		}
	}
}

// A merchant's correction replaces the fields it names and keeps the others.
func TestAuthoritiesWithAddress(t *testing.T) {
	as := DefaultAuthorities().With(Authority{Key: "DE-SN", Street: "Neue Straße 1", Website: "https://example.org"})
	a, err := as.For(gdpr.Place{Country: "DE", Region: "SN"})
	if err != nil {
		t.Fatal(err)
	}
	if a.Street != "Neue Straße 1" || a.Website != "https://example.org" || a.Postcode != "01067" || a.City != "Dresden" ||
		!strings.HasPrefix(a.Name, "Sächsischer") {
		t.Fatalf("corrected = %+v", a)
	}
	if d, _ := DefaultAuthorities().For(gdpr.Place{Country: "DE", Region: "SN"}); d.Street != "Devrientstraße 5" {
		t.Fatalf("the default changed: %+v", d)
	}
}
