package report_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/gdpr/classify"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/app/report"
	"github.com/lethe-gdpr/lethe/app/report/reporttest"
)

// wooItems are the records of a WooCommerce customer as the WooCommerce
// connector maps them (woocommerce/connector_map.go, connector_order.go):
// a completed order with a note sent to her (a business letter) and two
// private notes (order notes, one item each), a running order with a
// private note, two product reviews, a blog comment and the analytics row.
func wooItems() []gdpr.Item {
	paid := gdpr.MustDate(2025, 9, 3)
	running := gdpr.MustDate(2026, 2, 5)
	disclosed := []gdpr.Disclosure{{Kind: gdpr.DisclosedPayment, Name: "paypal"}, {Kind: gdpr.DisclosedCarrier, Name: "DHL Paket"}}
	order := func(rt retention.RecordType, id string, day gdpr.Date, open bool, f map[string]any) gdpr.Item {
		return gdpr.Item{System: "woocommerce", RecordType: rt, RecordID: id, Date: day, Open: open, Fields: f, Disclosed: disclosed}
	}
	note := func(order, id string, day gdpr.Date, open bool, text, author string) gdpr.Item {
		return gdpr.Item{System: "woocommerce", RecordType: retention.OrderNote, RecordID: order + "/note/" + id, Date: day, Open: open, Disclosed: disclosed,
			Fields: map[string]any{"order_number": order, "note": text, "author": author, "created_at": day.String() + "T10:00:00+01:00"}}
	}
	return []gdpr.Item{
		{System: "woocommerce", RecordType: retention.CustomerAccount, RecordID: "7", Date: gdpr.MustDate(2024, 8, 1), Fields: map[string]any{
			"first_name": "Anna", "last_name": "Schmidt", "email": "anna.schmidt@example.de", "username": "anna.schmidt"}},
		order(retention.OrderConfirmation, "1042", paid, false, map[string]any{"order_number": "1042", "order_date": paid.String(), "total_amount": "54.80", "currency": "EUR",
			"buyer_name": "Anna Schmidt", "email": "anna.schmidt@example.de", "order_status": "completed"}),
		order(retention.Invoice, "1042", paid, false, map[string]any{"invoice_number": "1042", "invoice_date": paid.String(), "buyer_name": "Anna Schmidt", "currency": "EUR"}),
		order(retention.BusinessLetter, "1042/note/88", paid.AddDays(1), false, map[string]any{"order_number": "1042", "letter_date": paid.AddDays(1).String(),
			"sender": "Jana Lindner, Kaffeerösterei Lindner", "recipient": "anna.schmidt@example.de", "body": "Ihre Sendung ist unterwegs."}),
		note("1042", "87", paid, false, "Bestellstatus von In Bearbeitung auf Fertiggestellt geändert.", "WooCommerce"),
		note("1042", "89", paid.AddDays(2), false, "Kundin rief an: Paket beim Nachbarn abgegeben.", "Jana Lindner"),
		order(retention.OrderConfirmation, "1077", running, true, map[string]any{"order_number": "1077", "order_date": running.String(), "total_amount": "21.90", "currency": "EUR", "order_status": "on-hold"}),
		order(retention.OpenOrder, "1077", running, true, map[string]any{"order_number": "1077", "order_status": "on-hold", "buyer_name": "Anna Schmidt"}),
		note("1077", "95", running, true, "Zahlung per Überweisung ausstehend, erinnert am Freitag.", "Jana Lindner"),
		{System: "woocommerce", RecordType: retention.ProductReview, RecordID: "review/31", Date: gdpr.MustDate(2025, 10, 1), Fields: map[string]any{
			"reviewer": "Anna S.", "reviewer_email": "anna.schmidt@example.de", "review": "Schokoladig, wenig Säure – mein Lieblingsespresso.", "rating": 5, "verified_owner": true,
			"product_id": "12", "product_name": "Espresso Bohnen 1 kg"}},
		{System: "woocommerce", RecordType: retention.ProductReview, RecordID: "review/32", Date: gdpr.MustDate(2025, 11, 2), Fields: map[string]any{
			"reviewer": "Anna Schmidt", "reviewer_email": "anna.schmidt@example.de", "review": "Gut erklärt, etwas knapp bei hellen Röstungen.", "rating": 4,
			"product_name": "Buch: Die Kunst des Röstens"}},
		{System: "woocommerce", RecordType: retention.Comment, RecordID: "comment/55", Date: gdpr.MustDate(2025, 3, 1), Fields: map[string]any{
			"content": "Danke für die Anleitung zum Entkalken!", "author": "Anna", "post_title": "Siebträger pflegen"}},
		{System: "woocommerce", RecordType: retention.AnalyticsRecord, RecordID: "analytics/3", Date: gdpr.MustDate(2026, 2, 5), Fields: map[string]any{
			"first_name": "Anna", "last_name": "Schmidt", "email": "anna.schmidt@example.de", "city": "Leipzig", "postcode": "04109"}},
	}
}

func wooReport(t *testing.T) *report.Report {
	t.Helper()
	sh := reporttest.RichShop()
	sh.Platform = "woocommerce"
	rq := reporttest.RichRequest(sh)
	place := gdpr.Place{Country: "DE", Region: "BY"}
	entries, err := classify.Classify(wooItems(), classify.Context{Today: reporttest.RichToday, Place: place, Rules: retention.DE(), Platform: "woocommerce"})
	if err != nil {
		t.Fatal(err)
	}
	auth, err := answer.DefaultAuthorities().For(place)
	if err != nil {
		t.Fatal(err)
	}
	answers := map[string]answer.Answer{}
	for _, lang := range report.Languages {
		answers[lang] = classify.Answer(entries, lang, auth, true)
	}
	r, err := report.Build(report.Input{Request: rq, Shop: sh, Entries: entries, Answers: answers, Found: true, GeneratedAt: reporttest.Generated})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// A WooCommerce customer's answer names her reviews, comments, the shop's
// internal notes and the statistics entry in both languages: each order is
// one row whose documents include its notes (not a row per note), the
// reviews and the comment are shown in full under their own category, and
// every new document type has its storage sentence.
func TestWooCommerceRecordsInTheAnswer(t *testing.T) {
	r := wooReport(t)
	want := map[string]struct{ texts, rows []string }{
		"de": {
			texts: []string{
				"Ihre Bewertungen und Kommentare", "Interne Notizen zu Ihren Bestellungen", "Verkaufsstatistik",
				"Produktbewertungen", "Kommentare", "Interne Notizen zu Bestellungen",
				"Rezension", "Schokoladig, wenig Säure – mein Lieblingsespresso.", "Danke für die Anleitung zum Entkalken!",
				"Wir speichern Ihre Produktbewertungen, bis Sie Ihre Einwilligung in die Veröffentlichung widerrufen oder uns um Löschung bitten (Art. 6 Abs. 1 lit. a, Art. 7 Abs. 3 DSGVO).",
				"Wir speichern die internen Notizen zu Ihren Bestellungen zusammen mit der Bestellung, zu der sie gehören, und löschen sie spätestens mit ihr; auf Ihren Wunsch löschen wir sie schon vorher (Art. 6 Abs. 1 lit. f DSGVO).",
				"Wir speichern den Eintrag über Sie in der Verkaufsstatistik des Shops",
				"Veröffentlichung Ihrer Bewertungen und Kommentare im Shop (für alle Besucher sichtbar)",
				"Dokumentation der Bearbeitung Ihrer Bestellungen",
			},
			rows: []string{"Bestellbestätigung, Rechnung, Geschäftsbrief, Interne Notiz zur Bestellung (2)", "Laufende Bestellung, Bestellbestätigung, Interne Notiz zur Bestellung"},
		},
		"en": {
			texts: []string{
				"Your reviews and comments", "Internal notes on your orders", "Sales statistics",
				"Product reviews", "Comments", "Internal order notes",
				"Review", "Schokoladig, wenig Säure – mein Lieblingsespresso.",
				"We keep your product reviews until you withdraw your consent to their publication or ask us to erase them (Art. 6(1)(a), 7(3) GDPR).",
				"We keep the internal notes on your orders with the order they belong to and delete them with it at the latest; at your request we delete them earlier (Art. 6(1)(f) GDPR).",
				"We keep the entry about you in the shop's sales statistics",
				"Publishing your reviews and comments in the shop (visible to every visitor)",
				"Documenting how your orders were handled",
			},
			rows: []string{"Order confirmation, Invoice, Business letter, Internal order note (2)", "Open order, Order confirmation, Internal order note"},
		},
	}
	for lang, w := range want {
		page, text := richText(t, r, lang)
		for _, s := range append(w.texts, w.rows...) {
			if !strings.Contains(text, s) {
				t.Errorf("%s answer lacks %q", lang, s)
			}
		}
		for _, n := range []string{"1042", "1077"} {
			if got := len(regexp.MustCompile(`<tr><td>`+n+`</td>`).FindAllString(page, -1)); got != 1 {
				t.Errorf("%s answer has %d rows for order %s, want one", lang, got, n)
			}
		}
		for _, bad := range []string{"product_review", "order_note", "analytics_record", "private_notes", "no retention duty"} {
			if strings.Contains(text, bad) {
				t.Errorf("%s answer shows %q", lang, bad)
			}
		}
	}
	_, de := richText(t, r, "de")
	_, en := richText(t, r, "en")
	if bad := foreignWords(de, englishWords); len(bad) > 0 {
		t.Errorf("German answer has English words %q", bad)
	}
	if bad := foreignWords(en, germanWords); len(bad) > 0 {
		t.Errorf("English answer has German words %q", bad)
	}
	for _, bad := range []string{"GDPR", "Art. 6(1)", "Review", "Comment", "Internal"} {
		if strings.Contains(de, bad) {
			t.Errorf("German answer has %q", bad)
		}
	}
	for _, bad := range []string{"DSGVO", "Abs.", "Rezension", "Interne Notiz"} {
		if strings.Contains(en, bad) {
			t.Errorf("English answer has %q", bad)
		}
	}
}
