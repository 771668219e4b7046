// Package reporttest makes hand-made report inputs for tests: a shop, an
// access request and classified entries with their answers in German and
// English, positive (several categories, a third-country recipient, data
// from another source, automated decisions) and negative.
package reporttest

import (
	"context"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/gdpr/classify"
	"github.com/lethe-gdpr/lethe/app/report"
	"github.com/lethe-gdpr/lethe/app/store"
)

// Generated is when the fixture reports are built.
var Generated = time.Date(2026, 2, 10, 9, 30, 0, 0, time.UTC)

// Shop stores a shop in Bavaria with its contact e-mail and address.
func Shop(t testing.TB, st *store.Store, domain string) *store.Shop {
	t.Helper()
	sh := &store.Shop{
		Platform: "shopify", Domain: domain, Name: "Kaffeerösterei Beispiel GmbH",
		Country: "DE", Region: "BY", Timezone: "Europe/Berlin", Locale: "de",
		Email:   "datenschutz@kaffee.example",
		Address: `{"company":"Kaffeerösterei Beispiel GmbH","address1":"Hauptstraße 5","zip":"90402","city":"Nürnberg","country":"DE"}`,
	}
	if err := st.UpsertShop(context.Background(), sh); err != nil {
		t.Fatal(err)
	}
	return sh
}

// Request stores an access request of the shop's customer in locale.
func Request(t testing.TB, st *store.Store, sh *store.Shop, locale string) *store.Request {
	t.Helper()
	r := &store.Request{
		ShopID: sh.ID, Type: store.TypeAccess, Source: "shopify", Locale: locale,
		Subject:    store.Subject{Email: "jane.doe@example.com", Name: "Jane Doe", CustomerID: "7"},
		ReceivedAt: time.Date(2026, 1, 31, 10, 0, 0, 0, time.UTC),
		DueAt:      store.DayOf(2026, 3, 2), ExtendedDueAt: store.DayOf(2026, 4, 30),
	}
	if err := st.CreateRequest(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	return r
}

// Saved builds the positive report of r and saves it.
func Saved(t testing.TB, st *store.Store, sh *store.Shop, r *store.Request) *report.Report {
	t.Helper()
	rep, err := report.Build(Input(sh, r))
	if err != nil {
		t.Fatal(err)
	}
	if err := report.Save(context.Background(), st, rep); err != nil {
		t.Fatal(err)
	}
	return rep
}

func date(s string) *gdpr.Date { d := gdpr.MustParseDate(s); return &d }

var (
	shopify    = answer.Recipient{Name: "Shopify International Ltd. / Shopify Inc.", Category: "Shop-Plattform (Auftragsverarbeiter)", Country: "CA", ThirdCountry: true, Safeguards: "Angemessenheitsbeschluss der EU-Kommission für Kanada; Standardvertragsklauseln (Art. 46(2)(c) DSGVO)"}
	dhl        = answer.Recipient{Name: "DHL Paket GmbH", Category: "Versanddienstleister", Country: "DE"}
	paypal     = answer.Recipient{Name: "PayPal (Europe) S.à r.l. et Cie, S.C.A.", Category: "Zahlungsdienstleister", Country: "LU"}
	taxAdviser = answer.Recipient{Name: "Steuerkanzlei Muster", Category: "Steuerberater", Country: "DE"}
	klaviyo    = answer.Recipient{Name: "Klaviyo Inc.", Category: "Newsletter-Dienst", Country: "US", ThirdCountry: true, Safeguards: "EU-US Data Privacy Framework (Angemessenheitsbeschluss, Art. 45 DSGVO)"}
)

// Entries are the classified items of the positive fixture: a customer
// account, two orders, an invoice and a newsletter consent proof.
func Entries() []classify.Entry {
	return []classify.Entry{
		{
			Item: gdpr.Item{System: "shopify", RecordType: "customer_account", RecordID: "gid://shopify/Customer/7", Date: gdpr.MustDate(2023, 5, 2),
				Fields: map[string]any{
					"first_name": "Jane", "last_name": "Doe", "email": "jane.doe@example.com", "phone": "+49 170 1234567",
					"tags": []any{"vip", "newsletter"}, "accepts_marketing": true, "note": "=HYPERLINK(\"http://evil.example\")",
					"addresses": []any{
						map[string]any{"address1": "Musterweg 1", "zip": "10115", "city": "Berlin", "country": "DE"},
						map[string]any{"address1": "Büroallee 9", "zip": "80331", "city": "München", "country": "DE"},
					},
				}},
			Category: "customer_account", Purposes: []string{"customer_account", "contract"}, LegalBasis: "Art. 6(1)(b) GDPR",
			Recipients: []answer.Recipient{shopify}, Source: answer.Source{FromDataSubject: true, Description: "given by you when you registered or ordered"},
			Storage:   answer.Storage{Criteria: "until you delete your account or ask us to erase it"},
			SourceKey: "account", Criterion: classify.Criterion{Key: "account"},
		},
		order("1001", "2024-03-15", "2030-12-31", "49.90"),
		order("1002", "2025-06-02", "2031-12-31", "-5.00"),
		{
			Item: gdpr.Item{System: "shopify", RecordType: "invoice", RecordID: "R-2024-17", Date: gdpr.MustDate(2024, 3, 16), Delivered: date("2024-03-18"),
				Fields: map[string]any{
					"invoice_number": "R-2024-17", "invoice_date": "2024-03-16", "buyer_name": "Jane Doe",
					"buyer_address": "Musterweg 1, 10115 Berlin", "currency": "EUR", "net_amounts": map[string]any{"19": "41.93"},
					"tax_rates": []any{"19"}, "tax_amounts": map[string]any{"19": "7.97"}, "system": "Kasse 2",
					"line_items": []any{map[string]any{"description": "Espresso Bohnen 1 kg", "quantity": 1, "net_amount": "41.93", "tax_rate": "19"}},
				}},
			Category: "invoices", Purposes: []string{"tax_retention"}, LegalBasis: "Art. 6(1)(c) GDPR with §14b UStG, §147 AO, §257 HGB",
			Recipients: []answer.Recipient{taxAdviser, shopify}, Source: answer.Source{FromDataSubject: true},
			Storage: answer.Storage{Until: date("2032-12-31"), LegalReference: "§14b(1) UStG; §147(1) Nr. 4, (3) AO; §257(1) Nr. 4, (4) HGB"},
		},
		{
			Item: gdpr.Item{System: "klaviyo", RecordType: "marketing_consent_proof", RecordID: "KL-55", Date: gdpr.MustDate(2023, 5, 2), ConsentEnded: date("2025-01-10"),
				Fields: map[string]any{"email": "jane.doe@example.com", "consent_given_at": "2023-05-02T10:11:12Z", "confirmation_ip": "203.0.113.7"}},
			Category: "marketing", Purposes: []string{"consent_proof"}, LegalBasis: "Art. 6(1)(c) GDPR, Art. 7(1) GDPR",
			Recipients: []answer.Recipient{klaviyo},
			Source:     answer.Source{FromDataSubject: false, Description: "recorded by the shop system when you subscribed or unsubscribed"},
			SourceKey:  "consent_log",
			Storage:    answer.Storage{Until: date("2028-12-31"), LegalReference: "Art. 7(1) DSGVO; §§195, 199 BGB"},
		},
	}
}

func order(n, on, until, total string) classify.Entry {
	return classify.Entry{
		Item: gdpr.Item{System: "shopify", RecordType: "order_confirmation", RecordID: "gid://shopify/Order/" + n, Date: gdpr.MustParseDate(on),
			Delivered: date(on), Invoiced: date(on),
			Fields: map[string]any{
				"order_number": "#" + n, "order_date": on, "buyer_name": "Jane Doe", "total_amount": total, "currency": "EUR",
				"payment_method": "paypal", "client_ip": "203.0.113.7",
				"shipping_address": map[string]any{"address1": "Musterweg 1", "zip": "10115", "city": "Berlin"},
				"line_items":       []any{map[string]any{"description": "Espresso Bohnen 1 kg", "quantity": 1, "unit_price_net": "41.93"}},
			}},
		Category: "orders", Purposes: []string{"contract", "commercial_retention"}, LegalBasis: "Art. 6(1)(b) GDPR",
		Recipients: []answer.Recipient{dhl, paypal, shopify}, Source: answer.Source{FromDataSubject: true},
		Storage: answer.Storage{Until: date(until), LegalReference: "§147(1) Nr. 2, 3 AO; §257(1) Nr. 2, 3, (2) HGB"},
	}
}

// text is a fixture text in German and English.
type text struct{ de, en string }

func (x text) in(lang string) string {
	if lang == "de" {
		return x.de
	}
	return x.en
}

// Answers are the positive fixture's answers in both languages.
func Answers() map[string]answer.Answer {
	out := map[string]answer.Answer{}
	authority, err := answer.DefaultAuthorities().For(gdpr.Place{Country: "DE", Region: "BY"})
	if err != nil {
		panic(err)
	}
	for _, lang := range report.Languages {
		t := func(de, en string) string { return text{de, en}.in(lang) }
		complaint := answer.ComplaintFor(lang, authority)
		objection := answer.ObjectionFor(lang, []string{t("Betrugsprävention", "Fraud prevention")}, "")
		out[lang] = answer.Answer{
			Language:  lang,
			Processed: true,
			Categories: []answer.Category{
				{
					Name:       t("Kundenkonto", "Customer account"),
					Purposes:   []string{t("Führung Ihres Kundenkontos (Art. 6(1)(b) DSGVO)", "Keeping your customer account (Art. 6(1)(b) GDPR)")},
					Recipients: []answer.Recipient{shopify},
					Storage:    answer.Storage{Criteria: t("Bis Sie die Löschung verlangen oder das Kundenkonto schließen.", "Until you ask for erasure or close the account.")},
					Source:     answer.Source{FromDataSubject: true},
				},
				{
					Name:       t("Bestellungen", "Orders"),
					Purposes:   []string{t("Vertragserfüllung (Art. 6(1)(b) DSGVO)", "Performance of the contract (Art. 6(1)(b) GDPR)"), t("Handelsrechtliche Aufbewahrung (Art. 6(1)(c) DSGVO)", "Retention under commercial law (Art. 6(1)(c) GDPR)")},
					Recipients: []answer.Recipient{dhl, paypal, shopify},
					Storage:    answer.Storage{Until: date("2031-12-31"), LegalReference: "§147(1) Nr. 2, 3 AO; §257(1) Nr. 2, 3, (2) HGB"},
					Source:     answer.Source{FromDataSubject: true},
				},
				{
					Name:       t("Rechnungen", "Invoices"),
					Purposes:   []string{t("Steuerliche Aufbewahrungspflicht (Art. 6(1)(c) DSGVO)", "Retention duty under tax law (Art. 6(1)(c) GDPR)")},
					Recipients: []answer.Recipient{taxAdviser, shopify},
					Storage:    answer.Storage{Until: date("2032-12-31"), LegalReference: "§14b(1) UStG; §147(1) Nr. 4, (3) AO; §257(1) Nr. 4, (4) HGB"},
					Source:     answer.Source{FromDataSubject: true},
				},
				{
					Name:       t("Newsletter-Einwilligung", "Newsletter consent"),
					Purposes:   []string{t("Nachweis Ihrer Einwilligung (Art. 7(1) DSGVO)", "Proof of your consent (Art. 7(1) GDPR)")},
					Recipients: []answer.Recipient{klaviyo},
					Storage:    answer.Storage{Until: date("2028-12-31"), LegalReference: "Art. 7(1) DSGVO; §§195, 199 BGB"},
					Source:     answer.Source{Description: t("Newsletter-Dienst Klaviyo (Double-Opt-in-Protokoll)", "Newsletter service Klaviyo (double opt-in log)")},
				},
			},
			Rights:    answer.DefaultRights(lang),
			Objection: &objection,
			Complaint: &complaint,
			Automated: &answer.Automated{
				Exists:       true,
				Logic:        t("Shopify bewertet jede Bestellung automatisch auf Betrugsrisiko (Zahlungsdaten, IP-Adresse, Adressabgleich).", "Shopify scores every order for fraud risk automatically (payment data, IP address, address match)."),
				Consequences: t("Bestellungen mit hohem Risiko prüfen wir von Hand, bevor wir sie versenden; abgelehnt wird nie automatisch.", "We check high-risk orders by hand before shipping; nothing is declined automatically."),
			},
			Copy: &answer.Copy{Format: "json"},
		}
	}
	return out
}

// Input is the positive fixture for a request of sh.
func Input(sh *store.Shop, r *store.Request) report.Input {
	return report.Input{Request: r, Shop: sh, Entries: Entries(), Answers: Answers(), Found: true, GeneratedAt: Generated}
}

// NegativeInput is the fixture of a person the shop does not know.
func NegativeInput(sh *store.Shop, r *store.Request) report.Input {
	answers := map[string]answer.Answer{}
	authority, _ := answer.DefaultAuthorities().For(gdpr.Place{Country: "DE", Region: "BY"})
	for _, lang := range report.Languages {
		c := answer.ComplaintFor(lang, authority)
		answers[lang] = answer.Answer{Language: lang, Rights: answer.DefaultRights(lang), Complaint: &c}
	}
	return report.Input{Request: r, Shop: sh, Answers: answers, Found: false, GeneratedAt: Generated}
}
