package mail_test

import (
	"context"
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/store"
)

const authorityBY = "Bayerisches Landesamt für Datenschutzaufsicht, BayLDA"

func TestAccessAnswerDelivered(t *testing.T) {
	cases := []struct {
		locale string
		lang   string
		wants  []string // in both bodies
		text   []string // in the text body
	}{
		{"de-DE", "de", []string{
			"Guten Tag Jane Doe,", "am 2. März 2026", "Vorgang Nr. ", "personenbezogene Daten über Sie verarbeiten",
			"Der Link funktioniert ab dem Versand dieser E-Mail 7 Tage lang", "(HTML)", "(JSON)", "CSV", "Art. 20 DSGVO",
			"Sie haben das Recht, sich bei einer Datenschutz-Aufsichtsbehörde zu beschweren (Art. 77 DSGVO)",
			authorityBY + ", Ansbach", "kostenlos (Art. 12 Abs. 5 DSGVO)", "Art. 17 DSGVO: Sie können die Löschung", "widersprechen",
			"Musterladen GmbH", "Hauptstraße 5", "91522 Ansbach", "datenschutz@musterladen.example", "Verantwortlicher",
		}, []string{"Ihre Rechte:\n- Art. 16 DSGVO: Sie können verlangen"}},
		{"en-GB", "en", []string{
			"Dear Jane Doe,", "On 2 March 2026", "request no. ", "We confirm that we process personal data about you",
			"The link works for 7 days from when this e-mail was sent", "(HTML)", "(JSON)", "CSV", "Art. 20 GDPR",
			"You have the right to lodge a complaint with a supervisory authority (Art. 77 GDPR)",
			authorityBY + ", Ansbach", "free of charge (Art. 12(5) GDPR)", "Art. 17 GDPR: You can have your data erased", "object",
			"Musterladen GmbH", "Hauptstraße 5", "91522 Ansbach", "datenschutz@musterladen.example", "Controller",
		}, []string{"Your rights:\n- Art. 16 GDPR: You can have"}},
	}
	each(t, func(t *testing.T, g *rig) {
		ctx := context.Background()
		sh := g.shop(t, "muster.myshopify.com")
		for i, c := range cases {
			r := g.request(t, sh, c.locale)
			e := g.draftAnswer(t, sh, r, mail.AnswerLink{URL: link, Lifetime: lifetime})
			if e.Kind != mail.KindAccessAnswer || e.Locale != c.lang || e.Status != store.EmailDraft || e.To != customer.Email {
				t.Fatalf("%s draft: %+v", c.locale, e)
			}
			assertNoPersonalData(t, "subject", e.Subject)
			if err := g.run(t, g.queue(t, e)); err != nil {
				t.Fatalf("%s send: %v", c.locale, err)
			}
			msgs := g.smtp.Messages()
			if len(msgs) != i+1 {
				t.Fatalf("%d messages delivered, want %d", len(msgs), i+1)
			}
			m := msgs[i]
			sent := g.email(t, sh.ID, e.ID)
			if sent.Status != store.EmailSent || sent.SentAt == nil {
				t.Fatalf("after send: %+v", sent)
			}
			if !regexp.MustCompile(`^<lethe-`+strconv.FormatInt(e.ID, 10)+`-[0-9a-f]{16}@lethe\.example>$`).MatchString(sent.MessageID) || m.MessageID != sent.MessageID {
				t.Fatalf("Message-ID stored %q, delivered %q", sent.MessageID, m.MessageID)
			}
			if len(m.EnvelopeTo) != 1 || m.EnvelopeTo[0] != customer.Email || m.To[0] != customer.Email || m.EnvelopeFrom != "no-reply@lethe.example" {
				t.Fatalf("envelope %q → %q, To %q", m.EnvelopeFrom, m.EnvelopeTo, m.To)
			}
			if m.ReplyTo != "datenschutz@musterladen.example" || !strings.Contains(m.From, "Musterladen GmbH") {
				t.Fatalf("From %q Reply-To %q: the answer comes from the shop", m.From, m.ReplyTo)
			}
			if m.Subject != e.Subject || !strings.Contains(m.Subject, "Musterladen GmbH") {
				t.Fatalf("subject %q", m.Subject)
			}
			if m.Header.Get("Auto-Submitted") != "" {
				t.Fatal("a personal answer is marked auto-submitted")
			}
			contains(t, c.locale+" text", m.Text, append(c.wants, c.text...)...)
			contains(t, c.locale+" text", m.Text, link)
			contains(t, c.locale+" html", html.UnescapeString(m.HTML), c.wants...)
			contains(t, c.locale+" html", m.HTML, `href="`+html.EscapeString(link)+`"`)
			if strings.Contains(m.Text, "<no value>") || strings.Contains(m.HTML, "<no value>") {
				t.Fatal("a template field is missing")
			}
			got, _ := g.st.Request(ctx, sh.ID, r.ID)
			if got.Status != store.StatusAnswered || got.AnsweredAt == nil {
				t.Fatalf("request after the answer: %s %v", got.Status, got.AnsweredAt)
			}
			ev := strings.Join(g.events(t, r), ",")
			contains(t, "audit", ev, "system email.sent", "system status.answered")
		}
		assertNoPersonalData(t, "log", g.logs.String())
	})
}

func TestNegativeAnswerDelivered(t *testing.T) {
	cases := []struct {
		locale string
		wants  []string
	}{
		{"de", []string{
			"Wir verarbeiten keine personenbezogenen Daten über Sie", "Art. 15 Abs. 1 DSGVO", "am 2. März 2026",
			"Art. 77 DSGVO", authorityBY, "Anschrift: Promenade 18, 91522 Ansbach", "https://www.lda.bayern.de", "kostenlos", "Musterladen GmbH", "Hauptstraße 5", "datenschutz@musterladen.example",
		}},
		{"en-US", []string{
			"we do not process any personal data about you", "Art. 15(1) GDPR", "On 2 March 2026",
			"Art. 77 GDPR", authorityBY, "Address: Promenade 18, 91522 Ansbach", "https://www.lda.bayern.de", "free of charge", "Musterladen GmbH", "Hauptstraße 5", "datenschutz@musterladen.example",
		}},
	}
	each(t, func(t *testing.T, g *rig) {
		sh := g.shop(t, "muster.myshopify.com")
		for i, c := range cases {
			r := g.request(t, sh, c.locale)
			e := g.draftAnswer(t, sh, r, mail.AnswerLink{Negative: true})
			if e.Kind != mail.KindNegativeAnswer {
				t.Fatalf("kind %s", e.Kind)
			}
			assertNoPersonalData(t, "subject", e.Subject)
			if err := g.run(t, g.queue(t, e)); err != nil {
				t.Fatal(err)
			}
			m := g.smtp.Messages()[i]
			contains(t, c.locale+" text", m.Text, c.wants...)
			contains(t, c.locale+" html", html.UnescapeString(m.HTML), c.wants...)
			if strings.Contains(m.Text, "lethe.example/r/") || strings.Contains(m.HTML, "lethe.example/r/") {
				t.Fatalf("a negative answer carries a link:\n%s", m.Text)
			}
			if got, _ := g.st.Request(context.Background(), sh.ID, r.ID); got.Status != store.StatusAnswered {
				t.Fatalf("status %s", got.Status)
			}
		}
	})
}

func TestAnswerLanguageFallsBackToTheShopThenGerman(t *testing.T) {
	each(t, func(t *testing.T, g *rig) {
		en := g.shop(t, "en.myshopify.com", func(sh *store.Shop, _ *store.Settings) { sh.Locale = "en" })
		fr := g.shop(t, "fr.myshopify.com", func(sh *store.Shop, _ *store.Settings) { sh.Locale = "fr" })
		for _, c := range []struct {
			sh     *store.Shop
			locale string
			want   string
		}{{en, "fr-FR", "en"}, {en, "", "en"}, {en, "de-AT", "de"}, {fr, "it", "de"}, {fr, "en_US", "en"}} {
			e := g.draftAnswer(t, c.sh, g.request(t, c.sh, c.locale), mail.AnswerLink{Negative: true})
			if e.Locale != c.want {
				t.Errorf("customer %q, shop %q: %s, want %s", c.locale, c.sh.Locale, e.Locale, c.want)
			}
		}
	})
}

func TestDraftIsReplacedUntilSent(t *testing.T) {
	each(t, func(t *testing.T, g *rig) {
		ctx := context.Background()
		sh := g.shop(t, "muster.myshopify.com")
		r := g.request(t, sh, "de")
		first := g.draftAnswer(t, sh, r, mail.AnswerLink{URL: link, Lifetime: lifetime})
		second := g.draftAnswer(t, sh, r, mail.AnswerLink{URL: link + "2", Lifetime: lifetime})
		if second.ID != first.ID || !strings.Contains(second.BodyText, link+"2") {
			t.Fatalf("regenerating made a second draft or kept the old body: %d vs %d", second.ID, first.ID)
		}
		// The answer turned out negative: the stale access answer goes.
		neg := g.draftAnswer(t, sh, r, mail.AnswerLink{Negative: true})
		es, _ := g.st.EmailsOf(ctx, sh.ID, r.ID)
		if len(es) != 1 || es[0].ID != neg.ID {
			t.Fatalf("e-mails after the negative draft: %d", len(es))
		}
		if err := g.run(t, g.queue(t, neg)); err != nil {
			t.Fatal(err)
		}
		again := g.draftAnswer(t, sh, r, mail.AnswerLink{Negative: true})
		if again.ID != neg.ID || again.Status != store.EmailSent || again.BodyText != neg.BodyText {
			t.Fatalf("a sent answer was redrafted: %+v", again)
		}
		var err error
		g.st.Tx(ctx, func(tx *store.Store) error { _, err = mail.QueueSend(ctx, tx, again); return err })
		if err != store.ErrEmailSent {
			t.Fatalf("queueing a sent e-mail: %v", err)
		}
	})
}

func TestAuthority(t *testing.T) {
	each(t, func(t *testing.T, g *rig) {
		ctx := context.Background()
		noState := g.shop(t, "nostate.myshopify.com", func(sh *store.Shop, _ *store.Settings) { sh.Region = "" })
		r := g.request(t, noState, "de")
		err := g.st.Tx(ctx, func(tx *store.Store) error {
			_, err := mail.DraftAnswer(ctx, tx, noState, r, mail.AnswerLink{Negative: true})
			return err
		})
		if err == nil || !strings.Contains(err.Error(), "region") {
			t.Fatalf("a German shop without its state: %v", err)
		}
		corrected := g.shop(t, "corrected.myshopify.com", func(sh *store.Shop, set *store.Settings) {
			sh.Region = ""
			set.Authority = &store.AuthorityOverride{Name: "Die Landesbeauftragte für Datenschutz X", Address: "Postfach 1, 10000 X", Website: "https://datenschutz.example"}
		})
		e := g.draftAnswer(t, corrected, g.request(t, corrected, "de"), mail.AnswerLink{Negative: true})
		contains(t, "text", e.BodyText, "Für uns zuständig ist: Die Landesbeauftragte für Datenschutz X.", "Postfach 1, 10000 X", "https://datenschutz.example")
		at := g.shop(t, "at.myshopify.com", func(sh *store.Shop, _ *store.Settings) { sh.Country, sh.Region = "AT", "" })
		e = g.draftAnswer(t, at, g.request(t, at, "de-AT"), mail.AnswerLink{Negative: true})
		contains(t, "text", e.BodyText, "Österreichische Datenschutzbehörde, DSB, Wien")
	})
}

func TestAnswerNeedsARecipientAndALink(t *testing.T) {
	each(t, func(t *testing.T, g *rig) {
		ctx := context.Background()
		sh := g.shop(t, "muster.myshopify.com")
		r := g.request(t, sh, "de")
		err := g.st.Tx(ctx, func(tx *store.Store) error {
			_, err := mail.DraftAnswer(ctx, tx, sh, r, mail.AnswerLink{})
			return err
		})
		if err == nil {
			t.Fatal("an access answer without a link was drafted")
		}
		r.Subject.Email = ""
		err = g.st.Tx(ctx, func(tx *store.Store) error {
			_, err := mail.DraftAnswer(ctx, tx, sh, r, mail.AnswerLink{Negative: true})
			return err
		})
		if err == nil || !strings.Contains(err.Error(), mail.ErrNoRecipient.Error()) {
			t.Fatalf("no address: %v", err)
		}
	})
}
