package report_test

import (
	stdhtml "html"
	"regexp"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/report"
	"github.com/lethe-gdpr/lethe/app/report/reporttest"
)

// richText renders the rich customer's answer in lang as its visible text.
func richText(t testing.TB, r *report.Report, lang string) (page, text string) {
	t.Helper()
	b, err := report.RenderHTML(r, lang)
	if err != nil {
		t.Fatal(err)
	}
	page = string(b)
	s := regexp.MustCompile(`(?s)<style>.*?</style>`).ReplaceAllString(page, "")
	s = regexp.MustCompile(`<[^>]+>`).ReplaceAllString(s, " ")
	s = stdhtml.UnescapeString(s)
	return page, strings.Join(strings.Fields(s), " ")
}

func rich(t testing.TB, n int) *report.Report {
	t.Helper()
	r, err := reporttest.Rich(n)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// englishWords must not appear in a German answer (issue 12, point 8):
// labels, states and units a shop system stores in English, and the
// rules' own English wording. Data the person gave (names, addresses),
// company names and record ids may be in any language.
var englishWords = []string{
	"the", "and", "of", "until", "with", "from", "days", "years", "State", "Shipping", "piece", "Opt in", "level",
	"payment", "Payment", "order", "Order", "refund", "subscribed", "SUBSCRIBED", "PAID", "PENDING", "FULFILLED",
	"UNFULFILLED", "ENABLED", "CONFIRMED_OPT_IN", "Germany", "record", "Record", "evaluated", "retention", "erase",
	"customer", "processor", "carrier", "provider", "GDPR", "request", "shipped", "delivered", "unpaid", "consent",
	"Consent", "duty", "Tax", "Seller", "Buyer", "Created", "Updated", "yes", "no",
}

// germanWords must not appear in an English answer.
var germanWords = []string{
	"DSGVO", "Abs.", "lit.", "und", "oder", "Rechnung", "Bestellung", "Jahre", "Dezember", "Zahlung", "bezahlt",
	"versandt", "Deutschland", "Stück", "Versand", "Frist", "bis", "ja", "nein", "Uhr", "Anschrift", "Kundenkonto",
}

// dataWords are the fixture's data and names that may contain such words.
var dataWords = regexp.MustCompile(`Kaffeerösterei Beispiel GmbH|Bayerisches Landesamt für Datenschutzaufsicht|Espresso Bohnen 1 kg|gid://shopify/Customer/\d+|gid://shopify/Order/\d+|Stammkundin|Doe Consulting|single_line_text_field|EU-US Data Privacy Framework|DPD Deutschland GmbH|request-\d+`)

func foreignWords(text string, words []string) []string {
	text = dataWords.ReplaceAllString(text, " ")
	var out []string
	for _, w := range words {
		if regexp.MustCompile(`(^|[^\pL_])` + regexp.QuoteMeta(w) + `($|[^\pL_])`).MatchString(text) {
			out = append(out, w)
		}
	}
	return out
}

// The German answer for a rich customer is wholly German and the English
// one wholly English (issue 12, point 8: render a German answer for a
// rich customer and grep for English).
func TestRichAnswerOneLanguage(t *testing.T) {
	r := rich(t, 40)
	_, de := richText(t, r, "de")
	_, en := richText(t, r, "en")
	if bad := foreignWords(de, englishWords); len(bad) > 0 {
		t.Errorf("German answer has English words %q", bad)
	}
	if bad := foreignWords(en, germanWords); len(bad) > 0 {
		t.Errorf("English answer has German words %q", bad)
	}
	// German citation style throughout, one space after §.
	for _, w := range []string{"Art. 6 Abs. 1 lit. b DSGVO", "§ 147 Abs. 1 Nr. 4, Abs. 3 AO", "§ 14b Abs. 1 UStG", "§§ 195, 199 BGB", "Art. 21 Abs. 1 DSGVO"} {
		if !strings.Contains(de, w) {
			t.Errorf("German answer lacks %q", w)
		}
	}
	for _, bad := range []string{"§1", "Art. 6(1)", "(1)(", "GDPR", " i.V.m.", "2033-12-31", "-12-31"} {
		if strings.Contains(de, bad) {
			t.Errorf("German answer has %q", bad)
		}
	}
	for _, w := range []string{"Art. 6(1)(b) GDPR", "§ 147(1) Nr. 4, (3) AO", "§ 14b(1) UStG", "Art. 21(1) GDPR"} {
		if !strings.Contains(en, w) {
			t.Errorf("English answer lacks %q", w)
		}
	}
	if strings.Contains(en, "§1") || strings.Contains(en, "-12-31") {
		t.Error("English answer: citation without space after § or an ISO date in prose")
	}
}

// Point 3: the controller named in full, the country written out, the DPO.
func TestRichAnswerController(t *testing.T) {
	r := rich(t, 3)
	_, de := richText(t, r, "de")
	_, en := richText(t, r, "en")
	for lang, want := range map[string][]string{
		"de": {"Kaffeerösterei Beispiel GmbH Hauptstraße 5 90402 Nürnberg Deutschland E-Mail: datenschutz@kaffee.example Website: https://kaffee.example",
			"Datenschutzbeauftragter Dr. Erika Muster E-Mail: dsb@kaffee.example Telefon: +49 911 555 0100"},
		"en": {"Kaffeerösterei Beispiel GmbH Hauptstraße 5 90402 Nürnberg Germany E-mail: datenschutz@kaffee.example Website: https://kaffee.example",
			"Data protection officer Dr. Erika Muster E-mail: dsb@kaffee.example Phone: +49 911 555 0100"},
	} {
		text := map[string]string{"de": de, "en": en}[lang]
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s answer lacks %q", lang, w)
			}
		}
	}
	js, _ := report.RenderJSON(r)
	for _, w := range []string{`"name": "Kaffeerösterei Beispiel GmbH"`, `"Deutschland"`, `"Germany"`, `"postcode": "90402"`, `"dpo": {`, `"email": "dsb@kaffee.example"`} {
		if !strings.Contains(string(js), w) {
			t.Errorf("report.json lacks %s", w)
		}
	}
}

// Point 4: one plain sentence per document type, the law that requires
// keeping, German dates, records past their period due for deletion,
// technical data with a real criterion.
func TestRichAnswerStorage(t *testing.T) {
	r := rich(t, 40)
	_, de := richText(t, r, "de")
	_, en := richText(t, r, "en")
	for _, w := range []string{
		"Wir bewahren Ihre Rechnungen 8 Jahre lang auf, gerechnet ab dem Ende des Kalenderjahres, in dem sie entstanden sind, weil das Gesetz es vorschreibt (§ 14b Abs. 1 UStG; § 147 Abs. 1 Nr. 4, Abs. 3 AO; § 257 Abs. 1 Nr. 4, Abs. 4 HGB); die Fristen enden zwischen dem 31. Dezember 2030 und dem 31. Dezember 2033.",
		"Wir speichern die IP-Adresse und die Browsersprache Ihrer Bestellungen zur Betrugsabwehr und zur Sicherheit unseres Shops 120 Tage ab der Bestellung, gestützt auf unser berechtigtes Interesse (Art. 6 Abs. 1 lit. f DSGVO)",
		"ist die Frist abgelaufen", "sie sind zur Löschung fällig (Art. 5 Abs. 1 lit. e, Art. 17 Abs. 1 lit. a DSGVO)",
		"Wir speichern Ihr Kundenkonto, bis Sie es löschen oder uns um Löschung bitten; wir benötigen es, solange Sie es nutzen (Art. 6 Abs. 1 lit. b DSGVO).",
		"Wir bewahren die Liefer- und Sendungsdaten Ihrer Bestellungen 2 Jahre ab der Lieferung auf",
		"Frist abgelaufen: zur Löschung fällig",
	} {
		if !strings.Contains(de, w) {
			t.Errorf("German storage lacks %q", w)
		}
	}
	for _, w := range []string{
		"We keep your invoices for 8 years from the end of the calendar year in which they were created, because the law requires it (§ 14b(1) UStG; § 147(1) Nr. 4, (3) AO; § 257(1) Nr. 4, (4) HGB); the periods end between 31 December 2030 and 31 December 2033.",
		"We keep the IP address and browser language of your orders for fraud prevention and the security of our shop for 120 days from the order, on our legitimate interest (Art. 6(1)(f) GDPR)",
		"the period has ended", "they are due to be erased (Art. 5(1)(e), 17(1)(a) GDPR)",
		"Period ended: due for erasure",
	} {
		if !strings.Contains(en, w) {
			t.Errorf("English storage lacks %q", w)
		}
	}
	for _, bad := range []string{"no retention duty", "evaluated as of", "bis Sie uns um Löschung bitten oder der Shop", "until you ask us to erase it or the shop"} {
		if strings.Contains(de+en, bad) {
			t.Errorf("answer says %q", bad)
		}
	}
}

// Point 5: per order the payment provider actually used and the carrier
// that shipped it; a bank transfer names the shop's bank; third-country
// recipients with their safeguard.
func TestRichAnswerRecipients(t *testing.T) {
	r := rich(t, 8)
	_, de := richText(t, r, "de")
	_, en := richText(t, r, "en")
	for _, w := range []string{
		"#1001 11.02.2022 20,00 EUR bezahlt, versandt Stripe Payments Europe, Limited DHL Paket GmbH 203.0.113.1",
		"#1002 ", "PayPal (Europe) S.à r.l. et Cie, S.C.A. DPD Deutschland GmbH",
		"#1004 ", "Bank des Shops (Überweisung) DPD Deutschland GmbH",
		"Stripe, Inc. Weiterübermittlung innerhalb der Unternehmensgruppe des Anbieters oder an seine Auftragsverarbeiter Vereinigte Staaten ja, außerhalb der EU/des EWR: Angemessenheitsbeschluss (EU) 2023/1795, EU-US Data Privacy Framework (Art. 45 DSGVO)",
		"PayPal, Inc.", "verbindliche interne Datenschutzvorschriften (Art. 46 Abs. 2 lit. b, Art. 47 DSGVO)",
		"Auftragsverarbeiter von Klarna außerhalb der EU/des EWR", "Standardvertragsklauseln der EU-Kommission (Art. 46 Abs. 2 lit. c DSGVO)",
		"Shopify Inc. Unterauftragsverarbeiter (Weiterübermittlung durch Shopify International Limited) Kanada ja, außerhalb der EU/des EWR: Angemessenheitsbeschluss der EU-Kommission 2002/2/EG (Kanada)",
		"die Bank des Shops (Zahlung per Überweisung)",
	} {
		if !strings.Contains(de, w) {
			t.Errorf("German recipients lack %q", w)
		}
	}
	for _, w := range []string{
		"#1001 11 Feb 2022 20.00 EUR paid, shipped Stripe Payments Europe, Limited DHL Paket GmbH",
		"the shop's bank (bank transfer) DPD Deutschland GmbH", "the shop's bank (payment by bank transfer)",
		"Stripe, Inc.", "United States yes, outside the EU/EEA: adequacy decision (EU) 2023/1795, EU-US Data Privacy Framework (Art. 45 GDPR)",
		"binding corporate rules (Art. 46(2)(b), 47 GDPR)", "standard contractual clauses of the European Commission (Art. 46(2)(c) GDPR)",
	} {
		if !strings.Contains(en, w) {
			t.Errorf("English recipients lack %q", w)
		}
	}
	if strings.Contains(de+en, "Vorkasse") {
		t.Error("a payment method is named as a recipient")
	}
}

// Point 6: the right to object in a box of its own, both kinds; point 7:
// the authority with its postal address and website.
func TestRichAnswerObjectionAndAuthority(t *testing.T) {
	r := rich(t, 2)
	pageDE, de := richText(t, r, "de")
	pageEN, en := richText(t, r, "en")
	for lang, page := range map[string]string{"de": pageDE, "en": pageEN} {
		box := regexp.MustCompile(`(?s)<section id="objection" class="box">(.*?)</section>`).FindStringSubmatch(page)
		if box == nil {
			t.Fatalf("%s: no objection box", lang)
		}
		rights := regexp.MustCompile(`(?s)<section id="rights">(.*?)</section>`).FindStringSubmatch(page)
		if rights == nil || strings.Contains(rights[1], "Art. 21") || strings.Contains(rights[1], "widersprechen") || strings.Contains(rights[1], "object") {
			t.Errorf("%s: the objection is among the other rights: %v", lang, rights)
		}
	}
	for _, w := range []string{
		"Ihr Widerspruchsrecht", "Widerspruch gegen Direktwerbung", "Direktwerbung jederzeit widersprechen, ohne Gründe anzugeben", "(Art. 21 Abs. 2 und 3 DSGVO)",
		"Widerspruch gegen Verarbeitungen auf Grundlage berechtigter Interessen", "besonderen Situation", "bei Ihnen sind das: ", "Betrugsprävention", "(Art. 21 Abs. 1 DSGVO)",
		"formlos an datenschutz@kaffee.example",
		"Für uns zuständig ist: Bayerisches Landesamt für Datenschutzaufsicht, BayLDA, Ansbach. Anschrift: Promenade 18, 91522 Ansbach, Deutschland. Website: https://www.lda.bayern.de",
	} {
		if !strings.Contains(de, w) {
			t.Errorf("German answer lacks %q", w)
		}
	}
	for _, w := range []string{
		"Your right to object", "Objection to direct marketing", "(Art. 21(2) and (3) GDPR)", "Objection to processing based on legitimate interests",
		"particular situation", "(Art. 21(1) GDPR)", "Address: Promenade 18, 91522 Ansbach, Germany. Website: https://www.lda.bayern.de",
	} {
		if !strings.Contains(en, w) {
			t.Errorf("English answer lacks %q", w)
		}
	}
	js, _ := report.RenderJSON(r)
	for _, w := range []string{`"objection": {`, `"marketing": "Sie können der Verarbeitung`, `"interests": "On grounds relating`, `Promenade 18, 91522 Ansbach, Deutschland`} {
		if !strings.Contains(string(js), w) {
			t.Errorf("report.json lacks %s", w)
		}
	}
}

// Point 15: the readable answer for 1,000 orders stays under 1.5 MiB and
// lists every order.
func TestRichAnswerSize(t *testing.T) {
	r := rich(t, 1000)
	for _, lang := range report.Languages {
		page, _ := richText(t, r, lang)
		t.Logf("%s answer for 1,000 orders: %d bytes", lang, len(page))
		if n := len(page); n > 1536*1024 {
			t.Errorf("%s answer for 1,000 orders is %d bytes (> 1.5 MiB)", lang, n)
		}
		if n := strings.Count(page, "<tr><td>#"); n != 1000 {
			t.Errorf("%s answer lists %d orders, want 1000", lang, n)
		}
		if !strings.Contains(page, "@media print") || !strings.Contains(page, "thead { display: table-header-group; }") {
			t.Errorf("%s answer has no print styles", lang)
		}
	}
}

// BenchmarkAnswerHTML1000Orders renders the readable answer of a customer
// with 1,000 orders (5,000 records) and reports its size beside the old
// layout's (every record with all its fields) and report.json's:
//
//	go test ./app/report -run '^$' -bench AnswerHTML1000Orders -benchtime 20x
func BenchmarkAnswerHTML1000Orders(b *testing.B) {
	r := rich(b, 1000)
	js, err := report.RenderJSON(r)
	if err != nil {
		b.Fatal(err)
	}
	old, err := report.RenderHTMLV1(r, "de")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	var size int
	for b.Loop() {
		page, err := report.RenderHTML(r, "de")
		if err != nil {
			b.Fatal(err)
		}
		size = len(page)
	}
	b.ReportMetric(float64(size)/(1<<20), "MiB-html")
	b.ReportMetric(float64(len(old))/(1<<20), "MiB-old-html")
	b.ReportMetric(float64(len(js))/(1<<20), "MiB-json")
	b.ReportMetric(float64(len(r.Copy.Items)), "records")
}
