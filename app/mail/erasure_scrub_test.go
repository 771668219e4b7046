package mail_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/store"
)

// After the erasure confirmation is sent, no e-mail of the request holds
// the customer's data, in clear or sealed: sent ones keep only their
// record, unsent ones to the customer are gone, and the merchant's pending
// Art. 19 notice still goes out, scrubbed once sent. Sending again
// delivers nothing.
func TestSendingTheErasureConfirmationScrubsTheRequestsEmails(t *testing.T) {
	each(t, func(t *testing.T, g *rig) {
		ctx := context.Background()
		sh := g.shop(t, "muster.myshopify.com", func(_ *store.Shop, set *store.Settings) { set.MerchantEmail = "inhaber@musterladen.example" })
		r := g.erasureRequest(t, sh, "de")
		other := g.erasureRequest(t, sh, "de") // the same shop's next request: untouched

		// The request's history: the merchant was told of it (sent), a
		// stale reply to the customer lies around (draft), the Art. 19
		// notice waits in the queue.
		var notice *store.Email
		err := g.st.Tx(ctx, func(tx *store.Store) error {
			var err error
			notice, err = mail.DraftMerchantNotice(ctx, tx, sh, r, "https://admin.example/r")
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := g.run(t, g.queue(t, notice)); err != nil {
			t.Fatal(err)
		}
		stale := g.draftAnswer(t, sh, r, mail.AnswerLink{Negative: true})
		rcpts := g.draftRecipients(t, sh, r, recipients)
		rcptStep := g.queue(t, rcpts)
		untouched := g.draftConfirmation(t, sh, other, summaryOf(t, account))

		confirmation := g.draftConfirmation(t, sh, r, summaryOf(t, account, inv2024, openOrd))
		step := g.queue(t, confirmation)
		h := mail.HandleSend(g.st, g.snd, g.log)
		claimed, _, err := g.st.ClaimStep(ctx, step.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		for i := range 2 { // sending twice delivers once
			if err := h(ctx, claimed); err != nil {
				t.Fatalf("run %d: %v", i+1, err)
			}
		}
		msgs := g.smtp.Messages()
		if len(msgs) != 2 || msgs[1].EnvelopeTo[0] != customer.Email || !strings.Contains(msgs[1].Text, "31. Dezember 2032") {
			t.Fatalf("%d messages delivered, want the notice and the confirmation once", len(msgs))
		}
		if _, err := g.queueErr(confirmation); !errors.Is(err, store.ErrEmailSent) {
			t.Fatalf("queueing the sent confirmation again: %v", err)
		}

		es, err := g.st.EmailsOf(ctx, sh.ID, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[string]store.Email{}
		for _, e := range es {
			kinds[e.Kind] = e
		}
		if len(es) != 3 || kinds[mail.KindMerchantNotice].ID != notice.ID || kinds[mail.KindErasurePartial].ID != confirmation.ID || kinds[mail.KindRecipientsNotice].ID != rcpts.ID {
			t.Fatalf("e-mails after the scrub: %d %v", len(es), kinds)
		}
		if _, err := g.st.Email(ctx, sh.ID, stale.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("the unsent reply to the customer is still there: %v", err)
		}
		for _, e := range []store.Email{kinds[mail.KindMerchantNotice], kinds[mail.KindErasurePartial]} {
			if e.Status != store.EmailSent || e.SentAt == nil || e.MessageID == "" || e.Subject == "" {
				t.Fatalf("%s lost its record: %+v", e.Kind, e)
			}
			if e.To != "" || e.BodyText != "" || e.BodyHTML != "" {
				t.Fatalf("%s keeps data: %q %q", e.Kind, e.To, e.BodyText)
			}
		}
		// In the database itself: sealed values that open to nothing.
		g.assertNoCustomerDataStored(t, r.ID, rcpts.ID)

		// The pending Art. 19 notice is intact and still goes out.
		if got := g.email(t, sh.ID, rcpts.ID); got.Status != store.EmailQueued || got.To != "inhaber@musterladen.example" || got.BodyText != rcpts.BodyText {
			t.Fatalf("the recipients notice changed: %+v", got)
		}
		if err := g.run(t, rcptStep); err != nil {
			t.Fatal(err)
		}
		if ms := g.smtp.Messages(); len(ms) != 3 || !strings.Contains(ms[2].Text, "Steuerbüro Beispiel") {
			t.Fatalf("%d messages; the notice was not delivered whole", len(ms))
		}
		// Sent after the confirmation, it is scrubbed in turn.
		if got := g.email(t, sh.ID, rcpts.ID); got.Status != store.EmailSent || got.To != "" || got.BodyText != "" || got.MessageID == "" {
			t.Fatalf("the late notice was not scrubbed: %+v", got)
		}
		g.assertNoCustomerDataStored(t, r.ID, 0)

		// Another request's draft keeps its data.
		if got := g.email(t, sh.ID, untouched.ID); got.To != customer.Email || !strings.Contains(got.BodyText, customer.Name) {
			t.Fatal("another request's e-mail was scrubbed")
		}
		// Drafting again returns the scrubbed record, and drafts nothing.
		if again := g.draftConfirmation(t, sh, r, summaryOf(t, account)); again.ID != confirmation.ID || again.BodyText != "" {
			t.Fatalf("redrafted after the scrub: %+v", again)
		}
		ev := strings.Join(g.events(t, r), ",")
		contains(t, "audit", ev, "system email.sent", "system email.scrubbed")
		if n := strings.Count(ev, "email.scrubbed"); n != 2 {
			t.Fatalf("%d scrub events", n)
		}
		if got, _ := g.st.Request(ctx, sh.ID, r.ID); got.Status != store.StatusErasing {
			t.Fatalf("the confirmation moved the request to %s", got.Status)
		}
		assertNoPersonalData(t, "log", g.logs.String())
	})
}

// assertNoCustomerDataStored opens every sealed column of the request's
// e-mails (but skip, the merchant's pending notice; 0: none) with the
// store's keyring: each must be a sealed empty value.
func (g *rig) assertNoCustomerDataStored(t *testing.T, requestID, skip int64) {
	t.Helper()
	rows, err := g.st.SQL().Query("SELECT id, kind, recipient, body_text, body_html FROM emails WHERE request_id = $1 AND id <> $2", requestID, skip)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var (
			id               int64
			kind             string
			rcpt, text, html []byte
		)
		if err := rows.Scan(&id, &kind, &rcpt, &text, &html); err != nil {
			t.Fatal(err)
		}
		n++
		for purpose, raw := range map[string][]byte{"email.recipient": rcpt, "email.body_text": text, "email.body_html": html} {
			if len(raw) == 0 {
				t.Fatalf("%s %s: not a sealed value", kind, purpose)
			}
			for _, p := range []string{customer.Email, "jane", "Jane", customer.Phone} {
				if bytes.Contains(raw, []byte(p)) {
					t.Fatalf("%s %s holds %q in clear", kind, purpose, p)
				}
			}
			pt, err := g.st.Keys().Open(purpose, raw)
			if err != nil || len(pt) != 0 {
				t.Fatalf("%s %s opens to %q (%v)", kind, purpose, pt, err)
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 2 {
		t.Fatalf("%d e-mails checked", n)
	}
}

func (g *rig) queueErr(e *store.Email) (*store.Step, error) {
	var st *store.Step
	err := g.st.Tx(context.Background(), func(tx *store.Store) error {
		var err error
		st, err = mail.QueueSend(context.Background(), tx, e)
		return err
	})
	return st, err
}
