package mail_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/gdpr/plan"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
)

// Point 9: where Lethe only asked the platform to erase (Shopify queues
// customerRequestDataErasure), the e-mail says the erasure was started,
// not that it was done.
func TestErasureConfirmationStartedAtThePlatform(t *testing.T) {
	lethe := gdpr.Item{System: "lethe", RecordType: retention.TechnicalData, RecordID: "req-0", Fields: map[string]any{"ip_address": "x"}}
	cases := []struct {
		locale, subject string
		wants, absent   []string
	}{
		{"de", "Löschung Ihrer Daten bei Musterladen GmbH eingeleitet (Art. 17 DSGVO)", []string{
			"Wir haben alle personenbezogenen Daten, die wir über Sie gespeichert hatten, gelöscht oder ihre Löschung eingeleitet (Art. 17 Abs. 1 DSGVO).",
			"Gelöscht haben wir:", "Technische Daten (z. B. IP-Adresse, Browserkennung) (1 Datensatz)",
			"Die Löschung der folgenden Daten haben wir bei Shopify veranlasst.",
			"Sie ist eingeleitet, aber noch nicht abgeschlossen; die Plattform führt sie nach ihren eigenen Regeln aus:",
			"Kundenkonto (1 Datensatz)", "Rechnungen (1 Datensatz)",
		}, []string{"Hiermit bestätigen wir die Löschung", "sind gelöscht"}},
		{"en", "Erasure of your data at Musterladen GmbH started (Art. 17 GDPR)", []string{
			"We have erased all personal data we held about you or started their erasure (Art. 17(1) GDPR).",
			"We have erased:", "Technical data (e.g. IP address, user agent) (1 record)",
			"We have asked Shopify to erase the following data.",
			"The erasure has been started but is not complete yet; the platform carries it out by its own rules:",
			"Customer account (1 record)", "Invoices (1 record)",
		}, []string{"This is our confirmation of the erasure", "have been erased"}},
	}
	each(t, func(t *testing.T, g *rig) {
		sh := g.shop(t, "muster.myshopify.com")
		entries, err := plan.Plan([]gdpr.Item{account, inv2013, lethe}, planDay, retention.DE())
		if err != nil {
			t.Fatal(err)
		}
		s := mail.SummarizePlan(entries, "shopify")
		if len(s.Erased) != 1 || len(s.Started) != 2 || s.StartedBy[0] != "shopify" {
			t.Fatalf("summary %+v", s)
		}
		for _, c := range cases {
			r := g.erasureRequest(t, sh, c.locale)
			e := g.draftConfirmation(t, sh, r, s)
			if e.Kind != mail.KindErasureFull || e.Subject != c.subject {
				t.Fatalf("%s %q", e.Kind, e.Subject)
			}
			g.sendToCustomer(t, sh, r, e, c.wants, c.absent)
		}
		// Partial, too: "gelöscht oder ihre Löschung eingeleitet".
		entries, _ = plan.Plan([]gdpr.Item{account, inv2024}, planDay, retention.DE())
		for lang, want := range map[string][]string{
			"de": {"Wir haben Ihre Daten gelöscht oder ihre Löschung eingeleitet, soweit wir das schon jetzt dürfen.", "haben wir bei Shopify veranlasst"},
			"en": {"We have erased your data or started their erasure as far as we may already do so.", "We have asked Shopify to erase"},
		} {
			r := g.erasureRequest(t, sh, lang)
			e := g.draftConfirmation(t, sh, r, mail.SummarizePlan(entries, "shopify"))
			contains(t, "partial text "+lang, e.BodyText, want...)
			contains(t, "partial html "+lang, visible(e.BodyHTML), want...)
			if strings.Contains(e.BodyText, "Gelöscht haben wir") || strings.Contains(e.BodyText, "We have erased:") {
				t.Errorf("nothing was erased by Lethe, yet:\n%s", e.BodyText)
			}
		}
	})
}

// Point 9: Shopify's customers/redact arrives late; the e-mail says
// nothing about a day of receipt Lethe does not know, and the webhook's
// arrival is not presented as it. Once the merchant records the day, it
// is named.
func TestErasureConfirmationReceiptUnknown(t *testing.T) {
	each(t, func(t *testing.T, g *rig) {
		ctx := context.Background()
		sh := g.shop(t, "muster.myshopify.com")
		webhook := time.Date(2026, 9, 14, 8, 0, 0, 0, berlin)
		for _, c := range []struct{ locale, asked, recorded string }{
			{"de", "Sie haben uns gebeten, Ihre personenbezogenen Daten zu löschen (Vorgang Nr. ", "am 3. September 2026 haben Sie uns gebeten"},
			{"en", "You asked us to erase your personal data (request no. ", "On 3 September 2026 you asked us to erase"},
		} {
			var r *store.Request
			err := g.st.Tx(ctx, func(tx *store.Store) error {
				var err error
				r, _, err = requests.Create(ctx, tx, sh, requests.New{
					Type: store.TypeErasure, Source: "shopify", Subject: customer, ReceivedAt: webhook, Locale: c.locale,
					PlatformLimit: 30 * 24 * time.Hour, Initiator: "shopify", Automatic: true, ReceiptUnknown: true,
				})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if r.ReceiptKnown() || r.DueAt != *r.PlatformDueAt {
				t.Fatalf("receipt %q, due %s, platform %v", r.Receipt, r.DueAt, r.PlatformDueAt)
			}
			e := g.draftConfirmation(t, sh, r, summaryOf(t, account))
			for where, body := range map[string]string{"text": e.BodyText, "html": visible(e.BodyHTML)} {
				contains(t, where, body, c.asked)
				for _, day := range []string{"14. September", "14 September", "2026-09-14", "September 2026"} {
					if strings.Contains(body, day) {
						t.Errorf("%s names the webhook's day %q:\n%s", where, day, body)
					}
				}
			}
			// The merchant records the day: the e-mail names it.
			err = g.st.Tx(ctx, func(tx *store.Store) error {
				return requests.RecordReceipt(ctx, tx, sh, r, "merchant:1", gdpr.MustParseDate("2026-09-03"))
			})
			if err != nil {
				t.Fatal(err)
			}
			e = g.draftConfirmation(t, sh, r, summaryOf(t, account))
			contains(t, "text", e.BodyText, c.recorded)
			contains(t, "html", visible(e.BodyHTML), c.recorded)
		}
	})
}

// Point 13: a deferred open order is kept only while a claim from it can
// exist, and the e-mail says until when, citing §§ 195, 199 BGB; its
// technical data are erased now.
func TestErasureConfirmationDeferredUntilLimitation(t *testing.T) {
	order := func(rt retention.RecordType, fields ...string) gdpr.Item {
		it := item(rt, "ord-7", "2026-02-10", fields...)
		it.Open = true
		return it
	}
	items := []gdpr.Item{order(retention.OpenOrder, "shipping_address"), order(retention.TechnicalData, "client_ip"), order(retention.OrderConfirmation, "order_number")}
	each(t, func(t *testing.T, g *rig) {
		sh := g.shop(t, "muster.myshopify.com")
		s := summaryOf(t, items...)
		if len(s.Erased) != 1 || s.Erased[0].RecordType != "technical_data" {
			t.Fatalf("technical data deferred with the order: %+v", s)
		}
		for _, c := range []struct {
			locale string
			wants  []string
		}{
			{"de", []string{"Gelöscht haben wir:", "Technische Daten (z. B. IP-Adresse, Browserkennung) (1 Datensatz)",
				"Laufende Bestellungen (1 Datensatz): Die Bestellung ist noch nicht vollständig abgewickelt (noch nicht bezahlt, noch nicht versandt oder eine Rücksendung ist offen). " +
					"Wir bewahren sie nur auf, solange aus der Bestellung noch Ansprüche bestehen können, längstens bis einschließlich 31. Dezember 2029 (regelmäßige Verjährung, §§ 195, 199 BGB)."}},
			{"en", []string{"We have erased:", "Technical data (e.g. IP address, user agent) (1 record)",
				"Open orders (1 record): The order has not been completed yet (not yet paid, not yet shipped, or a return is open). " +
					"We keep them only as long as claims from the order can still exist, at the longest until 31 December 2029 inclusive (regular limitation, §§ 195, 199 BGB)."}},
		} {
			r := g.erasureRequest(t, sh, c.locale)
			e := g.draftConfirmation(t, sh, r, s)
			g.sendToCustomer(t, sh, r, e, c.wants, nil)
		}
		// Three years after the end of the order's year it is planned like a closed order.
		entries, err := plan.Plan(items, gdpr.MustParseDate("2030-01-01"), retention.DE())
		if err != nil {
			t.Fatal(err)
		}
		if late := mail.SummarizePlan(entries); len(late.Deferred) != 0 {
			t.Fatalf("still deferred after the limitation: %+v", late)
		}
	})
}

// Point 12: the Art. 19 list names real recipients only.
func TestArt19Recipients(t *testing.T) {
	got := mail.Art19Recipients(append(recipients, answer.Recipient{Name: "dhl", Category: "carrier"}), "shopify")
	var names []string
	for _, r := range got {
		names = append(names, r.Name)
	}
	if strings.Join(names, "|") != "PayPal (Europe) S.à r.l. et Cie, S.C.A.|DHL|Steuerbüro Beispiel" {
		t.Fatalf("recipients to inform: %q", names)
	}
	// Without a platform that knows, the platform's recipients are informed.
	if got := mail.Art19Recipients(recipients[:2]); len(got) != 2 {
		t.Fatalf("Shopify dropped though it started nothing: %+v", got)
	}
}

// Point 9, the merchant's side: a notice of a customers/redact request
// says the day of receipt and the due date are unknown and asks for the
// day; it does not present the webhook's arrival as the receipt.
func TestMerchantNoticeReceiptUnknown(t *testing.T) {
	each(t, func(t *testing.T, g *rig) {
		ctx := context.Background()
		for _, c := range []struct {
			locale, subject string
			wants           []string
		}{
			{"de", "Frist unbekannt", []string{"Eingegangen: unbekannt (von der Plattform übermittelt am 14. September 2026, 08:00 Uhr (CEST))", "Frist: unbekannt",
				"Frist der Plattform: 14. Oktober 2026", "Tragen Sie diesen Tag im Admin-Bereich ein, dann berechnet Lethe die Frist.", "Sie kann früher enden als die Frist der Plattform."}},
			{"en", "due unknown", []string{"Received: unknown (passed on by the platform on 14 September 2026, 08:00 (CEST))", "Due: unknown",
				"Platform deadline: 14 October 2026", "Record that day in the admin and Lethe counts the deadline.", "It may end before the platform's deadline."}},
		} {
			sh := g.shop(t, c.locale+".myshopify.com", func(sh *store.Shop, _ *store.Settings) { sh.Locale = c.locale })
			var e *store.Email
			err := g.st.Tx(ctx, func(tx *store.Store) error {
				r, _, err := requests.Create(ctx, tx, sh, requests.New{
					Type: store.TypeErasure, Source: "shopify", Subject: customer, ReceivedAt: time.Date(2026, 9, 14, 8, 0, 0, 0, berlin),
					PlatformLimit: 30 * 24 * time.Hour, Initiator: "shopify", Automatic: true, ReceiptUnknown: true,
				})
				if err == nil {
					e, err = mail.DraftMerchantNotice(ctx, tx, sh, r, "https://admin.example/r")
				}
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasSuffix(e.Subject, c.subject) {
				t.Errorf("subject %q", e.Subject)
			}
			contains(t, "text "+c.locale, e.BodyText, c.wants...)
			html := visible(e.BodyHTML)
			for _, w := range c.wants[3:] { // the HTML puts the facts into table cells
				contains(t, "html "+c.locale, html, w)
			}
			if strings.Contains(e.BodyText, "verlängert werden") || strings.Contains(e.BodyText, "extended by two months") {
				t.Errorf("an extension date from an unknown receipt:\n%s", e.BodyText)
			}
		}
	})
}
