package answer

import (
	"errors"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/gdpr"
)

func complete() Answer {
	until := gdpr.MustParseDate("2032-12-31")
	by, _ := DefaultAuthorities().For(gdpr.Place{Country: "DE", Region: "BY"})
	c := ComplaintFor("de", by)
	o := ObjectionFor("de", []string{"Betrugsprävention"}, "shop@example.com")
	return Answer{
		Language:  "de",
		Processed: true,
		Categories: []Category{{
			Name:     "Bestelldaten",
			Purposes: []string{"Vertragserfüllung (Art. 6(1)(b) DSGVO)"},
			Recipients: []Recipient{
				{Name: "DHL Paket GmbH", Category: "Versanddienstleister", Country: "DE"},
				{Name: "PayPal (Europe) S.à r.l.", Category: "Zahlungsdienstleister", Country: "LU"},
				{Name: "Shopify Inc.", Category: "Shop-Plattform", Country: "CA", ThirdCountry: true, Safeguards: "Angemessenheitsbeschluss Kanada"},
			},
			Storage: Storage{Until: &until, LegalReference: "§14b(1) UStG"},
			Source:  Source{FromDataSubject: true},
		}},
		Rights:    DefaultRights("de"),
		Objection: &o,
		Complaint: &c,
		Automated: &Automated{Exists: false},
		Copy:      &Copy{Format: "json"},
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Answer)
		want   []string // articles reported missing
	}{
		{"complete", func(*Answer) {}, nil},
		{"negative answer is valid", func(a *Answer) { *a = Answer{Language: "en"} }, nil},
		{"negative but lists data", func(a *Answer) { a.Processed = false }, []string{"15(1)"}},
		{"no categories", func(a *Answer) { a.Categories = nil }, []string{"15(1)(b)"}},
		{"no purposes", func(a *Answer) { a.Categories[0].Purposes = nil }, []string{"15(1)(a)"}},
		{"no recipients", func(a *Answer) { a.Categories[0].Recipients = nil }, []string{"15(1)(c)"}},
		{"stated no recipients", func(a *Answer) { a.Categories[0].Recipients, a.Categories[0].NoRecipients = nil, true }, nil},
		{"third country without safeguards", func(a *Answer) { a.Categories[0].Recipients[2].Safeguards = "" }, []string{"15(2)"}},
		{"no storage", func(a *Answer) { a.Categories[0].Storage = Storage{} }, []string{"15(1)(d)"}},
		{"criteria suffice", func(a *Answer) { a.Categories[0].Storage = Storage{Criteria: "bis zum Ende der Gewährleistung"} }, nil},
		{"rights missing", func(a *Answer) { a.Rights = a.Rights[:1] }, []string{"15(1)(e)", "15(1)(e)"}},
		{"objection not stated apart", func(a *Answer) { a.Objection = nil }, []string{"15(1)(e)"}},
		{"objection to marketing missing", func(a *Answer) { a.Objection.Marketing = "" }, []string{"15(1)(e)"}},
		{"no complaint", func(a *Answer) { a.Complaint = nil }, []string{"15(1)(f)"}},
		{"no source for third-party data", func(a *Answer) { a.Categories[0].Source = Source{} }, []string{"15(1)(g)"}},
		{"automated not stated", func(a *Answer) { a.Automated = nil }, []string{"15(1)(h)"}},
		{"automated without logic", func(a *Answer) { a.Automated = &Automated{Exists: true} }, []string{"15(1)(h)"}},
		{"no copy", func(a *Answer) { a.Copy = nil }, []string{"15(3)"}},
		{"unnamed category", func(a *Answer) { a.Categories[0].Name = "" }, []string{"15(1)(b)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := complete()
			tt.change(&a)
			var got []string
			for _, m := range Validate(a) {
				got = append(got, m.Article)
				if m.String() == "" {
					t.Error("empty message")
				}
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("missing %v, want %v: %v", got, tt.want, Validate(a))
			}
		})
	}
}

func TestAuthorities(t *testing.T) {
	as := DefaultAuthorities()
	if len(as) != 17 {
		t.Fatalf("%d authorities, want 16 states + AT", len(as))
	}
	for _, r := range gdpr.Regions("DE") {
		if a, err := as.For(gdpr.Place{Country: "DE", Region: r}); err != nil || a.Name == "" || a.Seat == "" {
			t.Errorf("%s: %v %v", r, a, err)
		}
	}
	if a, _ := as.For(gdpr.Place{Country: "AT"}); a.Seat != "Wien" || !strings.Contains(a.Name, "DSB") {
		t.Errorf("AT: %+v", a)
	}
	if a, _ := as.For(gdpr.Place{Country: "DE", Region: "BY"}); a.Seat != "Ansbach" {
		t.Errorf("BY is BayLDA in Ansbach for the private sector: %+v", a)
	}
	if _, err := as.For(gdpr.Place{Country: "DE"}); !errors.Is(err, ErrNoAuthority) || !strings.Contains(err.Error(), "BW") {
		t.Errorf("DE without a state: %v", err)
	}
	if _, err := as.For(gdpr.Place{Country: "FR"}); !errors.Is(err, gdpr.ErrInvalidPlace) {
		t.Errorf("FR: %v", err)
	}
	fixed := as.With(Authority{Key: "DE-HH", Name: "Hamburgische Beauftragte für Datenschutz und Informationsfreiheit"})
	if a, _ := fixed.For(gdpr.Place{Country: "DE", Region: "HH"}); !strings.HasPrefix(a.Name, "Hamburgische") || a.Seat != "Hamburg" {
		t.Errorf("correction: %+v", a)
	}
	if a, _ := as.For(gdpr.Place{Country: "DE", Region: "HH"}); !strings.HasPrefix(a.Name, "Hamburgischer") {
		t.Error("With changed the original table")
	}
}

func TestTexts(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		if rs := DefaultRights(lang); len(rs) != 3 || rs[0].Text == "" {
			t.Errorf("%s rights: %v", lang, rs)
		}
	}
	a := Authority{Name: "X", Seat: "Y"}
	if c := ComplaintFor("de", a); !strings.Contains(c.Text, "Art. 77 DSGVO") {
		t.Errorf("de: %s", c.Text)
	}
	if c := ComplaintFor("en", a); !strings.Contains(c.Text, "Art. 77 GDPR") {
		t.Errorf("en: %s", c.Text)
	}
	// Point 7 of issue 12: the authority with its postal address (country
	// written out) and website, not only name and seat.
	by, _ := DefaultAuthorities().For(gdpr.Place{Country: "DE", Region: "BY"})
	for lang, want := range map[string]string{
		"de": "Für uns zuständig ist: Bayerisches Landesamt für Datenschutzaufsicht, BayLDA, Ansbach. Anschrift: Promenade 18, 91522 Ansbach, Deutschland. Website: https://www.lda.bayern.de",
		"en": "The authority competent for us is: Bayerisches Landesamt für Datenschutzaufsicht, BayLDA, Ansbach. Address: Promenade 18, 91522 Ansbach, Germany. Website: https://www.lda.bayern.de",
	} {
		if c := ComplaintFor(lang, by); !strings.Contains(c.Text, want) {
			t.Errorf("%s complaint: %s", lang, c.Text)
		}
	}
	// Point 6: the right to object, both kinds, in both languages.
	de := ObjectionFor("de", []string{"Betrugsprävention", "IT-Sicherheit"}, "shop@example.com")
	for _, w := range []string{"Direktwerbung jederzeit widersprechen, ohne Gründe anzugeben", "Art. 21 Abs. 2 und 3 DSGVO", "besonderen Situation",
		"Art. 6 Abs. 1 lit. f DSGVO", "bei Ihnen sind das: Betrugsprävention, IT-Sicherheit", "Art. 21 Abs. 1 DSGVO", "shop@example.com"} {
		if !strings.Contains(de.Marketing+de.Interests, w) {
			t.Errorf("de objection lacks %q: %+v", w, de)
		}
	}
	en := ObjectionFor("en", nil, "")
	for _, w := range []string{"object at any time, without giving reasons, to the processing of your personal data for direct marketing", "Art. 21(2) and (3) GDPR",
		"particular situation", "Art. 6(1)(f) GDPR", "Art. 21(1) GDPR"} {
		if !strings.Contains(en.Marketing+en.Interests, w) {
			t.Errorf("en objection lacks %q: %+v", w, en)
		}
	}
}
