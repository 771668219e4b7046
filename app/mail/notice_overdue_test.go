package mail_test

import (
	"context"
	"html"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

// noticeAt drafts the merchant notice of a new request (received 2 March
// 2026, due 2 April 2026) in lang with the store's clock at now; held
// parks it in identity_unverified first. It returns the text and the HTML
// (entities decoded, spaces collapsed) and the subject.
func noticeAt(t *testing.T, dialect, lang string, now time.Time, held bool) (subject, text, htm string) {
	t.Helper()
	ctx := context.Background()
	g := newRig(t, dialect)
	g.st = testenv.Store(t, dialect, func(o *store.Options) { o.Now = func() time.Time { return now } })
	sh := g.shop(t, lang+".myshopify.com", func(sh *store.Shop, set *store.Settings) {
		sh.Locale = lang
		set.MerchantEmail = "inhaber@musterladen.example"
	})
	var e *store.Email
	err := g.st.Tx(ctx, func(tx *store.Store) error {
		r, _, err := requests.Create(ctx, tx, sh, requests.New{Type: store.TypeAccess, Source: "manual", Channel: "e-mail",
			Subject: customer, ReceivedAt: received, Locale: "de"})
		if err != nil {
			return err
		}
		if err := requests.Transition(ctx, tx, r, "system", store.StatusProcessing, ""); err != nil {
			return err
		}
		if held {
			if err := requests.HoldIdentity(ctx, tx, r, []string{requests.MismatchCustomerID, requests.MismatchOrderIDs}); err != nil {
				return err
			}
		}
		e, err = mail.DraftMerchantNotice(ctx, tx, sh, r, "https://lethe.example/app/requests/1")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for where, s := range map[string]string{"subject": e.Subject, "text": e.BodyText, "html": e.BodyHTML} {
		assertNoPersonalData(t, where, s)
	}
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	return e.Subject, flat(e.BodyText), flat(html.UnescapeString(tags.ReplaceAllString(e.BodyHTML, " ")))
}

// An overdue request's notice urges the answer, says by how many days it
// is overdue, and offers no extension (Art. 12(3) GDPR: only within the
// first month); before the deadline the extension is explained.
func TestMerchantNoticeOverdueOffersNoExtension(t *testing.T) {
	berlinNoon := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 12, 0, 0, 0, berlin) }
	cases := []struct {
		name, lang string
		now        time.Time
		subject    string
		wants      []string
		never      []string
	}{
		{"de in time", "de", berlinNoon(2026, 3, 20), "Frist 2. April 2026",
			[]string{"Sie kann um zwei Monate (bis 2. Juni 2026) verlängert werden, wenn Sie die Person innerhalb der ersten Frist"},
			[]string{"überfällig"}},
		{"de due today", "de", berlinNoon(2026, 4, 2), "Frist 2. April 2026",
			[]string{"Sie kann um zwei Monate (bis 2. Juni 2026) verlängert werden"}, []string{"überfällig"}},
		{"de one day late", "de", berlinNoon(2026, 4, 3), "Frist 2. April 2026 (überfällig)",
			[]string{"Diese Anfrage ist überfällig: Die Frist nach Art. 12 Abs. 3 DSGVO (Antwort unverzüglich, spätestens einen Monat nach Eingang) ist seit 1 Tag abgelaufen. Bitte beantworten Sie die Anfrage sofort."},
			[]string{"verlänger", "Verlänger"}},
		{"de five days late", "de", berlinNoon(2026, 4, 7), "Frist 2. April 2026 (überfällig)",
			[]string{"ist seit 5 Tagen abgelaufen. Bitte beantworten Sie die Anfrage sofort."},
			[]string{"verlänger", "Verlänger", "2. Juni 2026"}},
		{"en in time", "en", berlinNoon(2026, 3, 20), "due 2 April 2026",
			[]string{"It can be extended by two months (to 2 June 2026) if you tell the person"}, []string{"overdue"}},
		{"en five days late", "en", berlinNoon(2026, 4, 7), "due 2 April 2026 (overdue)",
			[]string{"This request is overdue: the deadline under Art. 12(3) GDPR (answer without undue delay and at the latest one month after receipt) passed 5 days ago. Please answer the request now."},
			[]string{"extend", "extension", "2 June 2026"}},
		{"en one day late", "en", berlinNoon(2026, 4, 3), "(overdue)", []string{"passed 1 day ago"}, []string{"extend"}},
	}
	dialects(t, func(t *testing.T, dialect string) {
		for _, c := range cases {
			subject, text, htm := noticeAt(t, dialect, c.lang, c.now, false)
			if !strings.HasSuffix(subject, c.subject) {
				t.Errorf("%s: subject %q, want it to end in %q", c.name, subject, c.subject)
			}
			for where, s := range map[string]string{"text": text, "html": htm} {
				contains(t, c.name+" "+where, s, c.wants...)
				for _, n := range c.never {
					if strings.Contains(s, n) {
						t.Errorf("%s %s says %q:\n%s", c.name, where, n, s)
					}
				}
			}
		}
	})
}

// The notice of a request held for its identity says it is held (subject
// and lead, not "new request"), names the fields that do not match by
// name only, says nothing was prepared and what the merchant can do.
func TestMerchantNoticeNamesTheIdentityMismatch(t *testing.T) {
	now := time.Date(2026, 3, 2, 12, 0, 0, 0, berlin)
	cases := map[string]struct {
		subject      string
		wants, never []string
	}{
		"de": {"Angehalten (Identität ungeklärt): Datenschutzanfrage Nr. ", []string{
			"für Ihren Shop Musterladen GmbH ist eine Datenschutzanfrage eingegangen, die Lethe angehalten hat: Die Identität der Person ist ungeklärt.",
			"Angehalten, weil die Angaben der Anfrage nicht zur selben Person gehören: Die E-Mail-Adresse der Anfrage passt nicht zu diesen Angaben im Shop: Kundennummer, Bestellnummern.",
			"Lethe hat deshalb keine Antwort vorbereitet, keinen Link erzeugt und nichts an die Adresse geschrieben.",
			"Was Sie tun können:",
			"vermerken Sie im Admin-Bereich die Identität als geprüft.",
			"sie geht nur an die E-Mail-Adresse, die Ihr Shop für die Person gespeichert hat.",
			"Stammt die Anfrage nicht von der Person, schließen Sie sie mit einer Begründung.",
			"Die Frist läuft weiter.",
		}, []string{"neue Datenschutzanfrage", "Neue Datenschutzanfrage", "Lethe sucht jetzt", "automatisch versendet", customer.CustomerID, "777"}},
		"en": {"On hold (identity unverified): data protection request no. ", []string{
			"a data protection request has arrived for your shop Musterladen GmbH that Lethe has put on hold: the person's identity is unverified.",
			"On hold because the details of the request do not belong to the same person: the request's e-mail address does not match these details in the shop: customer id, order numbers.",
			"Lethe has therefore prepared no answer, made no link and written nothing to the address.",
			"What you can do:",
			"mark the identity verified in the admin.",
			"it goes only to the e-mail address your shop holds for the person.",
			"If the request does not come from the person, close it with a reason.",
			"The deadline keeps running.",
		}, []string{"new data protection request", "New data protection request", "Lethe is now looking", "sent automatically", customer.CustomerID, "777"}},
	}
	dialects(t, func(t *testing.T, dialect string) {
		for lang, c := range cases {
			subject, text, htm := noticeAt(t, dialect, lang, now, true)
			if !strings.HasPrefix(subject, c.subject) {
				t.Errorf("%s subject %q, want it to start %q", lang, subject, c.subject)
			}
			for where, s := range map[string]string{"subject": subject, "text": text, "html": htm} {
				if where != "subject" {
					contains(t, lang+" "+where, s, c.wants...)
				}
				for _, n := range c.never {
					if strings.Contains(s, n) {
						t.Errorf("%s %s says %q of a held request:\n%s", lang, where, n, s)
					}
				}
			}
		}
	})
}

// dialects runs f once per database dialect.
func dialects(t *testing.T, f func(t *testing.T, dialect string)) {
	for _, d := range testenv.Dialects {
		t.Run(d, func(t *testing.T) { f(t, d) })
	}
}
