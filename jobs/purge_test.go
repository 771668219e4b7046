package jobs_test

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/jobs"
)

// The purge deletes what is past its date, keeps what is held or running,
// and runs once per day with two workers receiving the task.
func TestPurgeOncePerDayWithTwoWorkers(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			g := newRig(t, dialect, testenv.RealRedis)
			sh := &store.Shop{Platform: "shopify", Domain: "p.myshopify.com"}
			if err := g.st.UpsertShop(ctx, sh); err != nil {
				t.Fatal(err)
			}
			hold := func(id string, until store.Day, legal bool) {
				h := &store.ArchiveEntry{ShopID: sh.ID, System: "shopify", RecordType: "invoice", RecordID: id, LegalReference: "§147 AO",
					RetainUntil: until, LegalHold: legal, Fields: map[string]any{"invoice_number": id}}
				if err := g.st.CreateArchiveEntry(ctx, h, []string{"invoice_number"}); err != nil {
					t.Fatal(err)
				}
			}
			for _, id := range []string{"a", "b", "c", "d"} {
				hold(id, store.DayOf(2025, 12, 31), false) // ends with 2025
			}
			hold("audit", store.DayOf(2025, 12, 31), true) // open tax audit
			hold("last-day", store.DayOf(2026, 1, 1), false)
			for _, id := range []string{"e", "f", "g", "h", "i"} {
				hold(id, store.DayOf(2032, 12, 31), false)
			}

			var mu sync.Mutex
			clock := time.Date(2026, 1, 1, 2, 15, 0, 0, time.UTC) // 03:15 on 1 Jan in Berlin
			now := func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }
			fire := g.taskWorkers(t, 2, jobs.TypePurgeArchive, jobs.HandlePurge(g.st, now, slog.New(slog.NewTextHandler(io.Discard, nil)), 2))
			left := func() map[string]bool {
				hs, _ := g.st.ArchiveEntries(ctx, sh.ID)
				m := map[string]bool{}
				for _, h := range hs {
					m[h.RecordID] = true
				}
				return m
			}

			fire(4)
			got := left()
			for _, gone := range []string{"a", "b", "c", "d"} {
				if got[gone] {
					t.Errorf("%s (retain_until 2025-12-31) not purged on 2026-01-01", gone)
				}
			}
			for _, kept := range []string{"audit", "last-day", "e", "i"} {
				if !got[kept] {
					t.Errorf("%s purged", kept)
				}
			}
			rs, _ := g.st.PurgeRuns(ctx, 10)
			if len(rs) != 1 || rs[0].Purged != 4 || rs[0].Held != 1 || rs[0].FinishedAt == nil || rs[0].Day.String() != "2026-01-01" {
				t.Fatalf("runs after day 1: %+v", rs)
			}

			// The same day again: nothing runs twice.
			fire(2)
			if rs, _ := g.st.PurgeRuns(ctx, 10); len(rs) != 1 {
				t.Fatalf("second purge on one day: %d runs", len(rs))
			}

			// 2033: the 2032 invoices go, the legal hold stays whatever the date.
			mu.Lock()
			clock = time.Date(2033, 1, 1, 2, 15, 0, 0, time.UTC)
			mu.Unlock()
			fire(2)
			got = left()
			if len(got) != 1 || !got["audit"] {
				t.Fatalf("left after 2033-01-01: %v", got)
			}
			rs, _ = g.st.PurgeRuns(ctx, 10)
			if len(rs) != 2 || rs[0].Purged != 6 || rs[0].Held != 1 {
				t.Fatalf("runs after 2033: %+v", rs)
			}
		})
	}
}
