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
	{Name: "Shopify International Limited", Category: "processor (hosting, shop platform)", Country: "IE"},
	{Name: "Shopify Inc.", Category: "sub-processor (onward transfer by Shopify International Limited)", Country: "CA", ThirdCountry: true},
	{Name: "PayPal (Europe) S.à r.l. et Cie, S.C.A.", Category: "payment provider", Country: "LU"},
	{Name: "DHL", Category: "carrier"},
	{Category: "carrier"},
	{Name: "Steuerbüro Beispiel", Category: "tax adviser", Country: "DE"},
	// No recipients to inform: Lethe itself, payment methods.
	{Name: "Lethe", Category: "processor (handling of data protection requests)"},
	{Name: "Vorkasse", Category: "payment provider"},
	{Name: "manual", Category: "payment provider"},
	{Name: "Bank Transfer", Category: "payment provider"},
}

// notRecipients are the names the Art. 19 list never shows (with Shopify
// started, its own two).
var notRecipients = []string{"Shopify International", "Shopify Inc.", "Lethe\n", "Vorkasse\n", "manual", "Bank Transfer"}

func (g *rig) draftRecipients(t *testing.T, sh *store.Shop, r *store.Request, rs []answer.Recipient, started ...string) *store.Email {
	t.Helper()
	var e *store.Email
	err := g.st.Tx(context.Background(), func(tx *store.Store) error {
		var err error
		e, err = mail.DraftRecipientsNotice(context.Background(), tx, sh, r, rs, started...)
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
			"für Ihren Shop Musterladen GmbH hat Lethe die Löschanfrage Nr. ",
			"bearbeitet; bei Shopify ist die Löschung eingeleitet, aber noch nicht abgeschlossen.",
			"Nach Art. 19 Satz 1 DSGVO müssen Sie jedem dieser Empfänger die Löschung und, soweit Daten aufbewahrt werden, die Einschränkung der Verarbeitung (Sperrung) mitteilen",
			"PayPal (Europe) S.à r.l. et Cie, S.C.A.", "Zahlungsdienstleister", "Luxemburg (LU)",
			"DHL", "Versanddienstleister", "Steuerbüro Beispiel", "Steuerberater", "Deutschland (DE)",
			"In der Bestätigung an die Person steht, dass Sie diese Empfänger informieren werden; damit sind sie ihr auch genannt (Art. 19 Satz 2 DSGVO).",
			"Nicht aufgeführt sind Lethe selbst, Shopify (die Plattform kennt die Löschung bereits, weil sie sie selbst ausführt) und Zahlungsarten ohne Zahlungsdienstleister wie Vorkasse oder Überweisung.",
			"keine Angaben zur Person",
		}, []string{"- PayPal (Europe) S.à r.l. et Cie, S.C.A.\n  Kategorie: Zahlungsdienstleister\n  Land:      Luxemburg (LU)", "- DHL\n  Kategorie: Versanddienstleister\n  Land:      —"}},
		{"en", []string{
			"Lethe has handled erasure request no. ", "for your shop Musterladen GmbH; at Shopify the erasure has been started but is not complete yet.",
			"Under Art. 19 sentence 1 GDPR you must tell each of these recipients about the erasure and, where data are kept, the restriction of processing",
			"payment provider", "Luxembourg (LU)", "DHL", "carrier", "tax adviser", "Germany (DE)",
			"The confirmation to the person says that you will inform these recipients, which also tells the person who they are (Art. 19 sentence 2 GDPR).",
			"Not listed are Lethe itself, Shopify (the platform knows of the erasure already: it carries it out itself) and payment methods without a payment provider, such as prepayment or bank transfer.",
			"contains nothing about the person",
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
			e := g.draftRecipients(t, sh, r, recipients, "shopify")
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
			text := strings.ReplaceAll(m.Text, "\r\n", "\n")
			for _, w := range c.text {
				if !strings.Contains(text, w) {
					t.Errorf("text lacks %q:\n%s", w, m.Text)
				}
			}
			// Art. 19: real recipients only.
			for _, not := range notRecipients {
				if strings.Contains(text, "- "+not) || strings.Contains(m.HTML, ">"+strings.TrimSuffix(not, "\n")+"<") {
					t.Errorf("the list names %q:\n%s", not, text)
				}
			}
			if strings.Contains(text, "- Versanddienstleister") || strings.Contains(text, "ausgeführt. Die Daten") || strings.Contains(text, "carried out.") {
				t.Errorf("an unnamed recipient, or the erasure claimed done:\n%s", text)
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
