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
)

// The extension notice and the refusal reach the person through the SMTP
// server in the request's language, with the reasons, the new due date in
// prose, and (refusal) the complaint to the authority and the judicial
// remedy.
func TestActionNoticesAreDelivered(t *testing.T) {
	const reason = "Ihre Daten liegen in sieben Systemen; wir prüfen jedes einzeln."
	cases := []struct {
		name, locale string
		draft        func(ctx context.Context, tx *store.Store, sh *store.Shop, r *store.Request, a requests.Action) (*store.Email, error)
		action       requests.Action
		subject      string
		wants        []string
	}{
		{"extension de", "de", mail.DraftExtensionNotice, requests.Action{Ground: requests.GroundComplexity, Reason: reason},
			"Ihre Datenschutzanfrage bei Musterladen GmbH: Verlängerung der Frist (Art. 12 Abs. 3 DSGVO)",
			[]string{"Guten Tag Jane Doe,", "am 2. März 2026 haben wir Ihre Anfrage auf Auskunft", "regulär am 2. April 2026",
				"um zwei weitere Monate bis zum 2. Juni 2026", "(Art. 12 Abs. 3 DSGVO), wegen der Komplexität der Anfrage", reason,
				"spätestens am 2. Juni 2026", "Verantwortlicher (Art. 4 Nr. 7 DSGVO)", "Hauptstraße 5"}},
		{"extension en", "en-GB", mail.DraftExtensionNotice, requests.Action{Ground: requests.GroundNumber, Reason: "We received many requests at once."},
			"Your data protection request to Musterladen GmbH: deadline extended (Art. 12(3) GDPR)",
			[]string{"On 2 March 2026 we received your request for access", "due by 2 April 2026",
				"by two further months, to 2 June 2026", "(Art. 12(3) GDPR), because of the number of requests",
				"We received many requests at once.", "at the latest on 2 June 2026"}},
		{"refusal de", "de", mail.DraftRefusal, requests.Action{Ground: requests.GroundExcessive, Reason: "Dies ist Ihre zwölfte gleichlautende Anfrage in diesem Monat."},
			"Ihre Datenschutzanfrage bei Musterladen GmbH: Ablehnung (Art. 12 Abs. 5 DSGVO)",
			[]string{"Wir halten sie für exzessiv und lehnen sie deshalb ab (Art. 12 Abs. 5 Satz 2 lit. b DSGVO)",
				"Dies ist Ihre zwölfte gleichlautende Anfrage in diesem Monat.", "(Art. 12 Abs. 4 DSGVO)",
				"Sie haben das Recht, sich bei einer Datenschutz-Aufsichtsbehörde zu beschweren (Art. 77 DSGVO)",
				"Bayerisches Landesamt für Datenschutzaufsicht", "gerichtlichen Rechtsbehelf", "(Art. 79 DSGVO)", "Art. 79 Abs. 2 DSGVO"}},
		{"refusal en", "en", mail.DraftRefusal, requests.Action{Ground: requests.GroundUnfounded, Reason: "The order number belongs to another shop."},
			"Your data protection request to Musterladen GmbH: refused (Art. 12(5) GDPR)",
			[]string{"we consider it manifestly unfounded and therefore refuse it (Art. 12(5)(b) GDPR)",
				"The order number belongs to another shop.", "(Art. 12(4) GDPR)",
				"You have the right to lodge a complaint with a supervisory authority (Art. 77 GDPR)",
				"Bayerisches Landesamt für Datenschutzaufsicht", "effective judicial remedy against us (Art. 79 GDPR)", "Art. 79(2) GDPR"}},
	}
	each(t, func(t *testing.T, g *rig) {
		ctx := context.Background()
		sh := g.shop(t, "actions.myshopify.com")
		for i, c := range cases {
			r := g.request(t, sh, c.locale)
			var e *store.Email
			err := g.st.Tx(ctx, func(tx *store.Store) error {
				var err error
				e, err = c.draft(ctx, tx, sh, r, c.action)
				return err
			})
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if err := g.run(t, g.queue(t, e)); err != nil {
				t.Fatalf("%s: send: %v", c.name, err)
			}
			msgs := g.smtp.WaitMessages(i+1, 5*time.Second)
			if len(msgs) != i+1 {
				t.Fatalf("%s: %d messages", c.name, len(msgs))
			}
			m := msgs[i]
			if m.Subject != c.subject || len(m.To) != 1 || m.To[0] != customer.Email || !strings.Contains(m.From, "Musterladen GmbH") ||
				m.ReplyTo != "datenschutz@musterladen.example" {
				t.Errorf("%s: subject %q to %v from %q reply-to %q", c.name, m.Subject, m.To, m.From, m.ReplyTo)
			}
			contains(t, c.name+" text", m.Text, c.wants...)
			contains(t, c.name+" html", html.UnescapeString(m.HTML), c.wants[len(c.wants)-1])
			assertNoPersonalData(t, c.name+" subject", m.Subject)
			assertNoPersonalData(t, c.name+" log", g.logs.String())
			// Sending it does not answer the request.
			if got, _ := g.st.Request(ctx, sh.ID, r.ID); got.Status != store.StatusReady {
				t.Errorf("%s: status %s after the notice", c.name, got.Status)
			}
		}
	})
}

func TestRefusalNeedsTheAuthority(t *testing.T) {
	each(t, func(t *testing.T, g *rig) {
		ctx := context.Background()
		sh := g.shop(t, "noregion.myshopify.com", func(sh *store.Shop, _ *store.Settings) { sh.Region = "" })
		r := g.request(t, sh, "de")
		err := g.st.Tx(ctx, func(tx *store.Store) error {
			_, err := mail.DraftRefusal(ctx, tx, sh, r, requests.Action{Ground: requests.GroundExcessive, Reason: "r"})
			return err
		})
		if err == nil || !strings.Contains(err.Error(), mail.ErrNoAuthority.Error()) {
			t.Fatalf("refusal without an authority: %v", err)
		}
	})
}
