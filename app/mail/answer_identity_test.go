package mail_test

import (
	"context"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	rules "github.com/lethe-gdpr/lethe/app/gdpr/classify"
	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/store"
)

// The access answer's e-mail (issue 12): the controller in full in the
// footer — legal name, street, postcode and city, the country written
// out, e-mail, website, the DPO (point 3); the right to object in a section
// of its own (point 6); the authority with its postal address and website
// (point 7) — in German and English, text and HTML.
func TestAccessAnswerNamesControllerObjectionAndAuthority(t *testing.T) {
	g := newRig(t, "sqlite")
	sh := g.shop(t, "kaffee.myshopify.com", func(sh *store.Shop, set *store.Settings) {
		sh.Name = "Kaffee Beispiel"
		sh.Website = "https://kaffee.example"
		sh.Address = `{"company":"Kaffeerösterei Beispiel GmbH","street":"Hauptstraße 5","postcode":"90402","city":"Nürnberg","country":"DE"}`
		set.DPO = &store.DPO{Name: "Dr. Erika Muster", Email: "dsb@kaffee.example"}
	})
	cases := map[string][]string{
		"de": {
			"Verantwortlicher (Art. 4 Nr. 7 DSGVO):", "Kaffeerösterei Beispiel GmbH", "Hauptstraße 5", "90402 Nürnberg", "Deutschland",
			"Website: https://kaffee.example", "Datenschutzbeauftragter: Dr. Erika Muster, E-Mail: dsb@kaffee.example",
			"IHR WIDERSPRUCHSRECHT (ART. 21 DSGVO)|Ihr Widerspruchsrecht (Art. 21 DSGVO)",
			"Direktwerbung: Sie können der Verarbeitung Ihrer personenbezogenen Daten zum Zweck der Direktwerbung jederzeit widersprechen",
			"(Art. 21 Abs. 2 und 3 DSGVO)", "Berechtigte Interessen: Aus Gründen, die sich aus Ihrer besonderen Situation ergeben", "(Art. 21 Abs. 1 DSGVO)",
			"Anschrift: Promenade 18, 91522 Ansbach, Deutschland. Website: https://www.lda.bayern.de",
		},
		"en": {
			"Controller (Art. 4(7) GDPR):", "Kaffeerösterei Beispiel GmbH", "Hauptstraße 5", "90402 Nürnberg", "Germany",
			"Website: https://kaffee.example", "Data protection officer: Dr. Erika Muster, E-mail: dsb@kaffee.example",
			"YOUR RIGHT TO OBJECT (ART. 21 GDPR)|Your right to object (Art. 21 GDPR)",
			"Direct marketing: You can object at any time, without giving reasons, to the processing of your personal data for direct marketing",
			"(Art. 21(2) and (3) GDPR)", "Legitimate interests: On grounds relating to your particular situation", "(Art. 21(1) GDPR)",
			"Address: Promenade 18, 91522 Ansbach, Germany. Website: https://www.lda.bayern.de",
		},
	}
	for lang, wants := range cases {
		r := g.request(t, sh, lang)
		e := g.draftAnswer(t, sh, r, mail.AnswerLink{URL: link, Lifetime: lifetime})
		for part, body := range map[string]string{"text": e.BodyText, "html": html.UnescapeString(regexp.MustCompile(`</?strong>`).ReplaceAllString(e.BodyHTML, ""))} {
			for _, w := range wants {
				found := false
				for _, alt := range strings.Split(w, "|") {
					found = found || strings.Contains(body, alt)
				}
				if !found {
					t.Errorf("%s %s lacks %q:\n%s", lang, part, w, body)
				}
			}
			for _, bad := range []string{"\nDE\n", "<br>DE<", "Art. 21 GDPR: ", "Art. 21 DSGVO: "} {
				if strings.Contains(body, bad) {
					t.Errorf("%s %s has %q (a country code, or the objection among the rights)", lang, part, bad)
				}
			}
		}
		// The objection is its own section, before the list of rights.
		if i, j := strings.Index(e.BodyText, "Art. 21"), strings.Index(e.BodyText, map[string]string{"de": "Ihre Rechte:", "en": "Your rights:"}[lang]); i < 0 || j < 0 || i > j {
			t.Errorf("%s: the objection is not a section of its own before the rights", lang)
		}
	}
}

// The merchant's notice warns of records overdue for deletion, in the
// shop's language, with counts only (issue 12, point 4).
func TestMerchantNoticeWarnsOfOverdueRecords(t *testing.T) {
	g := newRig(t, "sqlite")
	for lang, wants := range map[string][]string{
		"de": {"ACHTUNG: AUFBEWAHRUNGSFRIST ABGELAUFEN (Art. 5 Abs. 1 lit. e DSGVO)", "- Rechnungen: 3 (fällig seit 1. Januar 2025)", "nicht automatisch versendet", "Löschantrag für diese Person"},
		"en": {"WARNING: RETENTION PERIOD ENDED (Art. 5(1)(e) GDPR)", "- Invoices: 3 (due since 1 January 2025)", "not sent automatically", "erasure request for this person"},
	} {
		sh := g.shop(t, lang+".myshopify.com", func(sh *store.Shop, set *store.Settings) { sh.Locale = lang; set.AutoSend = true })
		r := g.request(t, sh, lang)
		var e *store.Email
		err := g.st.Tx(context.Background(), func(tx *store.Store) error {
			var err error
			e, err = mail.DraftMerchantNotice(context.Background(), tx, sh, r, "https://admin.example/r",
				rules.Overdue{RecordType: "invoice", Count: 3, Since: gdpr.MustDate(2025, 1, 1)})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range wants {
			if !strings.Contains(e.BodyText, w) {
				t.Errorf("%s notice lacks %q:\n%s", lang, w, e.BodyText)
			}
		}
		if strings.Contains(e.BodyText, "automatisch versendet, sobald") || strings.Contains(e.BodyText, "sent automatically once") {
			t.Errorf("%s notice promises the automatic answer", lang)
		}
	}
}
