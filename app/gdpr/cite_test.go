package gdpr

import "testing"

func TestCite(t *testing.T) {
	tests := []struct{ in, de, en string }{
		{"Art. 6(1)(c) GDPR", "Art. 6 Abs. 1 lit. c DSGVO", "Art. 6(1)(c) GDPR"},
		{"Art. 6(1)(c) GDPR with §14b UStG, §147 AO, §257 HGB",
			"Art. 6 Abs. 1 lit. c DSGVO i. V. m. § 14b UStG, § 147 AO, § 257 HGB", "Art. 6(1)(c) GDPR with § 14b UStG, § 147 AO, § 257 HGB"},
		{"§14b(1) UStG; §147(1) Nr. 4, (3) AO; §257(1) Nr. 4, (4) HGB",
			"§ 14b Abs. 1 UStG; § 147 Abs. 1 Nr. 4, Abs. 3 AO; § 257 Abs. 1 Nr. 4, Abs. 4 HGB", "§ 14b(1) UStG; § 147(1) Nr. 4, (3) AO; § 257(1) Nr. 4, (4) HGB"},
		{"§147(1) Nr. 2, 3 AO; §257(1) Nr. 2, 3, (2) HGB", "§ 147 Abs. 1 Nr. 2, 3 AO; § 257 Abs. 1 Nr. 2, 3, Abs. 2 HGB", "§ 147(1) Nr. 2, 3 AO; § 257(1) Nr. 2, 3, (2) HGB"},
		{"Art. 7(1) DSGVO; §§195, 199 BGB", "Art. 7 Abs. 1 DSGVO; §§ 195, 199 BGB", "Art. 7(1) GDPR; §§ 195, 199 BGB"},
		{"Art. 17(3)(b), 18(2) GDPR", "Art. 17 Abs. 3 lit. b, Art. 18 Abs. 2 DSGVO", "Art. 17(3)(b), 18(2) GDPR"},
		{"Art. 16 GDPR", "Art. 16 DSGVO", "Art. 16 GDPR"},
		{"Art. 6(1)(c) GDPR with §132 BAO, §212 UGB", "Art. 6 Abs. 1 lit. c DSGVO i. V. m. § 132 BAO, § 212 UGB", "Art. 6(1)(c) GDPR with § 132 BAO, § 212 UGB"},
	}
	for _, tt := range tests {
		if got := Cite("de", tt.in); got != tt.de {
			t.Errorf("Cite(de, %q) = %q, want %q", tt.in, got, tt.de)
		}
		if got := Cite("en", tt.in); got != tt.en {
			t.Errorf("Cite(en, %q) = %q, want %q", tt.in, got, tt.en)
		}
	}
}

func TestLongDate(t *testing.T) {
	d := MustDate(2033, 12, 31)
	if d.Long("de") != "31. Dezember 2033" || d.Long("en") != "31 December 2033" || d.Short("de") != "31.12.2033" {
		t.Errorf("%q %q %q", d.Long("de"), d.Long("en"), d.Short("de"))
	}
	if (Date{}).Long("de") != "" {
		t.Error("zero date written")
	}
}

func TestCountryName(t *testing.T) {
	if CountryName("DE", "de") != "Deutschland" || CountryName("de", "en") != "Germany" || CountryName("Atlantis", "de") != "Atlantis" {
		t.Error(CountryName("DE", "de"), CountryName("de", "en"))
	}
	if !InEEA("no") || InEEA("US") || InEEA("CH") {
		t.Error("EEA")
	}
}
