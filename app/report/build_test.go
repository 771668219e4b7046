package report_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/gdpr/classify"
	"github.com/lethe-gdpr/lethe/app/report"
	"github.com/lethe-gdpr/lethe/app/report/reporttest"
	"github.com/lethe-gdpr/lethe/app/store"
)

// fixture is the shop and request of the pure tests (no database).
func fixture() (*store.Shop, *store.Request) {
	sh := &store.Shop{
		ID: 3, Platform: "shopify", Domain: "kaffee.example", Name: "Kaffeerösterei Beispiel GmbH",
		Country: "DE", Region: "BY", Timezone: "Europe/Berlin", Locale: "de", Email: "datenschutz@kaffee.example",
		Address: `{"company":"Kaffeerösterei Beispiel GmbH","address1":"Hauptstraße 5","zip":"90402","city":"Nürnberg","country":"DE"}`,
	}
	ext := time.Date(2026, 2, 20, 8, 0, 0, 0, time.UTC)
	rq := &store.Request{
		ID: 41, ShopID: 3, Type: store.TypeAccess, Source: "shopify", Locale: "de",
		ReceivedAt: time.Date(2026, 1, 31, 10, 0, 0, 0, time.UTC),
		DueAt:      store.DayOf(2026, 3, 2), ExtendedDueAt: store.DayOf(2026, 4, 30), ExtendedAt: &ext,
	}
	return sh, rq
}

func build(t *testing.T, in report.Input) *report.Report {
	t.Helper()
	r, err := report.Build(in)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func positive(t *testing.T) *report.Report {
	sh, rq := fixture()
	return build(t, reporttest.Input(sh, rq))
}

func negative(t *testing.T) *report.Report {
	sh, rq := fixture()
	return build(t, reporttest.NegativeInput(sh, rq))
}

func TestBuildPositive(t *testing.T) {
	r := positive(t)
	if r.Schema != report.Schema || !r.GeneratedAt.Equal(reporttest.Generated) || !r.Processed || r.ShopID != 3 {
		t.Fatalf("header: %+v", r)
	}
	c := r.Controller
	if c.Name != "Kaffeerösterei Beispiel GmbH" || c.Email != "datenschutz@kaffee.example" || c.Website != "https://kaffee.example" ||
		c.Address.Street != "Hauptstraße 5" || c.Address.Postcode != "90402" || c.Address.City != "Nürnberg" || c.Address.Country != "DE" {
		t.Errorf("controller: %+v", c)
	}
	q := r.Request
	if q.ID != 41 || q.Type != "access" || q.DueOn.String() != "2026-03-02" || q.ExtendedDueOn.String() != "2026-04-30" ||
		q.TimeZone != "Europe/Berlin" || !q.ReceivedAt.Equal(time.Date(2026, 1, 31, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("request: %+v", q)
	}
	for _, lang := range report.Languages {
		s := r.Answers[lang]
		if s.Language != lang || len(s.Categories) != 4 || len(s.Rights) != 3 || s.Objection == nil || s.Complaint == nil || s.Automated == nil || !s.Automated.Exists {
			t.Fatalf("%s statement: %+v", lang, s)
		}
		var third *report.Recipient
		for i, rc := range s.Categories[0].Recipients {
			if rc.ThirdCountry {
				third = &s.Categories[0].Recipients[i]
			}
		}
		if third == nil || third.Country != "CA" || third.Safeguards == "" {
			t.Errorf("%s: third-country recipient with safeguards missing: %+v", lang, s.Categories[0].Recipients)
		}
		if a := s.Complaint.Authority; a.Key != "DE-BY" || a.Seat != "Ansbach" || a.Street != "Promenade 18" || a.Postcode != "91522" ||
			a.Website != "https://www.lda.bayern.de" {
			t.Errorf("%s authority: %+v", lang, s.Complaint.Authority)
		}
	}
	if r.Answers["de"].Categories[1].Name != "Bestellungen" || r.Answers["en"].Categories[1].Name != "Orders" {
		t.Errorf("category names not per language")
	}
	if len(r.Copy.Items) != 5 || r.Copy.Format != "json+csv" {
		t.Fatalf("copy: %d items", len(r.Copy.Items))
	}
	inv := r.Copy.Items[3]
	if inv.RecordType != "invoice" || inv.RecordID != "R-2024-17" || inv.System != "shopify" || inv.Date.String() != "2024-03-16" ||
		inv.Delivered.String() != "2024-03-18" || inv.Storage.Until.String() != "2032-12-31" || inv.LegalBasis != "Art. 6(1)(c) GDPR with §14b UStG, §147 AO, §257 HGB" ||
		inv.Fields["invoice_number"] != "R-2024-17" || inv.Category != "invoices" {
		t.Errorf("invoice item: %+v", inv)
	}
	if proof := r.Copy.Items[4]; proof.ConsentEnded.String() != "2025-01-10" || proof.Source.FromDataSubject || proof.Source.Description == "" ||
		proof.Texts["de"].Source != "vom Shopsystem bei Ihrer An- oder Abmeldung aufgezeichnet" || proof.Texts["en"].Storage != "" {
		t.Errorf("consent proof: %+v", proof)
	}
	// Item texts in each language from the classification's keys.
	acct := r.Copy.Items[0]
	if acct.Texts["de"].Storage != "bis Sie Ihr Kundenkonto löschen oder uns um Löschung bitten" ||
		acct.Texts["en"].Storage != "until you delete your account or ask us to erase it" ||
		acct.Texts["en"].Source != "given by you when you registered or ordered; tags and notes were added by the shop" {
		t.Errorf("account texts: %+v", acct.Texts)
	}
	if inv.Texts["de"].Storage != "" || len(inv.Texts) != 2 {
		t.Errorf("invoice texts: %+v", inv.Texts)
	}
}

// The rules core's validator finds nothing missing in a built report, in
// either language, read back through Report.Answer.
func TestBuiltReportsValidate(t *testing.T) {
	for name, r := range map[string]*report.Report{"positive": positive(t), "negative": negative(t)} {
		for _, lang := range report.Languages {
			a, ok := r.Answer(lang)
			if !ok {
				t.Fatalf("%s: no %s answer", name, lang)
			}
			if m := answer.Validate(a); len(m) > 0 {
				t.Errorf("%s %s: missing %v", name, lang, m)
			}
		}
	}
	a, _ := positive(t).Answer("en")
	if len(a.Copy.Items) != 5 || a.Copy.Items[3].RecordID != "R-2024-17" {
		t.Errorf("copy through Answer: %+v", a.Copy)
	}
}

func TestBuildNegative(t *testing.T) {
	r := negative(t)
	if r.Processed || len(r.Copy.Items) != 0 || r.Copy.Items == nil {
		t.Fatalf("negative: %+v", r)
	}
	for _, lang := range report.Languages {
		if s := r.Answers[lang]; len(s.Categories) != 0 || s.Categories == nil || s.Complaint == nil {
			t.Errorf("%s: %+v", lang, s)
		}
	}
}

func TestBuildRejects(t *testing.T) {
	tests := []struct {
		name   string
		change func(*report.Input)
		want   error
		detail []string // substrings of the error
	}{
		{"no request", func(in *report.Input) { in.Request = nil }, report.ErrInvalid, nil},
		{"no shop", func(in *report.Input) { in.Shop = nil }, report.ErrInvalid, nil},
		{"another shop's request", func(in *report.Input) { in.Request.ShopID = 99 }, report.ErrInvalid, nil},
		{"erasure request", func(in *report.Input) { in.Request.Type = store.TypeErasure }, report.ErrInvalid, nil},
		{"no time", func(in *report.Input) { in.GeneratedAt = time.Time{} }, report.ErrInvalid, nil},
		{"English missing", func(in *report.Input) { delete(in.Answers, "en") }, report.ErrInvalid, []string{`"en"`}},
		{"French answer", func(in *report.Input) { in.Answers["fr"] = in.Answers["en"] }, report.ErrInvalid, []string{`"fr"`}},
		{"language mislabelled", func(in *report.Input) { a := in.Answers["de"]; a.Language = "en"; in.Answers["de"] = a }, report.ErrInvalid, nil},
		{"found but answer negative", func(in *report.Input) { a := in.Answers["de"]; a.Processed = false; in.Answers["de"] = a }, report.ErrInvalid, nil},
		{"entries but negative answers", func(in *report.Input) {
			neg := reporttest.NegativeInput(in.Shop, in.Request)
			neg.Entries = []classify.Entry{reporttest.Entries()[0]}
			*in = neg
		}, report.ErrInvalid, nil},
		{"unencodable field", func(in *report.Input) { in.Entries[0].Item.Fields["bad"] = make(chan int) }, report.ErrInvalid, nil},
		{"purposes missing in German", func(in *report.Input) {
			a := in.Answers["de"]
			a.Categories = append([]answer.Category{}, a.Categories...)
			a.Categories[1].Purposes = nil
			in.Answers["de"] = a
		}, report.ErrIncomplete, []string{"de: Art. 15(1)(a) GDPR: purposes for Bestellungen"}},
		{"safeguards and automated missing in English", func(in *report.Input) {
			a := in.Answers["en"]
			a.Categories = append([]answer.Category{}, a.Categories...)
			a.Categories[0].Recipients = []answer.Recipient{{Name: "Shopify Inc.", Country: "CA", ThirdCountry: true}}
			a.Automated = nil
			in.Answers["en"] = a
		}, report.ErrIncomplete, []string{"en: Art. 15(2) GDPR", "en: Art. 15(1)(h) GDPR"}},
		{"no copy", func(in *report.Input) {
			for _, l := range report.Languages {
				a := in.Answers[l]
				a.Copy = nil
				in.Answers[l] = a
			}
		}, report.ErrIncomplete, []string{"de: Art. 15(3) GDPR", "en: Art. 15(3) GDPR"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sh, rq := fixture()
			in := reporttest.Input(sh, rq)
			tt.change(&in)
			r, err := report.Build(in)
			if !errors.Is(err, tt.want) || r != nil {
				t.Fatalf("Build = %v, %v; want %v", r, err, tt.want)
			}
			for _, d := range tt.detail {
				if !strings.Contains(err.Error(), d) {
					t.Errorf("error %q lacks %q", err, d)
				}
			}
			var inc *report.IncompleteError
			if errors.As(err, &inc) != (tt.want == report.ErrIncomplete) {
				t.Errorf("IncompleteError: %v", err)
			}
		})
	}
}
