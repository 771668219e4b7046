package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/lethe-gdpr/lethe/app/store"
)

// Archiving a record that is archived already is ErrConflict and leaves the
// transaction usable: a second erasure of a person whose records are in the
// archive writes its audit entry and commits (issue 9, item 13: Postgres
// aborted the whole transaction on the duplicate key, SQLSTATE 25P02).
func TestArchiveTwiceInOneTransactionCommits(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sh := shop(t, s, "a.myshopify.com")
		entry := func() *store.ArchiveEntry {
			return &store.ArchiveEntry{ShopID: sh.ID, System: "shopify", RecordType: "invoice", RecordID: "1001",
				LegalReference: "§147 AO", RetainUntil: store.DayOf(2034, 12, 31), Fields: map[string]any{"invoice_number": "RE-1001"}}
		}
		err := s.Tx(ctx, func(tx *store.Store) error {
			if err := tx.CreateArchiveEntry(ctx, entry(), []string{"invoice_number"}); err != nil {
				return err
			}
			if err := tx.CreateArchiveEntry(ctx, entry(), []string{"invoice_number"}); !errors.Is(err, store.ErrConflict) {
				t.Errorf("second archive of the record: %v, want ErrConflict", err)
			}
			return tx.AddEvent(ctx, &store.Event{ShopID: sh.ID, Actor: "system", Action: "archive.created"})
		})
		if err != nil {
			t.Fatalf("transaction after the conflict: %v", err)
		}
		if hs, err := s.ArchiveEntries(ctx, sh.ID); err != nil || len(hs) != 1 {
			t.Errorf("archive: %d entries, %v; want 1", len(hs), err)
		}
		var n int
		if err := s.SQL().QueryRow("SELECT count(*) FROM request_events WHERE shop_id = $1", sh.ID).Scan(&n); err != nil || n != 1 {
			t.Errorf("%d events, %v; want the one written after the conflict", n, err)
		}
	})
}
