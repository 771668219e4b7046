package mail_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/plan"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/app/mail"
)

// A system erased the rest but left some records and fields
// (connect.ErasureResult.Left: WooCommerce without its companion plugin):
// the technical data of a kept order, and its e-mail address and phone.
// The e-mail says exactly that — those are not erased yet — and never
// that they were; what the system did erase is said as erased.
func TestErasureConfirmationSaysWhatASystemLeft(t *testing.T) {
	woo := func(it gdpr.Item) gdpr.Item { it.System = "woocommerce"; return it }
	kept := woo(item(retention.Invoice, "41", "2025-03-15", "invoice_number", "buyer_name", "buyer_address", "email", "billing_phone"))
	techKept := woo(item(retention.TechnicalData, "41", "2025-03-15", "client_ip", "user_agent"))
	techGone := woo(item(retention.TechnicalData, "7", "2013-03-15", "client_ip"))
	old := woo(item(retention.Invoice, "7", "2013-03-15", "invoice_number", "buyer_name"))
	entries, err := plan.Plan([]gdpr.Item{kept, techKept, techGone, old}, planDay, retention.DE())
	if err != nil {
		t.Fatal(err)
	}
	left := []plan.Left{
		{System: "woocommerce", RecordType: retention.TechnicalData, RecordID: "41", Fields: []string{"client_ip", "user_agent"}, Reason: plan.LeftNoPlugin},
		{System: "woocommerce", RecordType: retention.Invoice, RecordID: "41", Fields: []string{"billing_phone", "email"}, Reason: plan.LeftNoPlugin},
	}
	// Through the audit detail, as the pipeline records and reads it.
	left = plan.ParseLeft("woocommerce", plan.EncodeLeft(left))
	s := mail.SummarizeOutcome(entries, mail.Outcome{Left: left})
	if s.AllCarriedOut() || s.Full() || !s.RemainingPartly || !slices.Equal(s.RemainingFields, []string{"billing_phone", "email"}) ||
		len(s.Remaining) != 1 || s.Remaining[0].RecordType != "technical_data" || s.Remaining[0].Count != 1 {
		t.Fatalf("summary %+v", s)
	}
	cases := []struct {
		locale        string
		wants, absent []string
	}{
		{"de", []string{
			"Einen Teil Ihrer Daten haben wir gelöscht; andere sind noch nicht gelöscht.",
			"Gelöscht haben wir:", "Rechnungen (1 Datensatz)", "Technische Daten (z. B. IP-Adresse, Browserkennung) (1 Datensatz)",
			"Noch nicht gelöscht sind die folgenden Daten bei WooCommerce: Wir konnten sie dort nicht über die Schnittstelle löschen.",
			"In den unten genannten Unterlagen, die wir aufbewahren, sind dort bis dahin außerdem noch vorhanden: E-Mail-Adresse, Telefonnummer.",
			"alle übrigen Angaben aus diesen Unterlagen löschen wir (bei WooCommerce sind einige davon noch nicht gelöscht, siehe oben).",
			"§ 14b Abs. 1 UStG",
		}, []string{"übrigen Angaben aus diesen Unterlagen haben wir gelöscht", "soweit wir das schon jetzt dürfen", "als Gast", "mit allen Angaben"}},
		{"en", []string{
			"We have erased part of your data; other data are not erased yet.",
			"We have erased:", "Invoices (1 record)", "Technical data (e.g. IP address, user agent) (1 record)",
			"The following data at WooCommerce are not erased yet: we could not erase them there through its interface.",
			"The records we keep, listed below, also still hold there until then: e-mail address, phone number.",
			"everything else in these records we delete (at WooCommerce some of it is not erased yet, see above).",
		}, []string{"everything else in these records we have erased", "as far as we may already do so", "as a guest", "with all their details"}},
	}
	each(t, func(t *testing.T, g *rig) {
		sh := g.shop(t, "kaffee-lindner.example")
		for _, c := range cases {
			r := g.erasureRequest(t, sh, c.locale)
			e := g.draftConfirmation(t, sh, r, s)
			if e.Kind != mail.KindErasurePartial {
				t.Fatalf("kind %s", e.Kind)
			}
			g.sendToCustomer(t, sh, r, e, c.wants, c.absent)
		}
		// Only fields of a kept record left: the text says so without a list
		// of records.
		only := mail.SummarizeOutcome(entries, mail.Outcome{Left: left[1:]})
		for lang, want := range map[string]string{
			"de": "Noch nicht gelöscht sind bei WooCommerce einige Angaben in den unten genannten Unterlagen, die wir aufbewahren: E-Mail-Adresse, Telefonnummer.",
			"en": "Some details in the records we keep, listed below, are not erased yet at WooCommerce: e-mail address, phone number.",
		} {
			r := g.erasureRequest(t, sh, lang)
			e := g.draftConfirmation(t, sh, r, only)
			for where, body := range map[string]string{"text": e.BodyText, "html": visible(e.BodyHTML)} {
				contains(t, lang+" "+where, strings.Join(strings.Fields(body), " "), want)
			}
		}
	})
}
