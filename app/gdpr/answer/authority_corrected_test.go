package answer

import "testing"

func TestAuthorityCorrected(t *testing.T) {
	by := Authority{Key: "DE-BY", Name: "BayLDA", Seat: "Ansbach", Street: "Promenade 18", Postcode: "91522", City: "Ansbach", Website: "https://www.lda.bayern.de"}
	cases := []struct {
		name                  string
		fix                   [3]string // name, address, website
		wantName, wantAddr    string
		wantSeat, wantWebsite string
	}{
		{"nothing corrected", [3]string{}, "BayLDA", "Promenade 18, 91522 Ansbach", "Ansbach", "https://www.lda.bayern.de"},
		{"the same name keeps the address", [3]string{" BayLDA "}, "BayLDA", "Promenade 18, 91522 Ansbach", "Ansbach", "https://www.lda.bayern.de"},
		{"another name drops address and website", [3]string{"Landesamt X"}, "Landesamt X", "", "Ansbach", ""},
		{"another name with its address and website", [3]string{"Landesamt X", "Str. 1, 12345 Y", "https://x.example"},
			"Landesamt X", "Str. 1, 12345 Y", "Str. 1, 12345 Y", "https://x.example"},
		{"a new address only", [3]string{"", "Postfach 606, 91511 Ansbach"}, "BayLDA", "Postfach 606, 91511 Ansbach", "Postfach 606, 91511 Ansbach", "https://www.lda.bayern.de"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := by.Corrected(c.fix[0], c.fix[1], c.fix[2])
			if a.Name != c.wantName || a.Address() != c.wantAddr || a.Seat != c.wantSeat || a.Website != c.wantWebsite {
				t.Errorf("got %q %q %q %q", a.Name, a.Address(), a.Seat, a.Website)
			}
		})
	}
}
