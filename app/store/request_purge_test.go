package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

// The record an erasure leaves of its request goes after the year of
// completion plus three years (what the confirmation promises); other
// requests, and newer ones, stay.
func TestPurgeRequestRecords(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			st := testenv.Store(t, dialect)
			sh := &store.Shop{Platform: "shopify", Domain: "p.myshopify.com", Name: "P"}
			if err := st.UpsertShop(ctx, sh); err != nil {
				t.Fatal(err)
			}
			at := func(y int, m time.Month, d int) *time.Time { t := time.Date(y, m, d, 12, 0, 0, 0, time.UTC); return &t }
			mk := func(typ, status string, completed *time.Time) *store.Request {
				r := &store.Request{ShopID: sh.ID, Type: typ, Source: "manual", Status: status, ReceivedAt: time.Date(2022, 1, 2, 0, 0, 0, 0, time.UTC),
					DueAt: store.DayOf(2022, 2, 2), ExtendedDueAt: store.DayOf(2022, 4, 2), CompletedAt: completed}
				if err := st.CreateRequest(ctx, r); err != nil {
					t.Fatal(err)
				}
				if err := st.AddEvent(ctx, &store.Event{ShopID: sh.ID, RequestID: &r.ID, Actor: "system", Action: "status." + status}); err != nil {
					t.Fatal(err)
				}
				return r
			}
			old := mk(store.TypeErasure, store.StatusCompleted, at(2022, 12, 31))
			kept := mk(store.TypeErasure, store.StatusCompleted, at(2023, 1, 1))
			access := mk(store.TypeAccess, store.StatusAnswered, at(2022, 6, 1))
			open := mk(store.TypeErasure, store.StatusErasing, nil)

			// On 1 January 2026 the records of erasures completed in 2022 go.
			n, err := st.PurgeRequestRecords(ctx, time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC), 10)
			if err != nil || n != 1 {
				t.Fatalf("purged %d, %v", n, err)
			}
			if _, err := st.Request(ctx, sh.ID, old.ID); !errors.Is(err, store.ErrNotFound) {
				t.Fatalf("the 2022 record is still there: %v", err)
			}
			if evs, _ := st.Events(ctx, sh.ID, old.ID); len(evs) != 0 {
				t.Fatalf("its audit trail stayed: %d", len(evs))
			}
			for _, r := range []*store.Request{kept, access, open} {
				if _, err := st.Request(ctx, sh.ID, r.ID); err != nil {
					t.Errorf("request %d (%s %s) went: %v", r.ID, r.Type, r.Status, err)
				}
			}
		})
	}
}
