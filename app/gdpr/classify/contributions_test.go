package classify

import (
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
)

// TestEveryTypeHasItsTexts: every record type has its nouns and, in both
// countries, the law its storage rests on.
func TestEveryTypeHasItsTexts(t *testing.T) {
	for _, rt := range retention.RecordTypes() {
		n, ok := typeNouns[rt]
		if !ok || n.object.de == "" || n.object.en == "" || n.heading.de == "" || n.heading.en == "" {
			t.Errorf("%s has no nouns", rt)
		}
		for _, country := range []string{gdpr.CountryDE, gdpr.CountryAT} {
			if storageLaws[country][rt] == "" {
				t.Errorf("%s in %s: no storage law", rt, country)
			}
		}
	}
}

// wooItems: what a WooCommerce store holds beyond the orders: two product
// reviews and a blog comment, the staff's notes on a completed and on a
// running order, and the analytics customer row.
func wooItems() []gdpr.Item {
	w := system("woocommerce")
	return []gdpr.Item{
		item(retention.ProductReview, w, dated("2025-04-01")),
		item(retention.ProductReview, w, dated("2026-02-11")),
		item(retention.Comment, w, dated("2024-09-09")),
		item(retention.OrderNote, w, dated("2025-02-01")),
		item(retention.OrderNote, w, dated("2026-11-21"), openOrder),
		item(retention.AnalyticsRecord, w, dated("2026-10-01")),
	}
}

// The sentences of the new document types, in both languages: what is
// kept, for what, until when, on which ground (German citation style in
// German), dates written out, never "no retention duty" or "until you ask
// us to erase" alone.
func TestAnswerTextsOfContributionsNotesAndAnalytics(t *testing.T) {
	c := ctxDE()
	woo(&c)
	es, err := Classify(wooItems(), c)
	if err != nil {
		t.Fatal(err)
	}
	auth := authority(t)
	want := map[string]struct {
		categories string
		sentences  map[string]string // category → its storage sentences
		laws       map[string]string // category → the laws they rest on
		purposes   map[string][]string
		objection  []string
	}{
		"de": {
			categories: "Ihre Bewertungen und Kommentare,Interne Notizen zu Ihren Bestellungen,Verkaufsstatistik",
			sentences: map[string]string{
				"Ihre Bewertungen und Kommentare": "Wir speichern Ihre Kommentare im Blog des Shops, bis Sie Ihre Einwilligung in die Veröffentlichung widerrufen oder uns um Löschung bitten (Art. 6 Abs. 1 lit. a, Art. 7 Abs. 3 DSGVO). " +
					"Wir speichern Ihre Produktbewertungen, bis Sie Ihre Einwilligung in die Veröffentlichung widerrufen oder uns um Löschung bitten (Art. 6 Abs. 1 lit. a, Art. 7 Abs. 3 DSGVO).",
				"Interne Notizen zu Ihren Bestellungen": "Wir speichern die internen Notizen zu Ihren Bestellungen zusammen mit der Bestellung, zu der sie gehören, und löschen sie spätestens mit ihr; auf Ihren Wunsch löschen wir sie schon vorher (Art. 6 Abs. 1 lit. f DSGVO). " +
					"Zu Bestellungen, die noch laufen (nicht bezahlt, nicht versandt oder eine Rücksendung offen), speichern wir die internen Notizen zu Ihren Bestellungen, bis sie vollständig abgewickelt sind (Art. 6 Abs. 1 lit. b DSGVO); danach speichern wir sie mit der Bestellung und löschen sie auf Ihren Wunsch.",
				"Verkaufsstatistik": "Wir speichern den Eintrag über Sie in der Verkaufsstatistik des Shops (Name, E-Mail-Adresse, Ort, letzte Aktivität), solange die Daten bestehen, aus denen er abgeleitet ist (Ihr Kundenkonto und Ihre Bestellungen); widersprechen Sie oder bitten Sie um Löschung, löschen wir ihn (Art. 6 Abs. 1 lit. f DSGVO).",
			},
			laws: map[string]string{
				"Ihre Bewertungen und Kommentare":       "Art. 6 Abs. 1 lit. a, Art. 7 Abs. 3 DSGVO",
				"Interne Notizen zu Ihren Bestellungen": "Art. 6 Abs. 1 lit. f DSGVO; Art. 6 Abs. 1 lit. b DSGVO",
				"Verkaufsstatistik":                     "Art. 6 Abs. 1 lit. f DSGVO",
			},
			purposes: map[string][]string{
				"Ihre Bewertungen und Kommentare": {"Veröffentlichung Ihrer Bewertungen und Kommentare im Shop (für alle Besucher sichtbar) (Einwilligung, Art. 6 Abs. 1 lit. a DSGVO)",
					"Prüfung der Beiträge vor der Freischaltung und Abwehr von Missbrauch (berechtigtes Interesse, Art. 6 Abs. 1 lit. f DSGVO)"},
				"Interne Notizen zu Ihren Bestellungen": {"Dokumentation der Bearbeitung Ihrer Bestellungen (etwa für Rückfragen und Reklamationen) (berechtigtes Interesse, Art. 6 Abs. 1 lit. f DSGVO)",
					"Kundenservice (Vertrag, Art. 6 Abs. 1 lit. b DSGVO)", "Erfüllung des Kaufvertrags (Vertrag, Art. 6 Abs. 1 lit. b DSGVO)"},
				"Verkaufsstatistik": {"Auswertung der Verkäufe für die Führung des Shops (Statistik) (berechtigtes Interesse, Art. 6 Abs. 1 lit. f DSGVO)"},
			},
			objection: []string{"Prüfung der Beiträge vor der Freischaltung", "Dokumentation der Bearbeitung Ihrer Bestellungen", "Auswertung der Verkäufe"},
		},
		"en": {
			categories: "Your reviews and comments,Internal notes on your orders,Sales statistics",
			sentences: map[string]string{
				"Your reviews and comments": "We keep your comments on the shop's blog until you withdraw your consent to their publication or ask us to erase them (Art. 6(1)(a), 7(3) GDPR). " +
					"We keep your product reviews until you withdraw your consent to their publication or ask us to erase them (Art. 6(1)(a), 7(3) GDPR).",
				"Internal notes on your orders": "We keep the internal notes on your orders with the order they belong to and delete them with it at the latest; at your request we delete them earlier (Art. 6(1)(f) GDPR). " +
					"For orders still open (not paid, not shipped or a return open), we keep the internal notes on your orders until they have been completed (Art. 6(1)(b) GDPR); then we keep them with the order and delete them at your request.",
				"Sales statistics": "We keep the entry about you in the shop's sales statistics (name, e-mail address, location, last activity) as long as the data it is derived from exist (your customer account and your orders); if you object or ask us to erase it, we delete it (Art. 6(1)(f) GDPR).",
			},
			laws: map[string]string{
				"Your reviews and comments":     "Art. 6(1)(a), 7(3) GDPR",
				"Internal notes on your orders": "Art. 6(1)(f) GDPR; Art. 6(1)(b) GDPR",
				"Sales statistics":              "Art. 6(1)(f) GDPR",
			},
			purposes: map[string][]string{
				"Your reviews and comments": {"Publishing your reviews and comments in the shop (visible to every visitor) (consent, Art. 6(1)(a) GDPR)",
					"Checking contributions before they are published, and preventing abuse (legitimate interest, Art. 6(1)(f) GDPR)"},
				"Internal notes on your orders": {"Documenting how your orders were handled (for example for questions and complaints) (legitimate interest, Art. 6(1)(f) GDPR)",
					"Customer service (contract, Art. 6(1)(b) GDPR)", "Performance of the purchase contract (contract, Art. 6(1)(b) GDPR)"},
				"Sales statistics": {"Analysing sales to run the shop (statistics) (legitimate interest, Art. 6(1)(f) GDPR)"},
			},
			objection: []string{"Checking contributions before they are published", "Documenting how your orders were handled", "Analysing sales"},
		},
	}
	for lang, w := range want {
		t.Run(lang, func(t *testing.T) {
			a := Answer(es, lang, auth, true)
			if missing := answer.Validate(a); len(missing) > 0 {
				t.Fatalf("missing: %v", missing)
			}
			var names []string
			for _, c := range a.Categories {
				names = append(names, c.Name)
				if got := c.Storage.Criteria; got != w.sentences[c.Name] {
					t.Errorf("%s storage\n got %s\nwant %s", c.Name, got, w.sentences[c.Name])
				}
				if got := c.Storage.LegalReference; got != w.laws[c.Name] {
					t.Errorf("%s laws %q, want %q", c.Name, got, w.laws[c.Name])
				}
				for _, p := range w.purposes[c.Name] {
					if !containsPrefix(c.Purposes, p) {
						t.Errorf("%s purposes %q lack %q", c.Name, c.Purposes, p)
					}
				}
				if len(c.Purposes) != len(w.purposes[c.Name]) {
					t.Errorf("%s purposes %q, want %d", c.Name, c.Purposes, len(w.purposes[c.Name]))
				}
				if !c.NoRecipients || len(c.Recipients) != 0 {
					t.Errorf("%s: no payment provider or carrier sees these: %+v", c.Name, c.Recipients)
				}
				for _, bad := range []string{"no retention duty", "keine Aufbewahrungspflicht", "until you ask us to erase", "bis Sie uns um Löschung bitten", "Art. 17", "GDPR", "DSGVO"} {
					if (bad == "GDPR" && lang == "de") || (bad == "DSGVO" && lang == "en") {
						if strings.Contains(c.Storage.Criteria+c.Storage.LegalReference, bad) {
							t.Errorf("%s %s cites in the other language's style: %+v", lang, c.Name, c.Storage)
						}
						continue
					}
					if bad != "GDPR" && bad != "DSGVO" && strings.Contains(c.Storage.Criteria+c.Storage.LegalReference, bad) {
						t.Errorf("%s %s storage says %q: %+v", lang, c.Name, bad, c.Storage)
					}
				}
			}
			if got := strings.Join(names, ","); got != w.categories {
				t.Errorf("categories\n got %s\nwant %s", got, w.categories)
			}
			for _, p := range w.objection {
				if !strings.Contains(a.Objection.Interests, p) {
					t.Errorf("the right to object names %q: %+v", p, a.Objection)
				}
			}
		})
	}
	// One entry per item, with the per-item texts in both languages.
	for _, e := range es {
		for _, lang := range []string{"de", "en"} {
			if c := CriterionText(e.Criterion, lang); c == e.Criterion.Key || c == "" {
				t.Errorf("%s: criterion %s has no %s text", e.Item.RecordType, e.Criterion.Key, lang)
			}
			if s := SourceText(e.SourceKey, lang); s == SourceText("other", lang) {
				t.Errorf("%s: source %s has no %s text", e.Item.RecordType, e.SourceKey, lang)
			}
		}
	}
}
