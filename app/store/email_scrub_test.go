package store_test

import (
	"context"
	"testing"

	"github.com/lethe-gdpr/lethe/app/store"
)

func TestScrubEmails(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a, b := shop(t, s, "a.myshopify.com"), shop(t, s, "b.myshopify.com")
		r, other := emailRequest(t, s, a), emailRequest(t, s, a)
		add := func(r *store.Request, kind, to, status string) *store.Email {
			t.Helper()
			e := &store.Email{ShopID: a.ID, RequestID: &r.ID, Kind: kind, Locale: "de", To: to,
				Subject: "Vorgang " + kind, BodyText: "Guten Tag Jane Doe", BodyHTML: "<p>Guten Tag Jane Doe</p>"}
			if err := s.SaveEmailDraft(ctx, e); err != nil {
				t.Fatal(err)
			}
			if _, err := s.AssignEmailMessageID(ctx, a.ID, e.ID, "<lethe-"+kind+"@x>"); err != nil {
				t.Fatal(err)
			}
			var err error
			switch status {
			case store.EmailQueued:
				err = s.MarkEmailQueued(ctx, a.ID, e.ID)
			case store.EmailSent:
				err = s.MarkEmailSent(ctx, a.ID, e.ID)
			case store.EmailFailed:
				err = s.MarkEmailFailed(ctx, a.ID, e.ID, "550 refused")
			}
			if err != nil {
				t.Fatal(err)
			}
			got, err := s.Email(ctx, a.ID, e.ID)
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		confirmation := add(r, "erasure_partial", "jane@example.com", store.EmailSent)
		notice := add(r, "merchant_notice", "owner@shop.example", store.EmailSent)
		recipients := add(r, "erasure_recipients", "owner@shop.example", store.EmailQueued)
		draft := add(r, "negative_answer", "jane@example.com", store.EmailDraft)
		failed := add(r, "access_answer", "jane@example.com", store.EmailFailed)
		untouched := add(other, "access_answer", "jane@example.com", store.EmailDraft)

		// Another shop's call reaches nothing.
		if err := s.ScrubEmails(ctx, b.ID, r.ID); err != nil {
			t.Fatal(err)
		}
		if es, _ := s.EmailsOf(ctx, a.ID, r.ID); len(es) != 5 || es[0].To != "jane@example.com" {
			t.Fatalf("another shop scrubbed: %d e-mails", len(es))
		}

		for range 2 { // the second run changes nothing
			err := s.Tx(ctx, func(tx *store.Store) error {
				return tx.ScrubEmails(ctx, a.ID, r.ID, "merchant_notice", "erasure_recipients")
			})
			if err != nil {
				t.Fatal(err)
			}
			es, err := s.EmailsOf(ctx, a.ID, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(es) != 3 || es[0].ID != confirmation.ID || es[1].ID != notice.ID || es[2].ID != recipients.ID {
				t.Fatalf("left %d e-mails: %+v", len(es), es)
			}
			for _, want := range []*store.Email{confirmation, notice} {
				got, err := s.Email(ctx, a.ID, want.ID)
				if err != nil {
					t.Fatal(err)
				}
				if got.To != "" || got.BodyText != "" || got.BodyHTML != "" {
					t.Fatalf("%s not scrubbed: %q %q %q", got.Kind, got.To, got.BodyText, got.BodyHTML)
				}
				if got.Kind != want.Kind || got.Subject != want.Subject || got.Status != store.EmailSent ||
					got.MessageID != want.MessageID || got.SentAt == nil || !got.SentAt.Equal(*want.SentAt) {
					t.Fatalf("scrubbing lost the record of the e-mail: %+v, was %+v", got, want)
				}
				// Sealed empty values, not NULLs and not clear text.
				var rcpt, text, html []byte
				if err := s.SQL().QueryRow("SELECT recipient, body_text, body_html FROM emails WHERE id = $1", want.ID).Scan(&rcpt, &text, &html); err != nil {
					t.Fatal(err)
				}
				for purpose, raw := range map[string][]byte{"email.recipient": rcpt, "email.body_text": text, "email.body_html": html} {
					pt, err := s.Keys().Open(purpose, raw)
					if err != nil || len(pt) != 0 || containsStr(raw, "Jane") || containsStr(raw, "jane") {
						t.Fatalf("%s %s: %q (%v)", want.Kind, purpose, pt, err)
					}
				}
			}
			got, err := s.Email(ctx, a.ID, recipients.ID)
			if err != nil || got.To != "owner@shop.example" || got.BodyText != recipients.BodyText || got.Status != store.EmailQueued {
				t.Fatalf("an unsent e-mail of a kept kind changed: %+v %v", got, err)
			}
			for _, gone := range []*store.Email{draft, failed} {
				if _, err := s.Email(ctx, a.ID, gone.ID); err != store.ErrNotFound {
					t.Fatalf("unsent %s kept: %v", gone.Kind, err)
				}
			}
			if got, err := s.Email(ctx, a.ID, untouched.ID); err != nil || got.To != "jane@example.com" || got.BodyText != "Guten Tag Jane Doe" {
				t.Fatalf("another request's e-mail changed: %+v %v", got, err)
			}
		}

		// Without kinds to keep, every unsent e-mail goes.
		if err := s.ScrubEmails(ctx, a.ID, r.ID); err != nil {
			t.Fatal(err)
		}
		if es, _ := s.EmailsOf(ctx, a.ID, r.ID); len(es) != 2 {
			t.Fatalf("%d e-mails left", len(es))
		}
	})
}
