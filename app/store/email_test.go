package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
)

func emailRequest(t *testing.T, s *store.Store, sh *store.Shop) *store.Request {
	t.Helper()
	r := &store.Request{
		ShopID: sh.ID, Type: store.TypeAccess, Source: "manual", Subject: store.Subject{Email: "jane@example.com"},
		ReceivedAt: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), DueAt: store.DayOf(2026, 4, 2), ExtendedDueAt: store.DayOf(2026, 6, 2),
	}
	if err := s.CreateRequest(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestEmailSealedAtRestAndScopedToItsShop(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a, b := shop(t, s, "a.myshopify.com"), shop(t, s, "b.myshopify.com")
		r := emailRequest(t, s, a)
		e := &store.Email{ShopID: a.ID, RequestID: &r.ID, Kind: "access_answer", Locale: "de", To: "jane@example.com",
			Subject: "Ihre Datenauskunft von Shop a", BodyText: "Guten Tag Jane Doe", BodyHTML: "<p>Guten Tag Jane Doe</p>"}
		if err := s.SaveEmailDraft(ctx, e); err != nil {
			t.Fatal(err)
		}
		if e.ID == 0 || e.Status != store.EmailDraft {
			t.Fatalf("saved %+v", e)
		}
		var rcpt, text, html []byte
		s.SQL().QueryRow("SELECT recipient, body_text, body_html FROM emails WHERE id = $1", e.ID).Scan(&rcpt, &text, &html)
		for _, raw := range [][]byte{rcpt, text, html} {
			if len(raw) == 0 || containsStr(raw, "jane") || containsStr(raw, "Jane") {
				t.Fatalf("stored in clear: %q", raw)
			}
		}
		got, err := s.Email(ctx, a.ID, e.ID)
		if err != nil || got.To != "jane@example.com" || got.BodyText != "Guten Tag Jane Doe" || got.BodyHTML != "<p>Guten Tag Jane Doe</p>" {
			t.Fatalf("Email = %+v, %v", got, err)
		}
		if _, err := s.Email(ctx, b.ID, e.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("other shop read the e-mail: %v", err)
		}
		if es, err := s.EmailsOf(ctx, b.ID, r.ID); err != nil || len(es) != 0 {
			t.Fatalf("other shop lists %d e-mails, %v", len(es), err)
		}
		for _, f := range []func() error{
			func() error { return s.MarkEmailQueued(ctx, b.ID, e.ID) },
			func() error { return s.MarkEmailSent(ctx, b.ID, e.ID) },
			func() error { return s.MarkEmailFailed(ctx, b.ID, e.ID, "x") },
		} {
			if err := f(); !errors.Is(err, store.ErrNotFound) {
				t.Fatalf("other shop changed the e-mail: %v", err)
			}
		}
	})
}

func TestEmailDraftReplacedUntilSent(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a := shop(t, s, "a.myshopify.com")
		r := emailRequest(t, s, a)
		draft := func(body string) (*store.Email, error) {
			e := &store.Email{ShopID: a.ID, RequestID: &r.ID, Kind: "access_answer", Locale: "de", To: "jane@example.com", Subject: "S", BodyText: body}
			return e, s.SaveEmailDraft(ctx, e)
		}
		first, err := draft("one")
		if err != nil {
			t.Fatal(err)
		}
		mid, err := s.AssignEmailMessageID(ctx, a.ID, first.ID, "<lethe-1-aa@x>")
		if err != nil || mid != "<lethe-1-aa@x>" {
			t.Fatalf("message id %q %v", mid, err)
		}
		if mid, _ := s.AssignEmailMessageID(ctx, a.ID, first.ID, "<lethe-1-bb@x>"); mid != "<lethe-1-aa@x>" {
			t.Fatalf("message id changed to %q", mid)
		}
		if err := s.MarkEmailFailed(ctx, a.ID, first.ID, "550 refused"); err != nil {
			t.Fatal(err)
		}
		second, err := draft("two")
		if err != nil || second.ID != first.ID || second.BodyText != "two" || second.Status != store.EmailDraft || second.Error != "" || second.MessageID != "<lethe-1-aa@x>" {
			t.Fatalf("replaced: %+v %v", second, err)
		}
		if err := s.MarkEmailQueued(ctx, a.ID, first.ID); err != nil {
			t.Fatal(err)
		}
		third, err := draft("three")
		if err != nil || third.Status != store.EmailQueued || third.BodyText != "three" {
			t.Fatalf("replacing a queued draft: %+v %v", third, err)
		}
		if err := s.NoteEmailError(ctx, a.ID, first.ID, "451 later"); err != nil {
			t.Fatal(err)
		}
		if err := s.MarkEmailSent(ctx, a.ID, first.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.MarkEmailSent(ctx, a.ID, first.ID); !errors.Is(err, store.ErrEmailSent) {
			t.Fatalf("second MarkEmailSent: %v", err)
		}
		if err := s.MarkEmailQueued(ctx, a.ID, first.ID); !errors.Is(err, store.ErrEmailSent) {
			t.Fatalf("queue a sent e-mail: %v", err)
		}
		fourth, err := draft("four")
		if !errors.Is(err, store.ErrEmailSent) || fourth.BodyText != "three" || fourth.Status != store.EmailSent || fourth.SentAt == nil || fourth.Error != "" {
			t.Fatalf("a sent e-mail was replaced: %+v %v", fourth, err)
		}
		if err := s.DeleteEmailDraft(ctx, a.ID, r.ID, "access_answer"); err != nil {
			t.Fatal(err)
		}
		if es, _ := s.EmailsOf(ctx, a.ID, r.ID); len(es) != 1 {
			t.Fatalf("a sent e-mail was deleted: %d left", len(es))
		}
	})
}
