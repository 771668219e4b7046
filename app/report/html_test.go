package report_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/report"
)

func html(t *testing.T, r *report.Report, lang string) string {
	t.Helper()
	b, err := report.RenderHTML(r, lang)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestHTMLHasEveryArt15Element(t *testing.T) {
	r := positive(t)
	common := []string{
		"Kaffeerösterei Beispiel GmbH", "datenschutz@kaffee.example", "Hauptstraße 5", "90402 Nürnberg", // controller
		"DHL Paket GmbH", "PayPal (Europe)", "Shopify International Ltd.", "Klaviyo Inc.", // recipients (c)
		"Angemessenheitsbeschluss der EU-Kommission für Kanada", "EU-US Data Privacy Framework", // safeguards 15(2)
		"Bayerisches Landesamt für Datenschutzaufsicht, BayLDA", "Ansbach", // authority (f)
		"R-2024-17", "#1001", "#1002", "gid://shopify/Customer/7", "KL-55", // items: orders one row each, the others in full
		"jane.doe@example.com", "Musterweg 1", "203.0.113.7", "vip, newsletter", // fields
		report.Schema,
	}
	perLang := map[string][]string{
		"de": {
			"Art. 16 DSGVO", "Art. 17 DSGVO", "Art. 18 DSGVO", "Art. 21 DSGVO", "Art. 15 Abs. 1 lit. h DSGVO", "Art. 15 Abs. 1 lit. c, 15 Abs. 2 DSGVO", "Art. 6(1)(c) DSGVO",
			"Auskunft über Ihre personenbezogenen Daten", "Wir verarbeiten personenbezogene Daten über Sie",
			"Führung Ihres Kundenkontos (Art. 6(1)(b) DSGVO)", "Steuerliche Aufbewahrungspflicht (Art. 6(1)(c) DSGVO)", // purposes (a)
			"Bestellungen", "Rechnungen", "Newsletter-Einwilligung", // categories (b)
			"gespeichert bis einschließlich 31. Dezember 2032", "Bis Sie die Löschung verlangen", // storage (d)
			"Newsletter-Dienst Klaviyo (Double-Opt-in-Protokoll)", "Von Ihnen selbst angegeben.", // source (g)
			"Sie können die Löschung Ihrer Daten verlangen",                                                    // rights (e)
			"Sie haben das Recht, sich bei einer Datenschutz-Aufsichtsbehörde zu beschweren",                   // complaint (f)
			"Shopify bewertet jede Bestellung automatisch auf Betrugsrisiko", "abgelehnt wird nie automatisch", // automated (h)
			"Kopie Ihrer Daten", "Bestellbestätigung", "Rechnung", "Eingegangen am", "31. Januar 2026", "2. März 2026", "-5,00 EUR", "49,90 EUR",
			"ja, außerhalb der EU/des EWR", "Ihre Bestellungen", "Ihr Widerspruchsrecht",
		},
		"en": {
			"Art. 16 GDPR", "Art. 17 GDPR", "Art. 18 GDPR", "Art. 21 GDPR", "Art. 15(1)(h) GDPR", "Art. 15(1)(c), 15(2) GDPR", "Art. 6(1)(c) GDPR",
			"Access to your personal data", "We process personal data about you",
			"Keeping your customer account (Art. 6(1)(b) GDPR)", "Retention duty under tax law (Art. 6(1)(c) GDPR)",
			"Orders", "Invoices", "Newsletter consent",
			"stored until and including 31 December 2032", "Until you ask for erasure or close the account.",
			"Newsletter service Klaviyo (double opt-in log)", "Provided by you.",
			"You can have your data erased",
			"You have the right to lodge a complaint with a supervisory authority",
			"Shopify scores every order for fraud risk", "nothing is declined automatically",
			"Copy of your data", "Order confirmation", "Invoice", "Received on", "31 January 2026", "2 March 2026", "-5.00 EUR", "49.90 EUR",
			"yes, outside the EU/EEA", "Your orders", "Your right to object",
		},
	}
	for lang, wants := range perLang {
		page := html(t, r, lang)
		if !strings.Contains(page, `<html lang="`+lang+`">`) {
			t.Errorf("%s page does not declare its language", lang)
		}
		for _, w := range append(common, wants...) {
			if !strings.Contains(page, escape(w)) {
				t.Errorf("%s page lacks %q", lang, w)
			}
		}
	}
}

// escape is how html/template writes text.
func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "'", "&#39;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "+", "&#43;").Replace(s)
}

// The pages are self-contained: no script, no external style, font or
// image; and data cannot inject markup.
func TestHTMLSelfContained(t *testing.T) {
	for _, lang := range report.Languages {
		page := html(t, positive(t), lang)
		for _, bad := range []string{"<script", "<link", "src=", "@import", "url(", "<iframe", `href="http`, "<img"} {
			if strings.Contains(page, bad) {
				t.Errorf("%s page contains %q", lang, bad)
			}
		}
		if !strings.Contains(page, "@media print") || !strings.Contains(page, "<style>") {
			t.Errorf("%s page has no inline print styles", lang)
		}
		if !strings.Contains(page, "=HYPERLINK(&#34;http://evil.example&#34;)") {
			t.Errorf("%s: the customer's note is not shown escaped", lang)
		}
	}
}

// Each page is wholly in its language: no fixed text of the other one.
func TestHTMLOneLanguage(t *testing.T) {
	pages := map[string]string{"de": html(t, positive(t), "de"), "en": html(t, positive(t), "en")}
	checked := 0
	for _, pair := range report.MessagePairs() {
		if pair[0] == pair[1] {
			continue // "System", "Marketing", "—"
		}
		for i, lang := range []string{"de", "en"} {
			foreign, _, _ := strings.Cut(pair[1-i], "%") // the text before a placeholder
			if len(foreign) < 8 {
				continue
			}
			checked++
			if strings.Contains(pages[lang], escape(foreign)) {
				t.Errorf("%s page contains the other language's %q", lang, foreign)
			}
		}
	}
	for _, english := range []string{"until you delete your account", "recorded by the shop system", "GDPR with"} {
		if strings.Contains(pages["de"], english) {
			t.Errorf("de page contains the English %q", english)
		}
	}
	if checked < 50 {
		t.Fatalf("only %d texts checked", checked)
	}
}

func TestHTMLNegative(t *testing.T) {
	r := negative(t)
	de, en := html(t, r, "de"), html(t, r, "en")
	if !strings.Contains(de, "Wir verarbeiten keine personenbezogenen Daten über Sie") || strings.Contains(de, "Kopie Ihrer Daten") {
		t.Errorf("German negative page:\n%s", de)
	}
	if !strings.Contains(en, "we do not process any personal data about you") || !strings.Contains(en, "Bayerisches Landesamt") {
		t.Errorf("English negative page:\n%s", en)
	}
}

func TestHTMLUnknownLanguage(t *testing.T) {
	if _, err := report.RenderHTML(positive(t), "fr"); !errors.Is(err, report.ErrLanguage) {
		t.Fatalf("fr: %v", err)
	}
}

func TestCustomerPages(t *testing.T) {
	for _, lang := range report.Languages {
		b, err := report.RenderLanding(report.Landing{Lang: lang, Shop: "Kaffee & Co", Base: "tok123", ExpiresAt: time.Date(2026, 2, 17, 9, 30, 0, 0, time.UTC), TimeZone: "Europe/Berlin"})
		if err != nil {
			t.Fatal(err)
		}
		page := string(b)
		for _, w := range []string{`href="tok123/report.html?lang=` + lang + `"`, `href="tok123/report.zip"`, `href="tok123/report.json"`, "Kaffee &amp; Co"} {
			if !strings.Contains(page, w) {
				t.Errorf("%s landing lacks %s:\n%s", lang, w, page)
			}
		}
		want := map[string]string{"de": "gültig bis 17. Februar 2026", "en": "valid until 17 February 2026"}[lang]
		if !strings.Contains(page, want) {
			t.Errorf("%s landing lacks %q", lang, want)
		}
		gone, _ := report.RenderGone(lang, "Kaffee & Co", "shop@kaffee.example")
		if !strings.Contains(string(gone), "Kaffee &amp; Co") || !strings.Contains(string(gone), "shop@kaffee.example") {
			t.Errorf("%s gone page: %s", lang, gone)
		}
		if _, err := report.RenderNotFound(lang); err != nil {
			t.Error(err)
		}
	}
	if _, err := report.RenderGone("fr", "", ""); !errors.Is(err, report.ErrLanguage) {
		t.Error("fr gone page rendered")
	}
}

// A report stored before its statements named the controller still shows
// it, the country written out.
func TestHTMLOldReportNamesTheController(t *testing.T) {
	r := positive(t)
	for _, lang := range report.Languages {
		s := r.Answers[lang]
		s.Controller = report.ControllerText{}
		r.Answers[lang] = s
	}
	if de := html(t, r, "de"); !strings.Contains(de, "90402 Nürnberg<br>Deutschland<br>") {
		t.Errorf("de: no controller address")
	}
	if en := html(t, r, "en"); !strings.Contains(en, "90402 Nürnberg<br>Germany<br>") {
		t.Errorf("en: no controller address")
	}
}
