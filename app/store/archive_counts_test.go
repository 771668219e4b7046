package store_test

import (
	"context"
	"testing"

	"github.com/lethe-gdpr/lethe/app/store"
)

// The archive's counts are per purge date and hold, of the shop only.
func TestArchiveCountsByPurgeDate(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a, b := shop(t, s, "a.myshopify.com"), shop(t, s, "b.myshopify.com")
		for i, d := range []store.Day{store.DayOf(2031, 3, 1), store.DayOf(2031, 3, 1), store.DayOf(2034, 12, 31)} {
			h := &store.ArchiveEntry{ShopID: a.ID, System: "shopify", RecordType: "invoice", RecordID: string(rune('a' + i)),
				LegalReference: "§ 147 AO", RetainUntil: d, Fields: map[string]any{}}
			if err := s.CreateArchiveEntry(ctx, h, nil); err != nil {
				t.Fatal(err)
			}
			if i == 1 {
				if _, err := s.SetLegalHold(ctx, a.ID, h.ID, true, "audit"); err != nil {
					t.Fatal(err)
				}
			}
		}
		archiveEntry(t, s, b, "x")
		got, err := s.ArchiveCounts(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []store.ArchiveDayCount{{store.DayOf(2031, 3, 1), false, 1}, {store.DayOf(2031, 3, 1), true, 1}, {store.DayOf(2034, 12, 31), false, 1}}
		if len(got) != len(want) {
			t.Fatalf("%+v", got)
		}
		for i := range want {
			if got[i].RetainUntil != want[i].RetainUntil || got[i].Count != want[i].Count {
				t.Errorf("%d: %+v, want %+v", i, got[i], want[i])
			}
		}
	})
}

// The last failed delivery is the shop's newest e-mail with a noted error.
func TestLastEmailFailure(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a, b := shop(t, s, "a.myshopify.com"), shop(t, s, "b.myshopify.com")
		if f, err := s.LastEmailFailure(ctx, a.ID); err != nil || f != nil {
			t.Fatalf("%+v %v", f, err)
		}
		for _, sh := range []*store.Shop{a, b} {
			e := &store.Email{ShopID: sh.ID, Kind: "merchant_notice", Locale: "de", To: "m@example.com", Subject: "S", BodyText: "T"}
			if err := s.SaveEmailDraft(ctx, e); err != nil {
				t.Fatal(err)
			}
			if err := s.MarkEmailFailed(ctx, sh.ID, e.ID, "smtp send: 550 "+sh.Domain); err != nil {
				t.Fatal(err)
			}
		}
		f, err := s.LastEmailFailure(ctx, a.ID)
		if err != nil || f == nil || f.Error != "smtp send: 550 a.myshopify.com" || f.Status != store.EmailFailed || f.At.IsZero() {
			t.Fatalf("%+v %v", f, err)
		}
	})
}
