package classify

import (
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
)

func authority(t *testing.T) answer.Authority {
	t.Helper()
	a, err := answer.DefaultAuthorities().For(gdpr.Place{Country: "DE", Region: "BY"})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// sampleItems: a customer with an account, a newsletter subscription and
// its proof, a paid and delivered order of 2024, an open order, and an
// earlier request handled by Lethe.
func sampleItems() []gdpr.Item {
	return []gdpr.Item{
		item(retention.CustomerAccount, dated("2021-04-01")),
		item(retention.NewsletterSubscription, dated("2021-04-02")),
		item(retention.MarketingConsentProof, dated("2021-04-02")),
		item(retention.Invoice, dated("2024-03-15")),
		item(retention.OrderConfirmation, dated("2024-03-15")),
		item(retention.PaymentRecord, dated("2024-03-15")),
		item(retention.TechnicalData, dated("2024-03-15")),
		item(retention.WarrantyData, dated("2024-03-15"), delivered("2025-03-18")),
		item(retention.Invoice, dated("2026-11-20")),
		item(retention.OpenOrder, dated("2026-11-20"), openOrder),
		item(retention.RequestRecord, system("lethe"), dated("2025-06-01")),
	}
}

func TestAnswerIsComplete(t *testing.T) {
	es, err := Classify(sampleItems(), ctxDE())
	if err != nil {
		t.Fatal(err)
	}
	auth := authority(t)
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			a := Answer(es, lang, auth, true)
			if missing := answer.Validate(a); len(missing) > 0 {
				t.Fatalf("missing: %v", missing)
			}
			if !a.Processed || a.Language != lang || a.Copy == nil || a.Copy.Format != CopyFormat || len(a.Copy.Items) != len(es) {
				t.Fatalf("answer = %+v", a)
			}
			if a.Automated == nil || a.Automated.Exists || !strings.Contains(a.Automated.Logic, "Art. 22") {
				t.Errorf("automated decisions must be stated as none: %+v", a.Automated)
			}
			var names []string
			for _, c := range a.Categories {
				names = append(names, c.Name)
			}
			want := map[string]string{
				"de": "Kundenkonto,Newsletter und Werbung,Nachweise Ihrer Einwilligungen,Laufende Bestellungen,Bestellungen,Rechnungen,Zahlungen,Gewährleistung,Technische Daten,Ihre Datenschutzanfragen",
				"en": "Customer account,Newsletter and marketing,Proof of your consents,Open orders,Orders,Invoices,Payments,Warranty,Technical data,Your data protection requests",
			}[lang]
			if got := strings.Join(names, ","); got != want {
				t.Errorf("categories\n got %s\nwant %s", got, want)
			}
		})
	}
}

func TestAnswerTexts(t *testing.T) {
	es, err := Classify(sampleItems(), ctxDE())
	if err != nil {
		t.Fatal(err)
	}
	de := Answer(es, "de", authority(t), true)
	en := Answer(es, "en", authority(t), true)
	cat := func(a answer.Answer, name string) answer.Category {
		for _, c := range a.Categories {
			if c.Name == name {
				return c
			}
		}
		t.Fatalf("no category %s", name)
		return answer.Category{}
	}
	inv := cat(de, "Rechnungen")
	if inv.Storage.Until == nil || inv.Storage.Until.String() != "2034-12-31" {
		t.Errorf("invoices: the latest of 2032-12-31 and 2034-12-31 is shown: %+v", inv.Storage)
	}
	// Issue 12, point 4: one plain sentence per document type, dates
	// written out, the law that requires keeping, German citation style.
	if want := "Wir bewahren Ihre Rechnungen 8 Jahre lang auf, gerechnet ab dem Ende des Kalenderjahres, in dem sie entstanden sind, weil das Gesetz es vorschreibt (§ 14b Abs. 1 UStG; § 147 Abs. 1 Nr. 4, Abs. 3 AO; § 257 Abs. 1 Nr. 4, Abs. 4 HGB); die Fristen enden zwischen dem 31. Dezember 2032 und dem 31. Dezember 2034."; !strings.Contains(inv.Storage.Criteria, want) ||
		inv.Storage.LegalReference != "§ 14b Abs. 1 UStG; § 147 Abs. 1 Nr. 4, Abs. 3 AO; § 257 Abs. 1 Nr. 4, Abs. 4 HGB" {
		t.Errorf("invoice storage: %+v", inv.Storage)
	}
	if len(inv.Types) != 1 || inv.Types[0].Count != 2 || inv.Types[0].Name != "Rechnungen" || inv.Types[0].Overdue {
		t.Errorf("invoice types: %+v", inv.Types)
	}
	if c := cat(en, "Invoices"); !strings.Contains(c.Storage.Criteria, "We keep your invoices for 8 years from the end of the calendar year in which they were created, because the law requires it (§ 14b(1) UStG; § 147(1) Nr. 4, (3) AO; § 257(1) Nr. 4, (4) HGB); the periods end between 31 December 2032 and 31 December 2034.") {
		t.Errorf("en invoice storage: %+v", c.Storage)
	}
	for _, a := range []answer.Answer{de, en} {
		for _, c := range a.Categories {
			for _, bad := range []string{"no retention duty", "keine Aufbewahrungspflicht", "evaluated as of", "until you ask us to erase", "bis Sie uns um Löschung bitten", "20", "-12-31"} {
				if bad == "20" {
					continue
				}
				if strings.Contains(c.Storage.Criteria+c.Storage.LegalReference, bad) {
					t.Errorf("%s %s storage says %q: %+v", a.Language, c.Name, bad, c.Storage)
				}
			}
		}
	}
	if !containsPrefix(inv.Purposes, "Steuerliche Aufbewahrungspflicht (rechtliche Verpflichtung, Art. 6 Abs. 1 lit. c DSGVO)") {
		t.Errorf("invoice purposes: %v", inv.Purposes)
	}
	acc := cat(de, "Kundenkonto")
	var ca *answer.Recipient
	for i := range acc.Recipients {
		if acc.Recipients[i].Country == "CA" {
			ca = &acc.Recipients[i]
		}
	}
	if ca == nil || !ca.ThirdCountry || !strings.Contains(ca.Safeguards, "2002/2/EG") || !strings.HasPrefix(ca.Category, "Unterauftragsverarbeiter") {
		t.Errorf("Shopify Inc. in Canada with the adequacy decision (Art. 15(2)): %+v", acc.Recipients)
	}
	if !strings.Contains(acc.Storage.Criteria, "Wir speichern Ihr Kundenkonto, bis Sie es löschen oder uns um Löschung bitten") || acc.Storage.LegalReference != "Art. 6 Abs. 1 lit. b DSGVO" || acc.Storage.Until != nil {
		t.Errorf("account storage: %+v", acc.Storage)
	}
	if !containsPrefix(cat(en, "Customer account").Purposes, "Keeping your customer account (contract, Art. 6(1)(b) GDPR)") {
		t.Errorf("en purposes: %v", cat(en, "Customer account").Purposes)
	}
	tech := cat(en, "Technical data")
	if tech.Source.FromDataSubject || tech.Source.Description != "recorded by the shop system during checkout" {
		t.Errorf("technical data source: %+v", tech.Source)
	}
	pay := cat(de, "Zahlungen")
	found := false
	for _, r := range pay.Recipients {
		found = found || (r.Name == paypal.Name && r.Category == "Zahlungsdienstleister")
	}
	if !found {
		t.Errorf("payment providers named, category in German: %+v", pay.Recipients)
	}
	open := cat(en, "Open orders")
	if !strings.Contains(open.Storage.Criteria, "until they have been completed (Art. 6(1)(b) GDPR)") || !containsPrefix(open.Purposes, "Performance of the purchase contract (contract") {
		t.Errorf("open orders: %+v", open)
	}
	req := cat(de, "Ihre Datenschutzanfragen")
	if len(req.Recipients) != 1 || req.Recipients[0].Name != "Lethe" {
		t.Errorf("request records are processed by Lethe only: %+v", req.Recipients)
	}
}

func containsPrefix(list []string, prefix string) bool {
	for _, s := range list {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}

func TestAnswerCases(t *testing.T) {
	auth := authority(t)
	account, err := Classify([]gdpr.Item{item(retention.CustomerAccount)}, ctxDE())
	if err != nil {
		t.Fatal(err)
	}
	bare, err := Classify([]gdpr.Item{item(retention.CustomerAccount, system("crm"))}, Context{Today: today, Rules: retention.DE(), Platform: "shopify"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		entries   []Entry
		lang      string
		found     bool
		processed bool
		missing   []string
		why       string
	}{
		{"negative de", nil, "de", false, false, nil, "a negative answer is complete (Art. 15(1): confirmation)"},
		{"negative en", nil, "en", false, false, nil, "also in English"},
		{"unknown language is English", nil, "fr", false, false, nil, "anything but de is English"},
		{"positive", account, "de", true, true, nil, "one category, complete"},
		{"entries win over found=false", account, "en", false, true, nil, "data listed are processed: never deny them"},
		{"found without entries is reported", nil, "de", true, true, []string{"15(1)(b)"}, "inconsistent input surfaces instead of a false denial"},
		{"no recipients stated", bare, "de", true, true, nil, "a system without recipients says so (NoRecipients)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := Answer(tt.entries, tt.lang, auth, tt.found)
			var got []string
			for _, m := range answer.Validate(a) {
				got = append(got, m.Article)
			}
			if a.Processed != tt.processed || strings.Join(got, ",") != strings.Join(tt.missing, ",") {
				t.Fatalf("processed %v, missing %v; want %v, %v (%s)", a.Processed, got, tt.processed, tt.missing, tt.why)
			}
			if a.Complaint == nil || !strings.Contains(a.Complaint.Text, "Ansbach") || len(a.Rights) != 3 || a.Objection == nil {
				t.Errorf("rights and the competent authority are always named: %+v", a)
			}
			if (tt.lang == "de") != (a.Language == "de") {
				t.Errorf("language %s for %s", a.Language, tt.lang)
			}
			if !a.Processed && (a.Copy != nil || len(a.Categories) > 0) {
				t.Errorf("a negative answer lists nothing: %+v", a)
			}
			if tt.name == "no recipients stated" && (!a.Categories[0].NoRecipients || len(a.Categories[0].Recipients) != 0) {
				t.Errorf("recipients: %+v", a.Categories[0])
			}
		})
	}
}
