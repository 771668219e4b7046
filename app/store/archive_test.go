package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/lethe-gdpr/lethe/app/store"
)

func archiveEntry(t *testing.T, s *store.Store, sh *store.Shop, recordID string) *store.ArchiveEntry {
	t.Helper()
	h := &store.ArchiveEntry{ShopID: sh.ID, System: "shopify", RecordType: "invoice", RecordID: recordID,
		LegalReference: "§147 AO", RetainUntil: store.DayOf(2034, 12, 31), Fields: map[string]any{"invoice_number": "RE-" + recordID}}
	if err := s.CreateArchiveEntry(context.Background(), h, []string{"invoice_number"}); err != nil {
		t.Fatal(err)
	}
	return h
}

func TestArchiveQueriesAreScopedToTheShop(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a, b := shop(t, s, "a.myshopify.com"), shop(t, s, "b.myshopify.com")
		a1, a2, b1 := archiveEntry(t, s, a, "1"), archiveEntry(t, s, a, "2"), archiveEntry(t, s, b, "1")

		hs, err := s.ListArchiveEntries(ctx, a.ID, store.ArchiveFilter{})
		if err != nil || len(hs) != 2 || hs[0].ID != a2.ID || hs[1].ID != a1.ID {
			t.Fatalf("ListArchiveEntries: %+v %v", hs, err)
		}
		for _, h := range hs {
			if h.Data != nil || h.KeepFields != `["invoice_number"]` || h.RetainUntil != store.DayOf(2034, 12, 31) {
				t.Errorf("listed entry: %+v", h)
			}
		}

		if _, err := s.ArchiveEntriesByID(ctx, a.ID, []int64{a1.ID, b1.ID}); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("ArchiveEntriesByID with another shop's id: %v", err)
		}
		got, err := s.ArchiveEntriesByID(ctx, a.ID, []int64{a2.ID, a1.ID, a2.ID})
		if err != nil || len(got) != 2 || got[0].ID != a1.ID {
			t.Fatalf("ArchiveEntriesByID: %+v %v", got, err)
		}
		if err := s.OpenArchiveEntry(&got[0]); err != nil || got[0].Fields["invoice_number"] != "RE-1" {
			t.Errorf("OpenArchiveEntry: %v %v", got[0].Fields, err)
		}

		n, maxID, err := s.ArchiveExtent(ctx, a.ID)
		if err != nil || n != 2 || maxID != a2.ID {
			t.Errorf("ArchiveExtent: %d %d %v", n, maxID, err)
		}
		if page, err := s.ArchiveEntriesAfter(ctx, a.ID, a1.ID, maxID, 10); err != nil || len(page) != 1 || page[0].ID != a2.ID || page[0].Data == nil {
			t.Errorf("ArchiveEntriesAfter: %+v %v", page, err)
		}
		if n, maxID, err := s.ArchiveExtent(ctx, 999); err != nil || n != 0 || maxID != 0 {
			t.Errorf("ArchiveExtent of an empty archive: %d %d %v", n, maxID, err)
		}

		if _, err := s.SetLegalHold(ctx, b.ID, a1.ID, true, "Betriebsprüfung"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("SetLegalHold on another shop's record: %v", err)
		}
		h, err := s.SetLegalHold(ctx, a.ID, a1.ID, true, "Betriebsprüfung")
		if err != nil || !h.LegalHold || h.HoldReason != "Betriebsprüfung" || h.Data != nil {
			t.Fatalf("SetLegalHold: %+v %v", h, err)
		}
		on := true
		if hs, _ := s.ListArchiveEntries(ctx, a.ID, store.ArchiveFilter{OnHold: &on}); len(hs) != 1 || hs[0].ID != a1.ID {
			t.Errorf("on hold: %+v", hs)
		}
		if h, err = s.SetLegalHold(ctx, a.ID, a1.ID, false, "ignored"); err != nil || h.LegalHold || h.HoldReason != "" {
			t.Errorf("lifted: %+v %v", h, err)
		}
		if hs, _ := s.ListArchiveEntries(ctx, b.ID, store.ArchiveFilter{}); len(hs) != 1 || hs[0].LegalHold {
			t.Errorf("shop b: %+v", hs)
		}
	})
}

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
