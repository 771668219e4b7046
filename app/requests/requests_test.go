package requests

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/step"
	"github.com/lethe-gdpr/lethe/app/store"
)

func TestCreateCountsDueDatesInTheShopsZoneAndPlace(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sh := testShop(t, s, "create.myshopify.com")
		// 23:30 UTC on 31 January is 1 February in Berlin: one month ends on
		// Sunday 1 March → Monday 2 March; three months end on 1 May, a
		// public holiday (Friday) → Monday 4 May; Shopify's 30 days end on
		// 3 March in Berlin.
		at := time.Date(2026, 1, 31, 23, 30, 0, 0, time.UTC)
		r := create(t, s, sh, New{
			Type: store.TypeAccess, Source: "manual", Channel: "letter", Locale: "de",
			Subject: store.Subject{Email: "Jane@Example.com", Name: "Jane"}, ReceivedAt: at, PlatformLimit: 30 * 24 * time.Hour,
		})
		got := reload(t, s, r)
		if got.Status != store.StatusReceived || got.Type != store.TypeAccess || got.Source != "manual" || got.Channel != "letter" || got.Locale != "de" {
			t.Fatalf("request %+v", got)
		}
		if got.DueAt.String() != "2026-03-02" || got.ExtendedDueAt.String() != "2026-05-04" {
			t.Fatalf("due %s, extended %s", got.DueAt, got.ExtendedDueAt)
		}
		if got.PlatformDueAt == nil || got.PlatformDueAt.String() != "2026-03-03" {
			t.Fatalf("platform due %v", got.PlatformDueAt)
		}
		if got.Subject.Email != "Jane@Example.com" || got.SubjectHash == "" || got.SubjectHash != s.SubjectHash(store.Subject{Email: "jane@example.com"}) {
			t.Fatalf("subject %+v hash %q", got.Subject, got.SubjectHash)
		}
		if got.Initiator != "" || got.Automatic {
			t.Fatalf("a request Lethe took in has initiator %q automatic %t", got.Initiator, got.Automatic)
		}
		es, err := s.Events(ctx, sh.ID, r.ID)
		if err != nil || len(es) != 1 || es[0].Action != "request.created" || es[0].Actor != "system:manual" ||
			es[0].Detail != "type=access source=manual due=2026-03-02" || es[0].SubjectHash != got.SubjectHash {
			t.Fatalf("audit %+v, %v", es, err)
		}
		steps, err := s.StepsOf(ctx, r.ID)
		if err != nil || len(steps) != 1 || steps[0].Kind != step.Discover || steps[0].ShopID == nil || *steps[0].ShopID != sh.ID {
			t.Fatalf("steps %+v, %v", steps, err)
		}
	})
}

func TestCreateWithoutPlatformLimitHasNoPlatformDue(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		sh := testShop(t, s, "nolimit.myshopify.com")
		r := create(t, s, sh, erasure("x@example.com"))
		if got := reload(t, s, r); got.PlatformDueAt != nil || got.DueAt.String() != "2026-04-02" {
			t.Fatalf("platform due %v, due %s", got.PlatformDueAt, got.DueAt)
		}
	})
}

// TestIntakeRecordsDeliveryRequestAndFactsOnce: a platform's intake stores
// the delivery with its request (the platform's facts included), its audit
// entry and first step; the same delivery again is ErrConflict and stores
// nothing.
func TestIntakeRecordsDeliveryRequestAndFactsOnce(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sh := testShop(t, s, "intake.myshopify.com")
		n := New{
			Type: store.TypeErasure, Source: "acme", Channel: "acme", Subject: store.Subject{CustomerID: "c-7", Email: "p@example.com"},
			ReceivedAt: received, ExternalID: "ext-1", PlatformLimit: 30 * 24 * time.Hour, Initiator: "acme", Automatic: true,
		}
		d := &store.Delivery{Platform: "acme", DeliveryID: "d-1", ShopDomain: sh.Domain, Topic: "customers/redact", Status: store.DeliveryAccepted}
		r, st, err := Intake(ctx, s, sh, d, n)
		if err != nil {
			t.Fatal(err)
		}
		if r.ID == 0 || d.ID == 0 || d.RequestID == nil || *d.RequestID != r.ID || st.ID == 0 || st.RequestID == nil || *st.RequestID != r.ID || st.Kind != step.Discover {
			t.Fatalf("request %d delivery %+v step %+v", r.ID, d, st)
		}
		got := reload(t, s, r)
		if got.Initiator != "acme" || !got.Automatic || got.Status != store.StatusReceived || got.ExternalID != "ext-1" ||
			got.Subject.CustomerID != "c-7" || got.PlatformDueAt == nil || got.DueAt.String() != "2026-04-02" {
			t.Fatalf("request %+v", got)
		}
		es, _ := s.Events(ctx, sh.ID, r.ID)
		if len(es) != 1 || es[0].Action != "request.created" || es[0].Actor != "system:acme" || es[0].SubjectHash != got.SubjectHash {
			t.Fatalf("audit %+v", es)
		}
		again := &store.Delivery{Platform: "acme", DeliveryID: "d-1", ShopDomain: sh.Domain, Topic: "customers/redact", Status: store.DeliveryAccepted}
		if _, _, err := Intake(ctx, s, sh, again, n); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("repeated delivery: %v, want ErrConflict", err)
		}
		if rs, _ := s.ListRequests(ctx, sh.ID, store.RequestFilter{}); len(rs) != 1 {
			t.Fatalf("%d requests after a repeated delivery", len(rs))
		}
	})
}

// TestFindJoinable: a platform's later erasure webhook joins the erasure
// Lethe started itself for the same person, and no request the platform
// started (by the recorded initiator, whatever the source), failed, too
// old, or of another person or type.
func TestFindJoinable(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sh := testShop(t, s, "join.myshopify.com")
		now := received.Add(24 * time.Hour)
		manual := create(t, s, sh, erasure("jane@example.com"))
		create(t, s, sh, New{ // the platform's own request, newer: not joined
			Type: store.TypeErasure, Source: "manual", Subject: store.Subject{Email: "jane@example.com"},
			ReceivedAt: received.Add(time.Hour), Initiator: "acme", Automatic: true,
		})
		create(t, s, sh, New{
			Type: store.TypeErasure, Source: "manual", Subject: store.Subject{Email: "bob@example.com"}, ReceivedAt: received, Initiator: "acme",
		})
		failed := create(t, s, sh, erasure("carol@example.com"))
		if err := move(s, failed, store.StatusFailed, ""); err != nil {
			t.Fatal(err)
		}
		old := erasure("dave@example.com")
		old.ReceivedAt = now.Add(-JoinWindow - time.Hour)
		create(t, s, sh, old)
		access := erasure("erin@example.com")
		access.Type = store.TypeAccess
		create(t, s, sh, access)
		other := testShop(t, s, "elsewhere.myshopify.com")

		find := func(shopID int64, sub store.Subject) (*store.Request, error) {
			var r *store.Request
			err := s.Tx(ctx, func(tx *store.Store) error {
				var err error
				r, err = FindJoinable(ctx, tx, shopID, sub, now)
				return err
			})
			return r, err
		}
		r, err := find(sh.ID, store.Subject{Email: " JANE@example.com"})
		if err != nil || r.ID != manual.ID {
			t.Fatalf("jane: %+v, %v; want request %d", r, err, manual.ID)
		}
		for name, c := range map[string]struct {
			shopID int64
			sub    store.Subject
		}{
			"platform's own":   {sh.ID, store.Subject{Email: "bob@example.com"}},
			"failed":           {sh.ID, store.Subject{Email: "carol@example.com"}},
			"too old":          {sh.ID, store.Subject{Email: "dave@example.com"}},
			"access":           {sh.ID, store.Subject{Email: "erin@example.com"}},
			"another shop":     {other.ID, store.Subject{Email: "jane@example.com"}},
			"no e-mail, no id": {sh.ID, store.Subject{Phone: "+49 170 1"}},
		} {
			if r, err := find(c.shopID, c.sub); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("%s: %+v, %v; want ErrNotFound", name, r, err)
			}
		}

		if err := s.Tx(ctx, func(tx *store.Store) error { return Join(ctx, tx, manual, "acme", "d-9") }); err != nil {
			t.Fatal(err)
		}
		es, _ := s.Events(ctx, sh.ID, manual.ID)
		last := es[len(es)-1]
		if last.Action != "platform.erasure_joined" || last.Actor != "system:acme" || last.Detail != "delivery=d-9" {
			t.Fatalf("join audit %+v", last)
		}
		if got := reload(t, s, manual); got.Status != store.StatusReceived || !slices.Contains(actions(t, s, manual), "request.created") {
			t.Fatalf("joined request %+v", got)
		}
		if err := Join(ctx, s, nil, "acme", "d-10"); err == nil {
			t.Fatal("join without a request succeeded")
		}
	})
}
