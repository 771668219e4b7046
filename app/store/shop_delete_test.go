package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
)

// TestDeleteShopDataInBatches deletes a shop in batches smaller than its
// rows, and leaves the step running it until the shop row goes and the
// other shop untouched.
func TestDeleteShopDataInBatches(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a, b := shop(t, s, "a.myshopify.com"), shop(t, s, "b.myshopify.com")
		for _, sh := range []*store.Shop{a, b, a} { // interleaved ids
			for i := range 4 {
				r := &store.Request{ShopID: sh.ID, Type: store.TypeErasure, Source: "shopify",
					Subject: store.Subject{Email: fmt.Sprintf("c%d@example.com", i)}, ReceivedAt: time.Now(),
					DueAt: store.DayOf(2027, 1, 1), ExtendedDueAt: store.DayOf(2027, 3, 1)}
				if err := s.CreateRequest(ctx, r); err != nil {
					t.Fatal(err)
				}
				if err := s.AddEvent(ctx, &store.Event{ShopID: sh.ID, RequestID: &r.ID, Actor: "shopify", Action: "request.created"}); err != nil {
					t.Fatal(err)
				}
				if _, err := s.CreateStep(ctx, &store.Step{ShopID: &sh.ID, RequestID: &r.ID, Kind: "request:discover"}); err != nil {
					t.Fatal(err)
				}
				h := &store.ArchiveEntry{ShopID: sh.ID, RequestID: &r.ID, System: "shopify", RecordType: "invoice",
					RecordID: fmt.Sprint(r.ID), LegalReference: "§147 AO", RetainUntil: store.DayOf(2034, 12, 31)}
				if err := s.CreateArchiveEntry(ctx, h, nil); err != nil {
					t.Fatal(err)
				}
				if err := s.RecordDelivery(ctx, &store.Delivery{Platform: "shopify", DeliveryID: fmt.Sprintf("d-%d", r.ID),
					ShopDomain: sh.Domain, Topic: "customers/redact", Status: store.DeliveryAccepted, RequestID: &r.ID}, nil); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := s.AddEvent(ctx, &store.Event{ShopID: a.ID, Actor: "merchant:1", Action: "archive.exported"}); err != nil {
			t.Fatal(err)
		}
		keep := &store.Step{ShopID: &a.ID, Kind: "shop:redact"}
		if _, err := s.CreateStep(ctx, keep); err != nil {
			t.Fatal(err)
		}
		count := func(q string, args ...any) int64 {
			var n int64
			if err := s.GormForTests().Raw(q, args...).Scan(&n).Error; err != nil {
				t.Fatal(err)
			}
			return n
		}

		d, err := s.DeleteShopData(ctx, a.ID, keep.ID, 3)
		if err != nil {
			t.Fatal(err)
		}
		want := store.ShopDeletion{Requests: 8, ArchiveEntries: 8, Steps: 0, Events: 1, Deliveries: 8, ShopRow: true}
		if d != want {
			t.Errorf("deleted %+v, want %+v", d, want)
		}
		for _, table := range []string{"requests", "request_events", "steps", "archive_entries"} {
			if n := count("SELECT COUNT(*) FROM "+table+" WHERE shop_id = ?", a.ID); n != 0 {
				t.Errorf("%s keeps %d rows of the deleted shop", table, n)
			}
			if n := count("SELECT COUNT(*) FROM "+table+" WHERE shop_id = ?", b.ID); n != 4 {
				t.Errorf("%s has %d rows of the other shop, want 4", table, n)
			}
		}
		if n := count("SELECT COUNT(*) FROM webhook_deliveries WHERE shop_domain = ?", b.Domain); n != 4 {
			t.Errorf("the other shop has %d deliveries", n)
		}
		if n := count("SELECT COUNT(*) FROM webhook_deliveries WHERE shop_domain = ?", a.Domain); n != 0 {
			t.Errorf("the deleted shop keeps %d deliveries", n)
		}
		if d, err := s.DeleteShopData(ctx, a.ID, keep.ID, 3); err != nil || d != (store.ShopDeletion{}) {
			t.Errorf("again: %+v %v", d, err)
		}
	})
}
