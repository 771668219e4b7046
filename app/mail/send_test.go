package mail_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/mail/mailtest"
	"github.com/lethe-gdpr/lethe/app/store"
)

func TestHandlerRunTwiceDeliversOnce(t *testing.T) {
	each(t, func(t *testing.T, g *rig) {
		ctx := context.Background()
		sh := g.shop(t, "muster.myshopify.com")
		r := g.request(t, sh, "de")
		e := g.draftAnswer(t, sh, r, mail.AnswerLink{URL: link, Lifetime: lifetime})
		step := g.queue(t, e)
		if again := g.queue(t, e); again.ID != step.ID {
			t.Fatalf("queueing twice made two steps: %d, %d", step.ID, again.ID)
		}
		h := mail.HandleSend(g.st, g.snd, g.log)
		for i := 0; i < 2; i++ {
			if err := h(ctx, step); err != nil {
				t.Fatalf("run %d: %v", i+1, err)
			}
		}
		if n := len(g.smtp.Messages()); n != 1 {
			t.Fatalf("%d messages delivered, want 1", n)
		}
		var sent int
		for _, ev := range g.events(t, r) {
			if ev == "system email.sent" {
				sent++
			}
		}
		if sent != 1 {
			t.Fatalf("%d email.sent events", sent)
		}
	})
}

func TestTemporaryFailureIsRetried(t *testing.T) {
	each(t, func(t *testing.T, g *rig) {
		ctx := context.Background()
		sh := g.shop(t, "muster.myshopify.com")
		r := g.request(t, sh, "de")
		e := g.draftAnswer(t, sh, r, mail.AnswerLink{URL: link, Lifetime: lifetime})
		step := g.queue(t, e)
		g.smtp.RejectNext(1, 451)
		err := g.run(t, step)
		if err == nil || mail.IsPermanent(err) || fault.IsPermanent(err) {
			t.Fatalf("451: %v (want a temporary error)", err)
		}
		got := g.email(t, sh.ID, e.ID)
		if got.Status != store.EmailQueued || !strings.Contains(got.Error, "451") {
			t.Fatalf("after 451: %s %q", got.Status, got.Error)
		}
		if err := g.run(t, step); err != nil {
			t.Fatalf("retry: %v", err)
		}
		if n := len(g.smtp.Messages()); n != 1 || g.smtp.RcptAttempts() != 2 {
			t.Fatalf("%d delivered after %d attempts", n, g.smtp.RcptAttempts())
		}
		if got := g.email(t, sh.ID, e.ID); got.Status != store.EmailSent || got.Error != "" {
			t.Fatalf("after retry: %s %q", got.Status, got.Error)
		}
		if got, _ := g.st.Request(ctx, sh.ID, r.ID); got.Status != store.StatusAnswered {
			t.Fatalf("request %s", got.Status)
		}
		assertNoPersonalData(t, "log", g.logs.String())
	})
}

func TestPermanentFailureMarksTheEmailFailed(t *testing.T) {
	each(t, func(t *testing.T, g *rig) {
		ctx := context.Background()
		sh := g.shop(t, "muster.myshopify.com")
		r := g.request(t, sh, "de")
		e := g.draftAnswer(t, sh, r, mail.AnswerLink{URL: link, Lifetime: lifetime})
		step := g.queue(t, e)
		g.smtp.RejectNext(1, 550)
		err := g.run(t, step)
		if !fault.IsPermanent(err) || !mail.IsPermanent(err) {
			t.Fatalf("550: %v (want a permanent error)", err)
		}
		assertNoPersonalData(t, "error", err.Error())
		got := g.email(t, sh.ID, e.ID)
		if got.Status != store.EmailFailed {
			t.Fatalf("status %s", got.Status)
		}
		contains(t, "reason", got.Error, "550 5.1.1", "RCPT TO", "Recipient address rejected")
		assertNoPersonalData(t, "reason", got.Error)
		if len(g.smtp.Messages()) != 0 {
			t.Fatal("delivered despite 550")
		}
		if got, _ := g.st.Request(ctx, sh.ID, r.ID); got.Status != store.StatusReady || got.AnsweredAt != nil {
			t.Fatalf("request %s after a refused answer", got.Status)
		}
		contains(t, "audit", strings.Join(g.events(t, r), ","), "system email.failed")
		// The merchant fixes the address and sends again: the failed step
		// runs again, with the same Message-ID.
		claimed, _, _ := g.st.ClaimStep(ctx, step.ID, time.Minute) // the worker fails it
		if err := g.st.FailStep(ctx, claimed, err.Error()); err != nil {
			t.Fatal(err)
		}
		again := g.queue(t, got)
		if again.ID != step.ID || again.Status != store.StepPending || again.Attempts != 0 {
			t.Fatalf("requeued step %+v", again)
		}
		if err := g.run(t, again); err != nil {
			t.Fatal(err)
		}
		ms := g.smtp.Messages()
		if len(ms) != 1 || ms[0].MessageID != got.MessageID {
			t.Fatalf("resend: %d messages, id %q want %q", len(ms), ms[0].MessageID, got.MessageID)
		}
		assertNoPersonalData(t, "log", g.logs.String())
	})
}

func TestLastAttemptMarksFailed(t *testing.T) {
	each(t, func(t *testing.T, g *rig) {
		sh := g.shop(t, "muster.myshopify.com")
		e := g.draftAnswer(t, sh, g.request(t, sh, "de"), mail.AnswerLink{Negative: true})
		step := g.queue(t, e)
		if err := g.st.GormForTests().Exec("UPDATE steps SET attempts = max_attempts - 1 WHERE id = ?", step.ID).Error; err != nil {
			t.Fatal(err)
		}
		g.smtp.RejectNext(1, 421)
		if err := g.run(t, step); !fault.IsPermanent(err) {
			t.Fatalf("last attempt: %v", err)
		}
		if got := g.email(t, sh.ID, e.ID); got.Status != store.EmailFailed || !strings.Contains(got.Error, "421") {
			t.Fatalf("%s %q", got.Status, got.Error)
		}
	})
}

func TestNotConfiguredFailsClearly(t *testing.T) {
	each(t, func(t *testing.T, g *rig) {
		ctx := context.Background()
		sh := g.shop(t, "muster.myshopify.com")
		e := g.draftAnswer(t, sh, g.request(t, sh, "de"), mail.AnswerLink{Negative: true})
		step := g.queue(t, e)
		none, err := mail.NewSender("", "Lethe <no-reply@lethe.example>")
		if err != nil || none.Configured() {
			t.Fatalf("empty URL: %v", err)
		}
		claimed, _, _ := g.st.ClaimStep(ctx, step.ID, 0)
		err = mail.HandleSend(g.st, none, g.log)(ctx, claimed)
		if !fault.IsPermanent(err) || !errors.Is(err, mail.ErrNotConfigured) {
			t.Fatalf("not configured: %v", err)
		}
		if got := g.email(t, sh.ID, e.ID); got.Status != store.EmailFailed || !strings.Contains(got.Error, "SMTP is not configured (LETHE_SMTP_URL)") {
			t.Fatalf("%s %q", got.Status, got.Error)
		}
	})
}

func TestSenderSpeaksTLSAndAuth(t *testing.T) {
	cases := []struct {
		name string
		opts mailtest.Options
	}{
		{"plain+auth", mailtest.Options{Username: "lethe", Password: "s3cret"}},
		{"starttls+auth", mailtest.Options{TLS: true, Username: "lethe", Password: "s3cret"}},
		{"smtps+auth", mailtest.Options{ImplicitTLS: true, Username: "lethe", Password: "s3cret"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := mailtest.Start(t, c.opts)
			s, err := mail.NewSender(srv.URL(), "Lethe <no-reply@lethe.example>")
			if err != nil {
				t.Fatal(err)
			}
			m := mail.Message{To: "a@b.example", Subject: "Grüße", Text: "Hallo Wörld", HTML: "<p>Hallo</p>", MessageID: s.NewMessageID(1)}
			if err := s.Send(context.Background(), m); err != nil {
				t.Fatalf("send: %v", err)
			}
			got := srv.Messages()
			if len(got) != 1 || got[0].Subject != "Grüße" || got[0].Text != "Hallo Wörld" || got[0].MessageID != m.MessageID {
				t.Fatalf("received %+v", got)
			}
			bad := strings.Replace(srv.URL(), "s3cret", "wrong", 1)
			s2, _ := mail.NewSender(bad, "Lethe <no-reply@lethe.example>")
			err = s2.Send(context.Background(), m)
			if !mail.IsPermanent(err) || strings.Contains(err.Error(), "wrong") {
				t.Fatalf("wrong password: %v", err)
			}
		})
	}
	t.Run("certificate checked", func(t *testing.T) {
		srv := mailtest.Start(t, mailtest.Options{TLS: true})
		s, _ := mail.NewSender(strings.Replace(srv.URL(), "&insecure=1", "", 1), "no-reply@lethe.example")
		err := s.Send(context.Background(), mail.Message{To: "a@b.example", Subject: "x", Text: "x", MessageID: s.NewMessageID(1)})
		if err == nil || len(srv.Messages()) != 0 {
			t.Fatalf("an untrusted certificate was accepted: %v", err)
		}
	})
	t.Run("unreachable is temporary", func(t *testing.T) {
		s, _ := mail.NewSender("smtp://127.0.0.1:1?tls=none", "no-reply@lethe.example")
		err := s.Send(context.Background(), mail.Message{To: "a@b.example", Subject: "x", Text: "x", MessageID: s.NewMessageID(1)})
		if err == nil || mail.IsPermanent(err) {
			t.Fatalf("connection refused: %v", err)
		}
	})
}

func TestNewSenderRejectsBadConfiguration(t *testing.T) {
	for _, c := range []struct{ url, from string }{
		{"http://u:hunter2@x", "no-reply@x.example"},
		{"smtp://u:hunter2@x?tls=maybe", "no-reply@x.example"},
		{"smtp://u:hunter2@[::1", "no-reply@x.example"},
		{"smtp://u:hunter2@x:port", "no-reply@x.example"},
		{"smtp://x", "not an address"},
	} {
		_, err := mail.NewSender(c.url, c.from)
		if err == nil || strings.Contains(err.Error(), "hunter2") {
			t.Errorf("%s: %v", c.url, err)
		}
	}
}
