package jobs_test

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hibiken/asynq"

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
			var runs atomic.Int64
			discard := slog.New(slog.NewTextHandler(io.Discard, nil))
			for range 2 {
				w := jobs.NewWorker(g.redis, g.st, g.queue, g.kinds, nil, discard, jobs.WorkerOptions{Concurrency: 2})
				purge := jobs.HandlePurge(g.st, now, discard, 2)
				w.Handle(jobs.TypePurgeArchive, func(ctx context.Context, task *asynq.Task) error {
					defer runs.Add(1)
					return purge(ctx, task)
				})
				if err := w.Start(ctx); err != nil {
					t.Fatal(err)
				}
				defer w.Shutdown()
			}
			client := asynq.NewClient(g.redis.Opt)
			defer client.Close()
			fire := func(n int) {
				start := runs.Load()
				for range n { // several schedulers firing
					if _, err := client.Enqueue(asynq.NewTask(jobs.TypePurgeArchive, nil), asynq.Queue(jobs.QueueMaintenance)); err != nil {
						t.Fatal(err)
					}
				}
				waitFor(t, "purge tasks", func() bool { return runs.Load() == start+int64(n) })
			}
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
