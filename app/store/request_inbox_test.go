package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
)

// The merchant's note is sealed, read back with the request and forgotten
// with the subject.
func TestRequestNoteSealedAndForgotten(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a := shop(t, s, "a.myshopify.com")
		r := &store.Request{ShopID: a.ID, Type: store.TypeAccess, Source: "manual", Channel: "letter",
			Subject: store.Subject{Email: "jane@example.com"}, Note: "Kopie des Ausweises lag bei",
			ReceivedAt: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC), DueAt: store.DayOf(2026, 12, 2), ExtendedDueAt: store.DayOf(2027, 2, 2)}
		if err := s.CreateRequest(ctx, r); err != nil {
			t.Fatal(err)
		}
		var raw []byte
		s.SQL().QueryRow("SELECT note FROM requests WHERE id = $1", r.ID).Scan(&raw)
		if len(raw) == 0 || containsStr(raw, "Ausweis") {
			t.Fatalf("note not sealed: %q", raw)
		}
		if got, err := s.Request(ctx, a.ID, r.ID); err != nil || got.Note != "Kopie des Ausweises lag bei" {
			t.Fatalf("note read back %q, %v", got.Note, err)
		}
		if _, err := s.ForgetSubject(ctx, a.ID, r.SubjectHash, r.ID, 0); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Request(ctx, a.ID, r.ID); err != nil || got.Note != "" || got.Subject.Email != "" {
			t.Fatalf("after forgetting: note %q subject %+v, %v", got.Note, got.Subject, err)
		}
	})
}

// OpenDueDays counts the open requests of one shop per effective due day
// within the range.
func TestOpenDueDays(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a, b := shop(t, s, "a.myshopify.com"), shop(t, s, "b.myshopify.com")
		day := func(m time.Month, d int) store.Day { return store.DayOf(2026, m, d) }
		add := func(sh *store.Shop, status string, due store.Day, extendedTo *store.Day) {
			r := &store.Request{ShopID: sh.ID, Type: store.TypeAccess, Source: "manual", Status: status,
				ReceivedAt: time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC), DueAt: due, ExtendedDueAt: due.AddDays(60)}
			if extendedTo != nil {
				r.ExtendedDueAt = *extendedTo
				at := time.Date(2026, 10, 20, 9, 0, 0, 0, time.UTC)
				r.ExtendedAt = &at
			}
			if err := s.CreateRequest(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		ext := day(11, 20)
		add(a, store.StatusReceived, day(11, 12), nil)
		add(a, store.StatusFailed, day(11, 12), nil)
		add(a, store.StatusProcessing, day(11, 5), &ext) // extended into the range
		add(a, store.StatusAnswered, day(11, 13), nil)   // closed
		add(a, store.StatusReceived, day(11, 9), nil)    // before the range
		add(a, store.StatusReceived, day(11, 30), nil)   // after it
		add(b, store.StatusReceived, day(11, 12), nil)   // another shop
		got, err := s.OpenDueDays(ctx, a.ID, day(11, 10), day(11, 30))
		if err != nil {
			t.Fatal(err)
		}
		want := []store.DueCount{{Due: day(11, 12), N: 2}, {Due: day(11, 20), N: 1}}
		if !slices.EqualFunc(got, want, func(x, y store.DueCount) bool { return x.Due.String() == y.Due.String() && x.N == y.N }) {
			t.Fatalf("OpenDueDays = %+v, want %+v", got, want)
		}
	})
}
