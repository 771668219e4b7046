package mail_test

import (
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/plan"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/app/mail"
)

// A customer with guest orders only: Shopify offers no erasure Lethe could
// start (connect.ErasureResult.Unsupported), so nothing was erased there.
// The e-mail says what remains there and why — never that Shopify's
// records were erased — and Lethe's own records are erased.
func TestErasureConfirmationGuestOrdersRemainAtShopify(t *testing.T) {
	lethe := gdpr.Item{System: "lethe", RecordType: retention.TechnicalData, RecordID: "req-0", Fields: map[string]any{"ip_address": "x"}}
	cases := []struct {
		locale        string
		wants, absent []string
	}{
		{"de", []string{
			"Einen Teil Ihrer Daten haben wir gelöscht; andere sind noch nicht gelöscht.",
			"Gelöscht haben wir:", "Technische Daten (z. B. IP-Adresse, Browserkennung) (1 Datensatz)",
			"Noch nicht gelöscht sind die folgenden Daten bei Shopify. Shopify bietet für sie keine Löschung an, die wir über die Schnittstelle veranlassen können; das betrifft etwa Bestellungen, die ohne Kundenkonto (als Gast) aufgegeben wurden.",
			"Wir löschen sie dort gesondert; bis dahin liegen sie dort weiter vor:",
			"Rechnungen (1 Datensatz)",
			"Auch die unten genannten Unterlagen, die wir aufbewahren, liegen dort bis dahin noch mit allen Angaben vor.",
			"alle übrigen Angaben aus diesen Unterlagen löschen wir (bei Shopify sind sie noch nicht gelöscht, siehe oben).",
		}, []string{"Hiermit bestätigen wir die Löschung", "sind gelöscht", "soweit wir das schon jetzt dürfen",
			"übrigen Angaben aus diesen Unterlagen haben wir gelöscht", "eingeleitet"}},
		{"en", []string{
			"We have erased part of your data; other data are not erased yet.",
			"We have erased:", "Technical data (e.g. IP address, user agent) (1 record)",
			"The following data at Shopify are not erased yet. Shopify offers no erasure of them that we can start through its interface; this concerns, for example, orders placed without a customer account (as a guest).",
			"We will delete them there separately; until then they remain there:",
			"Invoices (1 record)",
			"The records we keep, listed below, also remain there with all their details until then.",
			"everything else in these records we delete (at Shopify it is not erased yet, see above).",
		}, []string{"This is our confirmation of the erasure", "have been erased", "as far as we may already do so",
			"everything else in these records we have erased", "started"}},
	}
	each(t, func(t *testing.T, g *rig) {
		sh := g.shop(t, "muster.myshopify.com")
		entries, err := plan.Plan([]gdpr.Item{inv2013, inv2024, lethe}, planDay, retention.DE())
		if err != nil {
			t.Fatal(err)
		}
		s := mail.SummarizeErasure(entries, nil, []string{"shopify"})
		if len(s.Erased) != 1 || len(s.Remaining) != 1 || s.RemainingAt[0] != "shopify" || !s.RemainingKept || s.Full() || s.NothingFound() {
			t.Fatalf("summary %+v", s)
		}
		for _, c := range cases {
			r := g.erasureRequest(t, sh, c.locale)
			e := g.draftConfirmation(t, sh, r, s)
			if e.Kind != mail.KindErasurePartial {
				t.Fatalf("kind %s", e.Kind)
			}
			if strings.Contains(e.Subject, "gelöscht") || strings.Contains(e.Subject, "erased") {
				t.Errorf("subject %q", e.Subject)
			}
			g.sendToCustomer(t, sh, r, e, c.wants, c.absent)
		}
		// Guest orders only, nothing of Lethe's: nothing is said to be erased.
		entries, _ = plan.Plan([]gdpr.Item{inv2013}, planDay, retention.DE())
		for lang, want := range map[string]string{"de": "Ihre Daten sind noch nicht gelöscht.", "en": "Your data are not erased yet."} {
			r := g.erasureRequest(t, sh, lang)
			e := g.draftConfirmation(t, sh, r, mail.SummarizeErasure(entries, nil, []string{"shopify"}))
			for where, body := range map[string]string{"text": e.BodyText, "html": visible(e.BodyHTML)} {
				contains(t, lang+" "+where, strings.Join(strings.Fields(body), " "), want)
				for _, n := range []string{"Gelöscht haben wir", "We have erased", "Vollständig löschen konnten wir", "We could not yet erase"} {
					if strings.Contains(body, n) {
						t.Errorf("%s %s says %q:\n%s", lang, where, n, body)
					}
				}
			}
		}
	})
}
