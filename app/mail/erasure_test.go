package mail_test

import (
	"context"
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/gdpr/plan"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/mail/mailtest"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
)

var planDay = gdpr.MustParseDate("2026-03-20")

// inform are the recipients to be told of an erasure, as Confirm passes
// them (mail.Art19Recipients).
var inform = []answer.Recipient{
	{Name: "PayPal (Europe) S.à r.l. et Cie, S.C.A.", Category: "payment provider", Country: "LU"},
	{Name: "DHL", Category: "carrier"},
}

// recordEnd is the last day the record of a request completed today is
// kept, as the confirmation writes it.
func recordEnd(lang string) string {
	d := mail.RequestRecordEnd(gdpr.FromTime(time.Now(), berlin))
	if lang == "de" {
		return fmt.Sprintf("31. Dezember %d", d.Year())
	}
	return fmt.Sprintf("31 December %d", d.Year())
}

var tags = regexp.MustCompile(`<[^>]*>`)

// textOnly marks a phrase checked in the text body only (the HTML body
// puts its parts into table cells).
const textOnly = "text:"

// visible is an HTML body's text, without tags and entities.
func visible(h string) string { return html.UnescapeString(tags.ReplaceAllString(h, "")) }

// erasureRequest creates an erasure request being erased.
func (g *rig) erasureRequest(t *testing.T, sh *store.Shop, locale string) *store.Request {
	t.Helper()
	ctx := context.Background()
	var r *store.Request
	err := g.st.Tx(ctx, func(tx *store.Store) error {
		var err error
		r, _, err = requests.Create(ctx, tx, sh, requests.New{
			Type: store.TypeErasure, Source: "shopify", Subject: customer, ReceivedAt: received, Locale: locale,
			PlatformLimit: 30 * 24 * time.Hour,
		})
		for _, to := range []string{store.StatusProcessing, store.StatusErasing} {
			if err == nil {
				err = requests.Transition(ctx, tx, r, "system", to, "")
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func (g *rig) draftConfirmation(t *testing.T, sh *store.Shop, r *store.Request, s mail.ErasureSummary) *store.Email {
	t.Helper()
	var e *store.Email
	err := g.st.Tx(context.Background(), func(tx *store.Store) error {
		var err error
		e, err = mail.DraftErasureConfirmation(context.Background(), tx, sh, r, s)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// summaryOf plans items under the German rules as of planDay.
func summaryOf(t *testing.T, items ...gdpr.Item) mail.ErasureSummary {
	t.Helper()
	entries, err := plan.Plan(items, planDay, retention.DE())
	if err != nil {
		t.Fatal(err)
	}
	return mail.SummarizePlan(entries)
}

func item(rt retention.RecordType, id, date string, fields ...string) gdpr.Item {
	it := gdpr.Item{System: "shopify", RecordType: rt, RecordID: id, Fields: map[string]any{}}
	if date != "" {
		it.Date = gdpr.MustParseDate(date)
	}
	for _, f := range fields {
		it.Fields[f] = "x"
	}
	return it
}

var (
	account  = item(retention.CustomerAccount, "cust-1", "", "email", "phone", "birthday")
	tech     = item(retention.TechnicalData, "chk-1", "", "ip_address")
	inv2013  = item(retention.Invoice, "inv-2013", "2013-06-01", "invoice_number", "buyer_name")
	inv2024  = item(retention.Invoice, "inv-2024", "2024-03-15", "invoice_number", "buyer_name", "buyer_address", "line_items", "email", "phone")
	inv2025  = item(retention.Invoice, "inv-2025", "2025-11-02", "invoice_number", "buyer_name", "tax_amounts")
	reqRec   = gdpr.Item{System: "lethe", RecordType: retention.RequestRecord, RecordID: "req-1", Date: planDay, Fields: map[string]any{"subject_hash": "h", "request_type": "erasure", "email": "x"}}
	openOrd  = gdpr.Item{System: "shopify", RecordType: retention.OpenOrder, RecordID: "ord-9", Open: true, Fields: map[string]any{"shipping_address": "x"}}
	heldInv  = gdpr.Item{System: "shopify", RecordType: retention.Invoice, RecordID: "inv-2012", Date: gdpr.MustParseDate("2012-01-01"), LegalHold: true, Fields: map[string]any{"invoice_number": "x"}}
	delivery = item(retention.DeliveryNote, "dn-1", "2026-03-01", "delivery_note_number", "shipping_address")
)

// checkCustomerMessage sends e and checks what was delivered: to the
// customer, from the shop, not auto-submitted, with the phrases in both
// bodies, and the request's status untouched.
func (g *rig) sendToCustomer(t *testing.T, sh *store.Shop, r *store.Request, e *store.Email, wants, absent []string) mailtest.Message {
	t.Helper()
	n := len(g.smtp.Messages())
	assertNoPersonalData(t, "subject", e.Subject)
	if err := g.run(t, g.queue(t, e)); err != nil {
		t.Fatal(err)
	}
	msgs := g.smtp.Messages()
	if len(msgs) != n+1 {
		t.Fatalf("%d messages delivered, want %d", len(msgs), n+1)
	}
	m := msgs[n]
	if m.EnvelopeTo[0] != customer.Email || m.ReplyTo != "datenschutz@musterladen.example" || !strings.Contains(m.From, "Musterladen GmbH") {
		t.Fatalf("to %v from %q reply-to %q", m.EnvelopeTo, m.From, m.ReplyTo)
	}
	if m.Header.Get("Auto-Submitted") != "" {
		t.Fatal("a confirmation to the customer is marked auto-submitted")
	}
	if m.Subject != e.Subject {
		t.Fatalf("subject %q", m.Subject)
	}
	body := visible(m.HTML)
	for _, w := range wants {
		if p, ok := strings.CutPrefix(w, textOnly); ok {
			contains(t, "text", m.Text, p)
			continue
		}
		contains(t, "text", m.Text, w)
		contains(t, "html", body, w)
	}
	for _, s := range []string{m.Text, body} {
		for _, a := range absent {
			if strings.Contains(strings.Join(strings.Fields(s), " "), a) {
				t.Errorf("message contains %q:\n%s", a, s)
			}
		}
		if strings.Contains(s, "<no value>") || strings.Contains(s, "%!") {
			t.Fatalf("a template field is missing:\n%s", s)
		}
	}
	got, err := g.st.Request(context.Background(), sh.ID, r.ID)
	if err != nil || got.Status != store.StatusErasing || got.AnsweredAt != nil {
		t.Fatalf("sending the confirmation moved the request: %s %v", got.Status, err)
	}
	return m
}

func TestErasureConfirmationFull(t *testing.T) {
	cases := []struct {
		locale, lang, subject string
		wants                 []string
	}{
		{"de-DE", "de", "Ihre Daten bei Musterladen GmbH sind gelöscht (Art. 17 DSGVO)", []string{
			"Guten Tag Jane Doe,", "am 2. März 2026 haben Sie uns gebeten, Ihre personenbezogenen Daten zu löschen (Vorgang Nr. ",
			"Wir haben alle personenbezogenen Daten gelöscht, die wir über Sie gespeichert hatten (Art. 17 Abs. 1 DSGVO). Hiermit bestätigen wir die Löschung.",
			"Rechnungen (1 Datensatz)", "Kundenkonto (1 Datensatz)", "Technische Daten (z. B. IP-Adresse, Browserkennung) (2 Datensätze)",
			"Wir werden die Löschung den folgenden Empfängern mitteilen, denen wir Ihre Daten offengelegt haben (Art. 19 Satz 1 DSGVO): " +
				"PayPal (Europe) S.à r.l. et Cie, S.C.A.; DHL. Damit nennen wir Ihnen zugleich diese Empfänger (Art. 19 Satz 2 DSGVO).",
			"Ihre Anfrage selbst halten wir als Nachweis fest", "also nach dem " + recordEnd("de") + ".",
			"Sie haben das Recht, sich bei einer Datenschutz-Aufsichtsbehörde zu beschweren (Art. 77 DSGVO)", authorityBY + ", Ansbach",
			"Verantwortlicher", "Hauptstraße 5",
		}},
		{"en-GB", "en", "Your data at Musterladen GmbH have been erased (Art. 17 GDPR)", []string{
			"Dear Jane Doe,", "On 2 March 2026 you asked us to erase your personal data (request no. ",
			"We have erased all personal data we held about you (Art. 17(1) GDPR). This is our confirmation of the erasure.",
			"Invoices (1 record)", "Customer account (1 record)", "Technical data (e.g. IP address, user agent) (2 records)",
			"We will tell the following recipients, to whom we disclosed your data, about the erasure (Art. 19 sentence 1 GDPR): " +
				"PayPal (Europe) S.à r.l. et Cie, S.C.A.; DHL. This also tells you who these recipients are (Art. 19 sentence 2 GDPR).",
			"We keep a record of your request itself", "that is after " + recordEnd("en") + ".",
			"You have the right to lodge a complaint with a supervisory authority (Art. 77 GDPR)", authorityBY + ", Ansbach",
			"Controller", "Hauptstraße 5",
		}},
	}
	each(t, func(t *testing.T, g *rig) {
		sh := g.shop(t, "muster.myshopify.com")
		tech2 := tech
		tech2.RecordID = "chk-2"
		s := summaryOf(t, account, tech, inv2013, tech2)
		if !s.Full() {
			t.Fatalf("summary %+v", s)
		}
		s.Inform = inform
		for _, c := range cases {
			r := g.erasureRequest(t, sh, c.locale)
			e := g.draftConfirmation(t, sh, r, s)
			if e.Kind != mail.KindErasureFull || e.Locale != c.lang || e.To != customer.Email || e.Subject != c.subject {
				t.Fatalf("draft %+v", e)
			}
			g.sendToCustomer(t, sh, r, e, c.wants, []string{"gesperrt", "restricted", "Aufbewahrt", "later", "später", "<no value>",
				"eingeleitet", "started", "haben wir informiert", "have informed", "Lethe", "Vorkasse"})
		}
	})
}

// Point 10: no data found is no erasure to confirm; the request itself is
// kept on record, and the e-mail says what, why and until when.
func TestErasureConfirmationNothingFound(t *testing.T) {
	each(t, func(t *testing.T, g *rig) {
		sh := g.shop(t, "muster.myshopify.com")
		for _, c := range []struct {
			locale, subject string
			wants           []string
		}{
			{"de", "Ihre Löschanfrage bei Musterladen GmbH: keine Daten gefunden (Art. 17 DSGVO)", []string{
				"am 2. März 2026 haben Sie uns gebeten, Ihre personenbezogenen Daten zu löschen (Vorgang Nr. ",
				"keine personenbezogenen Daten über Sie gefunden. Es gab daher nichts zu löschen.",
				"Ihre Anfrage selbst halten wir als Nachweis fest: ihre Art, ihren Stand, wann sie eingegangen ist und wann wir sie erledigt haben, " +
					"die einzelnen Bearbeitungsschritte und statt Ihrer Kontaktdaten nur einen Prüfwert (Hash); " +
					"von dieser E-Mail nur ihren Betreff und wann wir sie gesendet haben, ohne Ihre Adresse und ohne ihren Inhalt.",
				"Damit können wir nachweisen, dass wir Ihre Anfrage erfüllt haben (Art. 5 Abs. 2 DSGVO), und Ansprüche abwehren (Art. 17 Abs. 3 lit. e DSGVO).",
				"Wir löschen diesen Nachweis, wenn die regelmäßige Verjährungsfrist von drei Jahren abgelaufen ist (§§ 195, 199 BGB), also nach dem " + recordEnd("de") + ".",
			}},
			{"en", "Your erasure request at Musterladen GmbH: no data found (Art. 17 GDPR)", []string{
				"On 2 March 2026 you asked us to erase your personal data (request no. ",
				"found no personal data about you, so there was nothing to erase.",
				"We keep a record of your request itself: its type and status, when it was received and when we completed it, the steps we took, " +
					"and instead of your contact details only a check value (hash); of this e-mail only its subject line and when we sent it, without your address or its content.",
				"This lets us show that we complied with your request (Art. 5(2) GDPR) and defend against claims (Art. 17(3)(e) GDPR).",
				"We delete this record when the regular limitation period of three years has ended (§§ 195, 199 BGB), that is after " + recordEnd("en") + ".",
			}},
		} {
			r := g.erasureRequest(t, sh, c.locale)
			e := g.draftConfirmation(t, sh, r, mail.ErasureSummary{})
			if e.Kind != mail.KindErasureFull || e.Subject != c.subject {
				t.Fatalf("%s %q", e.Kind, e.Subject)
			}
			g.sendToCustomer(t, sh, r, e, c.wants, []string{"Art. 19", "Rechnungen", "invoices",
				"bestätigen wir die Löschung", "confirmation of the erasure", "gelöscht, die wir", "We have erased", "sind gelöscht", "have been erased"})
		}
	})
}

func TestErasureConfirmationPartial(t *testing.T) {
	cases := []struct {
		locale, subject string
		wants           []string
	}{
		{"de", "Löschung Ihrer Daten bei Musterladen GmbH (Art. 17 DSGVO)", []string{
			"Wir haben Ihre Daten gelöscht, soweit wir das schon jetzt dürfen",
			"Gelöscht haben wir:", "Rechnungen (1 Datensatz)", "Kundenkonto (1 Datensatz)",
			"Was wir noch aufbewahren",
			"Diese Daten sind gesperrt: Wir speichern sie nur noch und verwenden sie für nichts anderes (Art. 18 Abs. 2 DSGVO, § 35 Abs. 3 BDSG)",
			"alle übrigen Angaben aus diesen Unterlagen haben wir gelöscht",
			"Rechnungen (3 Datensätze)", "nur Ihr Name, Ihre Rechnungsanschrift, Positionen (Waren, Mengen, Preise), Rechnungsnummer, Steuerbeträge",
			"steuer- und handelsrechtliche Aufbewahrungspflicht für Rechnungen",
			"§ 14b Abs. 1 UStG; § 147 Abs. 1 Nr. 4, Abs. 3 AO; § 257 Abs. 1 Nr. 4, Abs. 4 HGB",
			textOnly + "Gesperrt je nach Beleg längstens bis einschließlich 31. Dezember 2033 (die ältesten bis 31. Dezember 2032); danach löschen wir sie.",
			"je nach Beleg längstens bis einschließlich 31. Dezember 2033 (die ältesten bis 31. Dezember 2032); danach löschen wir sie",
			"Nachweise Ihrer Datenschutzanfragen (1 Datensatz)", "Prüfwert (Hash) Ihrer Kennung",
			"Art. 5 Abs. 2, 12 DSGVO", "bis einschließlich 31. Dezember 2029",
			"Wir werden die Löschung und die Sperrung den folgenden Empfängern mitteilen", "(Art. 19 Satz 2 DSGVO)",
			"Art. 77 DSGVO", authorityBY,
		}},
		{"en", "Erasure of your data at Musterladen GmbH (Art. 17 GDPR)", []string{
			"We have erased your data as far as we may already do so",
			"We have erased:", "Invoices (1 record)", "Customer account (1 record)",
			"What we still keep",
			"These data are restricted: we only store them and use them for nothing else (Art. 18(2) GDPR, §35(3) BDSG)",
			"everything else in these records we have erased",
			"Invoices (3 records)", "only invoice number, line items (goods, quantities, prices), tax amounts, your billing address, your name",
			"retention duty for invoices under tax and commercial law",
			"§14b(1) UStG; §147(1) Nr. 4, (3) AO; §257(1) Nr. 4, (4) HGB",
			textOnly + "Restricted depending on the record, at the longest until 31 December 2033 inclusive (the oldest until 31 December 2032); then we delete them.",
			"depending on the record, at the longest until 31 December 2033 inclusive (the oldest until 31 December 2032); then we delete them",
			"Records of your data protection requests (1 record)", "check value (hash) of your identifier",
			"Art. 5(2), 12 GDPR", "until 31 December 2029 inclusive",
			"We will tell the following recipients, to whom we disclosed your data, about the erasure and the restriction", "(Art. 19 sentence 2 GDPR)",
			"Art. 77 GDPR", authorityBY,
		}},
	}
	each(t, func(t *testing.T, g *rig) {
		sh := g.shop(t, "muster.myshopify.com")
		inv2024b := inv2024
		inv2024b.RecordID = "inv-2024-b"
		s := summaryOf(t, account, inv2013, inv2024, inv2024b, inv2025, reqRec)
		if s.Full() || len(s.Kept) != 2 || len(s.Deferred) != 0 {
			t.Fatalf("summary %+v", s)
		}
		s.Inform = inform
		for _, c := range cases {
			r := g.erasureRequest(t, sh, c.locale)
			e := g.draftConfirmation(t, sh, r, s)
			if e.Kind != mail.KindErasurePartial || e.Subject != c.subject {
				t.Fatalf("draft %s %q", e.Kind, e.Subject)
			}
			m := g.sendToCustomer(t, sh, r, e, c.wants, []string{"Was wir erst später löschen", "What we can only erase later", "Telefon", "phone", "E-Mail-Adresse,"})
			// One row per document type: the invoices of two years are one row.
			kept := m.Text[max(strings.Index(m.Text, "Was wir noch aufbewahren"), strings.Index(m.Text, "What we still keep")):]
			if n := strings.Count(kept, "- Rechnungen (") + strings.Count(kept, "- Invoices ("); n != 1 {
				t.Fatalf("%d blocks of invoices kept:\n%s", n, m.Text)
			}
			if n := strings.Count(m.HTML, "<tr><td"); n != 2 {
				t.Fatalf("%d rows in the table of kept records, want 2:\n%s", n, m.HTML)
			}
		}
	})
}

func TestErasureConfirmationPartialAndDeferred(t *testing.T) {
	cases := []struct {
		locale string
		wants  []string
	}{
		{"de", []string{
			"Gelöscht haben wir:", "Kundenkonto (1 Datensatz)",
			"Was wir noch aufbewahren", "bis einschließlich 31. Dezember 2032",
			textOnly + "Aufbewahrt: alle Angaben (wegen eines laufenden Verfahrens)", "alle Angaben (wegen eines laufenden Verfahrens)",
			textOnly + "Gesperrt, solange ein laufendes Verfahren (z. B. eine Betriebsprüfung) die Aufbewahrung erfordert; danach löschen wir sie.",
			"§ 147 Abs. 3 AO; Art. 17 Abs. 3 lit. e DSGVO",
			"Lieferscheine (1 Datensatz)", textOnly + "Gesperrt, bis die Rechnung ausgestellt ist; danach löschen wir sie.",
			"Was wir erst später löschen",
			"Wir brauchen sie, um den Vertrag mit Ihnen zu erfüllen (Art. 6 Abs. 1 lit. b DSGVO), und löschen sie, sobald die Bestellung abgeschlossen ist",
			"Laufende Bestellungen (1 Datensatz): Die Bestellung ist noch nicht vollständig abgewickelt (noch nicht bezahlt, noch nicht versandt oder eine Rücksendung ist offen).",
			"Art. 77 DSGVO",
		}},
		{"en", []string{
			"We have erased:", "Customer account (1 record)",
			"What we still keep", "until 31 December 2032 inclusive",
			textOnly + "Kept: all details (because of pending proceedings)", "all details (because of pending proceedings)",
			textOnly + "Restricted as long as pending proceedings (such as a tax audit) require it; then we delete them.",
			"§147(3) AO; Art. 17(3)(e) GDPR",
			"Delivery notes (1 record)", textOnly + "Restricted until the invoice is issued; then we delete them.",
			"What we can only erase later",
			"We need them to perform our contract with you (Art. 6(1)(b) GDPR) and will erase them once the order is completed",
			"Open orders (1 record): The order has not been completed yet (not yet paid, not yet shipped, or a return is open).",
			"Art. 77 GDPR",
		}},
	}
	each(t, func(t *testing.T, g *rig) {
		sh := g.shop(t, "muster.myshopify.com")
		s := summaryOf(t, account, inv2024, heldInv, delivery, openOrd)
		if len(s.Deferred) != 1 || len(s.Kept) != 3 {
			t.Fatalf("summary %+v", s)
		}
		for _, c := range cases {
			r := g.erasureRequest(t, sh, c.locale)
			e := g.draftConfirmation(t, sh, r, s)
			if e.Kind != mail.KindErasurePartial {
				t.Fatalf("kind %s", e.Kind)
			}
			// No recipients to inform: no Art. 19 sentence at all.
			g.sendToCustomer(t, sh, r, e, c.wants, []string{"Art. 19", "Wir werden die Löschung", "We will tell"})
		}
		// Deferred alone is partial too, and restricts nothing yet.
		r := g.erasureRequest(t, sh, "de")
		e := g.draftConfirmation(t, sh, r, summaryOf(t, openOrd))
		if e.Kind != mail.KindErasurePartial {
			t.Fatalf("deferred only: %s", e.Kind)
		}
		contains(t, "deferred only", e.BodyText, "Vollständig löschen konnten wir noch keine Ihrer Unterlagen.", "Was wir erst später löschen")
		if strings.Contains(e.BodyText, "Was wir noch aufbewahren") || strings.Contains(e.BodyText, "und die Sperrung") {
			t.Fatalf("deferred only speaks of restriction:\n%s", e.BodyText)
		}
	})
}

func TestErasureConfirmationInAustriaCitesNoBDSG(t *testing.T) {
	each(t, func(t *testing.T, g *rig) {
		at := g.shop(t, "at.myshopify.com", func(sh *store.Shop, _ *store.Settings) { sh.Country, sh.Region = "AT", "" })
		r := g.erasureRequest(t, at, "de-AT")
		e := g.draftConfirmation(t, at, r, summaryOf(t, inv2024))
		contains(t, "text", e.BodyText, "(Art. 18 Abs. 2 DSGVO)", "Österreichische Datenschutzbehörde", "(§ 1489 ABGB)")
		if strings.Contains(e.BodyText, "§§ 195, 199 BGB") {
			t.Fatalf("an Austrian shop cites the BGB:\n%s", e.BodyText)
		}
		if strings.Contains(e.BodyText, "BDSG") || strings.Contains(e.BodyHTML, "BDSG") {
			t.Fatal("an Austrian shop cites the BDSG")
		}
	})
}

func TestErasureConfirmationRedraft(t *testing.T) {
	each(t, func(t *testing.T, g *rig) {
		ctx := context.Background()
		sh := g.shop(t, "muster.myshopify.com")
		r := g.erasureRequest(t, sh, "de")
		full := g.draftConfirmation(t, sh, r, summaryOf(t, account))
		partial := g.draftConfirmation(t, sh, r, summaryOf(t, account, inv2024))
		again := g.draftConfirmation(t, sh, r, summaryOf(t, account, inv2024, inv2025))
		if full.Kind != mail.KindErasureFull || partial.Kind != mail.KindErasurePartial || again.ID != partial.ID {
			t.Fatalf("kinds %s %s, ids %d %d", full.Kind, partial.Kind, partial.ID, again.ID)
		}
		es, _ := g.st.EmailsOf(ctx, sh.ID, r.ID)
		if len(es) != 1 || es[0].ID != partial.ID || !strings.Contains(es[0].BodyText, "2033") {
			t.Fatalf("%d e-mails after redrafting", len(es))
		}
		if err := g.run(t, g.queue(t, again)); err != nil {
			t.Fatal(err)
		}
		// Sent (and scrubbed): never drafted again, of either kind.
		for _, s := range []mail.ErasureSummary{summaryOf(t, account), summaryOf(t, account, inv2024)} {
			e := g.draftConfirmation(t, sh, r, s)
			if e.ID != partial.ID || e.Status != store.EmailSent || e.BodyText != "" {
				t.Fatalf("a sent confirmation was redrafted: %+v", e)
			}
		}
		if es, _ := g.st.EmailsOf(ctx, sh.ID, r.ID); len(es) != 1 {
			t.Fatalf("%d e-mails", len(es))
		}
		// No address: nothing to draft.
		r2 := g.erasureRequest(t, sh, "de")
		r2.Subject.Email = ""
		if e := g.draftConfirmation(t, sh, r2, summaryOf(t, account)); e != nil {
			t.Fatalf("drafted without an address: %+v", e)
		}
	})
}
