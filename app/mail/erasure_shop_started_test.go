package mail_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
)

// shopErasure creates an erasure the shop started itself (its records'
// retention period ended), being erased.
func (g *rig) shopErasure(t *testing.T, sh *store.Shop, locale string) *store.Request {
	t.Helper()
	ctx := context.Background()
	var r *store.Request
	err := g.st.Tx(ctx, func(tx *store.Store) error {
		var err error
		r, _, err = requests.Create(ctx, tx, sh, requests.New{
			Type: store.TypeErasure, Source: "manual", Channel: requests.ChannelShop, Subject: customer, ReceivedAt: received, Locale: locale,
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

// An erasure the shop started itself (the panel's "erase overdue records"):
// the person did not ask, so the e-mails speak of data the shop no longer
// needed and erased of its own accord (Art. 17(1)(a), 5(1)(e) GDPR), never
// of "your request"; with nothing found, nothing is written to the person.
func TestErasureConfirmationStartedByTheShop(t *testing.T) {
	cases := []struct {
		locale        string
		wants, absent []string
	}{
		{"de", []string{
			"bei einer Prüfung der Daten, die wir über Sie gespeichert haben, haben wir festgestellt, dass die Aufbewahrungsfrist für einen Teil davon abgelaufen ist.",
			"Daten, die wir nicht mehr benötigen, dürfen wir nicht länger speichern (Art. 5 Abs. 1 lit. e DSGVO).",
			"Wir haben deshalb von uns aus Ihre personenbezogenen Daten gelöscht, die wir nicht mehr benötigen (Art. 17 Abs. 1 lit. a DSGVO).",
			"Sie hatten das nicht beantragt und müssen nichts tun (Vorgang Nr. ",
			"Den Vorgang selbst halten wir als Nachweis fest",
			"dass wir die Löschung vorgenommen haben (Art. 5 Abs. 2 DSGVO)",
		}, []string{"Anfrage", "gebeten", "beantragt haben"}},
		{"en", []string{
			"When reviewing the data we hold about you, we found that the retention period for some of them has ended.",
			"We may not keep data we no longer need (Art. 5(1)(e) GDPR).",
			"We have therefore, of our own accord, erased the personal data about you that we no longer need (Art. 17(1)(a) GDPR).",
			"You did not ask for this and need not do anything (reference no. ",
			"We keep a record of this erasure itself",
			"that we carried out the erasure (Art. 5(2) GDPR)",
		}, []string{"request", "you asked", "You asked"}},
	}
	each(t, func(t *testing.T, g *rig) {
		sh := g.shop(t, "muster.myshopify.com")
		for _, c := range cases {
			for name, s := range map[string]mail.ErasureSummary{
				"full":    summaryOf(t, account, tech),
				"partial": summaryOf(t, account, inv2024),
			} {
				r := g.shopErasure(t, sh, c.locale)
				e := g.draftConfirmation(t, sh, r, s)
				if e == nil {
					t.Fatalf("%s %s: no confirmation", c.locale, name)
				}
				assertNoRequestWords(t, c.locale+" "+name+" subject", e.Subject, c.absent)
				g.sendToCustomer(t, sh, r, e, c.wants, c.absent)
			}
		}
		// Nothing found: the person asked nothing, and nothing was erased.
		r := g.shopErasure(t, sh, "de")
		var e *store.Email
		err := g.st.Tx(context.Background(), func(tx *store.Store) error {
			var err error
			e, err = mail.DraftErasureConfirmation(context.Background(), tx, sh, r, mail.ErasureSummary{})
			return err
		})
		if err != nil || e != nil {
			t.Fatalf("nothing found: %+v, %v", e, err)
		}
		// A person's own request still speaks of it.
		pr := g.erasureRequest(t, sh, "de")
		e = g.draftConfirmation(t, sh, pr, summaryOf(t, account))
		contains(t, "person's own", e.BodyText, "haben Sie uns gebeten, Ihre personenbezogenen Daten zu löschen", "Die Bearbeitung Ihrer Anfrage ist für Sie kostenlos")
	})
}

func assertNoRequestWords(t *testing.T, where, s string, words []string) {
	t.Helper()
	for _, w := range words {
		if strings.Contains(s, w) {
			t.Errorf("%s says %q: %s", where, w, s)
		}
	}
}
