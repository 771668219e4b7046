package mail_test

import (
	"context"
	"html"
	"strconv"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/store"
)

func TestMerchantNoticeHoldsNoCustomerData(t *testing.T) {
	cases := []struct {
		locale string
		auto   bool
		wants  []string
	}{
		{"de", false, []string{
			"für Ihren Shop Musterladen GmbH ist eine neue Datenschutzanfrage eingegangen", "Auskunft (Art. 15 DSGVO)",
			"Shopify", "2. März 2026, 10:00 Uhr (CET)", "2. April 2026", "Art. 12 Abs. 3 DSGVO", "Sie prüfen und versenden sie",
			"Frist der Plattform", "1. April 2026", "https://admin.shopify.com/store/muster/apps/lethe/requests/",
		}},
		{"en", true, []string{
			"a new data protection request has arrived for your shop Musterladen GmbH", "Access (Art. 15 GDPR)",
			"Shopify", "2 March 2026, 10:00 (CET)", "2 April 2026", "Art. 12(3) GDPR", "sent automatically",
			"Platform deadline", "1 April 2026", "https://admin.shopify.com/store/muster/apps/lethe/requests/",
		}},
	}
	each(t, func(t *testing.T, g *rig) {
		ctx := context.Background()
		for i, c := range cases {
			sh := g.shop(t, c.locale+".myshopify.com", func(sh *store.Shop, set *store.Settings) {
				sh.Locale = c.locale
				set.MerchantEmail, set.AutoSend = "inhaber@musterladen.example", c.auto
			})
			r := g.request(t, sh, "en") // the customer's language does not matter here
			admin := "https://admin.shopify.com/store/muster/apps/lethe/requests/" + itoa(r.ID)
			var e *store.Email
			err := g.st.Tx(ctx, func(tx *store.Store) error {
				var err error
				e, err = mail.DraftMerchantNotice(ctx, tx, sh, r, admin)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if e.Kind != mail.KindMerchantNotice || e.Locale != c.locale || e.To != "inhaber@musterladen.example" {
				t.Fatalf("notice %+v", e)
			}
			for where, s := range map[string]string{"subject": e.Subject, "text": e.BodyText, "html": e.BodyHTML} {
				assertNoPersonalData(t, where, s)
			}
			if !strings.Contains(e.Subject, "Nr. "+itoa(r.ID)) && !strings.Contains(e.Subject, "no. "+itoa(r.ID)) {
				t.Errorf("subject lacks the request id: %q", e.Subject)
			}
			if err := g.run(t, g.queue(t, e)); err != nil {
				t.Fatal(err)
			}
			m := g.smtp.Messages()[i]
			contains(t, "text", m.Text, append(c.wants, admin)...)
			contains(t, "html", html.UnescapeString(m.HTML), c.wants...)
			if m.EnvelopeTo[0] != "inhaber@musterladen.example" || m.Header.Get("Auto-Submitted") != "auto-generated" || m.ReplyTo != "" {
				t.Fatalf("to %v, Auto-Submitted %q, Reply-To %q", m.EnvelopeTo, m.Header.Get("Auto-Submitted"), m.ReplyTo)
			}
			assertNoPersonalData(t, "delivered message", string(m.Raw))
			// A notice does not answer the request.
			if got, _ := g.st.Request(ctx, sh.ID, r.ID); got.Status != store.StatusReady {
				t.Fatalf("the notice moved the request to %s", got.Status)
			}
		}
	})
}

func TestMerchantNoticeFallsBackToTheShopEmail(t *testing.T) {
	each(t, func(t *testing.T, g *rig) {
		ctx := context.Background()
		sh := g.shop(t, "muster.myshopify.com")
		nobody := g.shop(t, "nobody.myshopify.com", func(sh *store.Shop, _ *store.Settings) { sh.Email = "" })
		r, r2 := g.request(t, sh, ""), g.request(t, nobody, "")
		err := g.st.Tx(ctx, func(tx *store.Store) error {
			e, err := mail.DraftMerchantNotice(ctx, tx, sh, r, "https://x.example")
			if err == nil && e.To != sh.Email {
				t.Errorf("to %q", e.To)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		err = g.st.Tx(ctx, func(tx *store.Store) error {
			_, err := mail.DraftMerchantNotice(ctx, tx, nobody, r2, "https://x.example")
			return err
		})
		if err == nil || !strings.Contains(err.Error(), "merchant e-mail") {
			t.Fatalf("no address: %v", err)
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
