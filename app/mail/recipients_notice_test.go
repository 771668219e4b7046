package mail_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/store"
)

var recipients = []answer.Recipient{
	{Name: "Shopify International Limited, Ireland", Category: "processor (hosting, shop platform)", Country: "IE"},
	{Name: "Shopify Inc., Canada", Category: "sub-processor (onward transfer by Shopify International Limited)", Country: "CA", ThirdCountry: true},
	{Name: "PayPal (Europe) S.à r.l. et Cie, S.C.A.", Category: "payment provider", Country: "LU"},
	{Category: "carrier"},
	{Name: "Steuerbüro Beispiel", Category: "tax adviser", Country: "DE"},
}

func (g *rig) draftRecipients(t *testing.T, sh *store.Shop, r *store.Request, rs []answer.Recipient) *store.Email {
	t.Helper()
	var e *store.Email
	err := g.st.Tx(context.Background(), func(tx *store.Store) error {
		var err error
		e, err = mail.DraftRecipientsNotice(context.Background(), tx, sh, r, rs)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestRecipientsNoticeHoldsNoCustomerData(t *testing.T) {
	cases := []struct {
		locale string
		wants  []string
		text   []string
	}{
		{"de", []string{
			"für Ihren Shop Musterladen GmbH ist die Löschanfrage Nr. ",
			"Nach Art. 19 Satz 1 DSGVO müssen Sie jedem dieser Empfänger die Löschung und, soweit Daten aufbewahrt werden, die Einschränkung der Verarbeitung (Sperrung) mitteilen",
			"Shopify International Limited, Ireland", "Auftragsverarbeiter (Hosting, Shop-Plattform)", "Irland (IE)",
			"Shopify Inc., Canada", "Unterauftragsverarbeiter (Weiterübermittlung durch Shopify International Limited)", "Kanada (CA), Drittland",
			"PayPal (Europe) S.à r.l. et Cie, S.C.A.", "Zahlungsdienstleister", "Luxemburg (LU)",
			"Versanddienstleister", "Steuerbüro Beispiel", "Steuerberater", "Deutschland (DE)",
			"nennen Sie ihr diese Empfänger (Art. 19 Satz 2 DSGVO)", "keine Angaben zur Person",
		}, []string{"- PayPal (Europe) S.à r.l. et Cie, S.C.A.\n  Kategorie: Zahlungsdienstleister\n  Land:      Luxemburg (LU)", "- Versanddienstleister\n  Kategorie: Versanddienstleister\n  Land:      —"}},
		{"en", []string{
			"erasure request no. ", "for your shop Musterladen GmbH has been carried out",
			"Under Art. 19 sentence 1 GDPR you must tell each of these recipients about the erasure and, where data are kept, the restriction of processing",
			"Shopify International Limited, Ireland", "processor (hosting, shop platform)", "Ireland (IE)",
			"Canada (CA), third country", "payment provider", "Luxembourg (LU)", "carrier", "tax adviser", "Germany (DE)",
			"tell them who these recipients are (Art. 19 sentence 2 GDPR)", "contains nothing about the person",
		}, []string{"- PayPal (Europe) S.à r.l. et Cie, S.C.A.\n  Category: payment provider\n  Country:  Luxembourg (LU)"}},
	}
	each(t, func(t *testing.T, g *rig) {
		ctx := context.Background()
		for i, c := range cases {
			sh := g.shop(t, c.locale+".myshopify.com", func(sh *store.Shop, set *store.Settings) {
				sh.Locale = c.locale
				set.MerchantEmail = "inhaber@musterladen.example"
			})
			r := g.erasureRequest(t, sh, "en") // the customer's language does not matter here
			e := g.draftRecipients(t, sh, r, recipients)
			if e.Kind != mail.KindRecipientsNotice || e.Locale != c.locale || e.To != "inhaber@musterladen.example" {
				t.Fatalf("notice %+v", e)
			}
			if !strings.Contains(e.Subject, "Nr. "+itoa(r.ID)) && !strings.Contains(e.Subject, "no. "+itoa(r.ID)) || !strings.Contains(e.Subject, "Art. 19") {
				t.Errorf("subject %q", e.Subject)
			}
			for where, s := range map[string]string{"subject": e.Subject, "text": e.BodyText, "html": e.BodyHTML} {
				assertNoPersonalData(t, where, s)
			}
			if err := g.run(t, g.queue(t, e)); err != nil {
				t.Fatal(err)
			}
			m := g.smtp.Messages()[i]
			contains(t, "text", m.Text, append(c.wants, itoa(r.ID))...)
			contains(t, "html", visible(m.HTML), c.wants...)
			for _, w := range c.text {
				if !strings.Contains(strings.ReplaceAll(m.Text, "\r\n", "\n"), w) {
					t.Errorf("text lacks %q:\n%s", w, m.Text)
				}
			}
			if m.EnvelopeTo[0] != "inhaber@musterladen.example" || m.Header.Get("Auto-Submitted") != "auto-generated" || m.ReplyTo != "" {
				t.Fatalf("to %v, Auto-Submitted %q, Reply-To %q", m.EnvelopeTo, m.Header.Get("Auto-Submitted"), m.ReplyTo)
			}
			assertNoPersonalData(t, "delivered message", string(m.Raw))
			// The notice neither answers nor scrubs anything.
			got, _ := g.st.Request(ctx, sh.ID, r.ID)
			if got.Status != store.StatusErasing {
				t.Fatalf("the notice moved the request to %s", got.Status)
			}
			if sent := g.email(t, sh.ID, e.ID); sent.To != "inhaber@musterladen.example" || sent.BodyText == "" {
				t.Fatal("sending the notice scrubbed it")
			}
		}
		assertNoPersonalData(t, "log", g.logs.String())
	})
}

func TestRecipientsNoticeAddress(t *testing.T) {
	each(t, func(t *testing.T, g *rig) {
		sh := g.shop(t, "muster.myshopify.com")
		e := g.draftRecipients(t, sh, g.erasureRequest(t, sh, ""), recipients)
		if e == nil || e.To != sh.Email || e.Locale != "de" {
			t.Fatalf("fallback to the shop's e-mail: %+v", e)
		}
		again := g.draftRecipients(t, sh, g.erasureRequest(t, sh, ""), recipients[:1])
		if again == nil || again.ID == e.ID {
			t.Fatal("one notice per request")
		}
		nobody := g.shop(t, "nobody.myshopify.com", func(sh *store.Shop, _ *store.Settings) { sh.Email = "" })
		if e := g.draftRecipients(t, nobody, g.erasureRequest(t, nobody, ""), recipients); e != nil {
			t.Fatalf("no address, yet %+v", e)
		}
		if e := g.draftRecipients(t, sh, g.erasureRequest(t, sh, ""), nil); e != nil {
			t.Fatalf("no recipients, yet %+v", e)
		}
	})
}
