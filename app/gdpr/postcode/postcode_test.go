package postcode

import (
	"slices"
	"testing"

	"github.com/lethe-gdpr/lethe/app/gdpr"
)

func TestState(t *testing.T) {
	tests := []struct {
		name, country, code string
		status              Status
		state               string
		states              []string
	}{
		// every state, at least two real postcodes each
		{"Stuttgart", "DE", "70173", Found, "BW", nil},
		{"Freiburg", "DE", "79098", Found, "BW", nil},
		{"Mannheim", "DE", "68159", Found, "BW", nil},
		{"München", "DE", "80331", Found, "BY", nil},
		{"Nürnberg", "DE", "90402", Found, "BY", nil},
		{"Ansbach", "DE", "91522", Found, "BY", nil},
		{"Berlin Mitte", "DE", "10115", Found, "BE", nil},
		{"Berlin Moabit", "DE", "10555", Found, "BE", nil},
		{"Potsdam", "DE", "14467", Found, "BB", nil},
		{"Cottbus", "DE", "03046", Found, "BB", nil},
		{"Bremen", "DE", "28195", Found, "HB", nil},
		{"Bremerhaven", "DE", "27570", Found, "HB", nil},
		{"Hamburg Altstadt", "DE", "20095", Found, "HH", nil},
		{"Hamburg St. Pauli", "DE", "20459", Found, "HH", nil},
		{"Wiesbaden", "DE", "65183", Found, "HE", nil},
		{"Frankfurt am Main", "DE", "60311", Found, "HE", nil},
		{"Schwerin", "DE", "19053", Found, "MV", nil},
		{"Rostock", "DE", "18055", Found, "MV", nil},
		{"Hannover", "DE", "30159", Found, "NI", nil},
		{"Braunschweig", "DE", "38100", Found, "NI", nil},
		{"Düsseldorf", "DE", "40213", Found, "NW", nil},
		{"Köln", "DE", "50667", Found, "NW", nil},
		{"Mainz", "DE", "55116", Found, "RP", nil},
		{"Ludwigshafen", "DE", "67059", Found, "RP", nil},
		{"Saarbrücken", "DE", "66111", Found, "SL", nil},
		{"Homburg", "DE", "66424", Found, "SL", nil},
		{"Leipzig", "DE", "04109", Found, "SN", nil},
		{"Dresden", "DE", "01067", Found, "SN", nil},
		{"Magdeburg", "DE", "39104", Found, "ST", nil},
		{"Halle", "DE", "06108", Found, "ST", nil},
		{"Kiel", "DE", "24103", Found, "SH", nil},
		{"Lübeck", "DE", "23552", Found, "SH", nil},
		{"Erfurt", "DE", "99084", Found, "TH", nil},
		{"Jena", "DE", "07743", Found, "TH", nil},
		{"first postcode in the table", "DE", "01053", Found, "SN", nil},
		{"last postcode in the table", "DE", "99998", Found, "TH", nil},
		// leading digits do not decide: Hessian Mainz suburbs in the RP "55" region
		{"Mainz-Kastel", "DE", "55252", Found, "HE", nil},
		{"Mainz-Kostheim", "DE", "55246", Found, "HE", nil},
		// postcode areas across a state line: the merchant is asked
		{"Mühltroff/Kirschkau", "DE", "07919", Ambiguous, "", []string{"SN", "TH"}},
		{"Berlin/Schönefeld", "DE", "12529", Ambiguous, "", []string{"BB", "BE"}},
		{"Kotzen/Havelland", "DE", "14715", Ambiguous, "", []string{"BB", "ST"}},
		{"Uckerland/Galenbeck", "DE", "17337", Ambiguous, "", []string{"BB", "MV"}},
		{"Teldau/Neuhaus", "DE", "19273", Ambiguous, "", []string{"MV", "NI"}},
		{"Karstädt/Dambeck", "DE", "19357", Ambiguous, "", []string{"BB", "MV"}},
		{"Hamburg Bergedorf/Börnsen", "DE", "21039", Ambiguous, "", []string{"HH", "SH"}},
		{"Hamburg Rahlstedt/Stapelfeld", "DE", "22145", Ambiguous, "", []string{"HH", "SH"}},
		{"Bromskirchen/Hallenberg", "DE", "59969", Ambiguous, "", []string{"HE", "NW"}},
		{"Lorch/Sauerthal", "DE", "65391", Ambiguous, "", []string{"HE", "RP"}},
		{"Hirschhorn/Heddesbach", "DE", "69434", Ambiguous, "", []string{"BW", "HE"}},
		// large-customer postcodes whose addressees sit in several states
		{"Mercedes-Benz large-customer postcode", "DE", "10875", Ambiguous, "", []string{"BB", "BE", "BW", "SN"}},
		{"Schweinfurt large customers", "DE", "97419", Ambiguous, "", []string{"BY", "HE"}},
		// well-formed, not in the table
		{"no 05 region", "DE", "05000", Unknown, "", nil},
		{"00000", "DE", "00000", Unknown, "", nil},
		{"99999", "DE", "99999", Unknown, "", nil},
		{"01001 (below the first)", "DE", "01001", Unknown, "", nil},
		{"Jungholz (Austrian, no state in the data)", "DE", "87491", Unknown, "", nil},
		// not a German postcode
		{"four digits", "DE", "8033", Invalid, "", nil},
		{"six digits", "DE", "803310", Invalid, "", nil},
		{"letters", "DE", "ABCDE", Invalid, "", nil},
		{"empty", "DE", "", Invalid, "", nil},
		{"blank", "DE", "   ", Invalid, "", nil},
		{"inner space", "DE", "803 31", Invalid, "", nil},
		{"country prefix", "DE", "D-80331", Invalid, "", nil},
		{"full-width digits", "DE", "８０３３１", Invalid, "", nil},
		{"sign", "DE", "+8033", Invalid, "", nil},
		// spaces around the postcode are trimmed; the country is case-insensitive, "" is DE
		{"spaces around", "DE", " 80331 ", Found, "BY", nil},
		{"tab and newline", "DE", "\t04109\n", Found, "SN", nil},
		{"lower-case country", "de", "80331", Found, "BY", nil},
		{"empty country is DE", "", "04109", Found, "SN", nil},
		// Austria: one national calendar and one authority
		{"Wien", "AT", "1010", Found, "", nil},
		{"Wien Landstraße", "AT", "1030", Found, "", nil},
		{"Innsbruck", "AT", "6020", Found, "", nil},
		{"Graz", "at", "8010", Found, "", nil},
		{"Jungholz (AT postcode)", "AT", "6691", Found, "", nil},
		{"Austrian spaces around", "AT", " 1010 ", Found, "", nil},
		{"Austrian five digits", "AT", "10100", Invalid, "", nil},
		{"Austrian three digits", "AT", "101", Invalid, "", nil},
		{"Austrian leading zero", "AT", "0101", Invalid, "", nil},
		{"Austrian prefix", "AT", "A-1010", Invalid, "", nil},
		{"Austrian empty", "AT", "", Invalid, "", nil},
		// other countries
		{"Switzerland", "CH", "8001", Unsupported, "", nil},
		{"France", "FR", "75001", Unsupported, "", nil},
		{"full country name", "Germany", "80331", Unsupported, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := State(tt.country, tt.code)
			if r.Status != tt.status || r.State != tt.state || !slices.Equal(r.States, tt.states) {
				t.Fatalf("State(%q, %q) = %+v, want %s %q %v", tt.country, tt.code, r, tt.status, tt.state, tt.states)
			}
			p, ok := r.Place()
			if ok != (tt.status == Found) {
				t.Fatalf("Place ok = %v for %s", ok, r.Status)
			}
			if ok {
				if err := p.Validate(); err != nil {
					t.Fatalf("Place %v: %v", p, err)
				}
				if r.Reason() != "" {
					t.Errorf("Reason = %q for a found place", r.Reason())
				}
			} else if r.Reason() == "" {
				t.Errorf("no Reason for %s", r.Status)
			}
		})
	}
}

func TestStatePlace(t *testing.T) {
	tests := []struct {
		country, code, place string
	}{
		{"DE", "80331", "DE-BY"},
		{"", "04109", "DE-SN"},
		{"AT", "1010", "AT"},
		{"at", "6020", "AT"},
	}
	for _, tt := range tests {
		p, ok := State(tt.country, tt.code).Place()
		if !ok || p.String() != tt.place {
			t.Errorf("State(%q, %q).Place() = %v, %v; want %s", tt.country, tt.code, p, ok, tt.place)
		}
	}
}

func TestReason(t *testing.T) {
	tests := []struct {
		country, code, want string
	}{
		{"DE", "21039", "the postcode 21039 lies in more than one state (HH, SH): choose the shop's state"},
		{"DE", "05000", "the postcode 05000 is not in the postcode table: choose the shop's state"},
		{"DE", "8033", `"8033" is not a German postcode (five digits)`},
		{"AT", "101", `"101" is not an Austrian postcode (four digits, 1010–9992)`},
		{"FR", "75001", `the country "FR" is not supported (supported: DE, AT)`},
	}
	for _, tt := range tests {
		if got := State(tt.country, tt.code).Reason(); got != tt.want {
			t.Errorf("Reason(%q, %q) = %q, want %q", tt.country, tt.code, got, tt.want)
		}
	}
}

// Every state the table names is a German state, and every state has postcodes.
func TestTableStates(t *testing.T) {
	seen := map[string]int{}
	for _, e := range entriesDE() {
		for _, s := range lookupDE(fmtCode(e.code)) {
			if gdpr.RegionName(s) == "" {
				t.Fatalf("%05d: unknown state %q", e.code, s)
			}
			seen[s]++
		}
	}
	for _, s := range gdpr.Regions(gdpr.CountryDE) {
		if seen[s] < 20 {
			t.Errorf("state %s has only %d postcodes", s, seen[s])
		}
	}
}
