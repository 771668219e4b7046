package store_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/pressly/goose/v3"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/migrations"
)

// TestMigrationRecordsShopifysFacts: migration 00009 records on the
// requests stored before it that Shopify initiated its own (source
// shopify), and that its erasures (customers/redact) run automatically.
func TestMigrationRecordsShopifysFacts(t *testing.T) {
	for _, d := range testenv.Dialects {
		t.Run(d, func(t *testing.T) {
			ctx := context.Background()
			s, err := store.Open(ctx, store.Options{
				DatabaseURL: testenv.DatabaseURL(t, d), SQLitePath: filepath.Join(t.TempDir(), "lethe.db"), Keys: testenv.Keys(t),
			})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			fsys, err := migrations.FS(d)
			if err != nil {
				t.Fatal(err)
			}
			gd := goose.DialectPostgres
			if d == store.SQLite {
				gd = goose.DialectSQLite3
			}
			p, err := goose.NewProvider(gd, s.SQL(), fsys)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := p.UpTo(ctx, 8); err != nil {
				t.Fatal(err)
			}
			now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
			if _, err := s.SQL().ExecContext(ctx, `INSERT INTO shops (id, platform, domain, created_at, updated_at) VALUES (1, 'shopify', 'm.myshopify.com', $1, $1)`, now); err != nil {
				t.Fatal(err)
			}
			for i, row := range [][2]string{{"shopify", "erasure"}, {"shopify", "access"}, {"manual", "erasure"}} {
				_, err := s.SQL().ExecContext(ctx, `INSERT INTO requests (id, shop_id, type, source, status, received_at, due_at, extended_due_at, created_at, updated_at)
					VALUES ($1, 1, $2, $3, 'received', $4, '2026-04-02', '2026-06-02', $4, $4)`, i+1, row[1], row[0], now)
				if err != nil {
					t.Fatal(err)
				}
			}
			if _, err := p.UpTo(ctx, 9); err != nil {
				t.Fatal(err)
			}
			want := map[int64]store.Request{
				1: {Initiator: "shopify", Automatic: true},
				2: {Initiator: "shopify"},
				3: {},
			}
			for id, w := range want {
				r, err := s.Request(ctx, 1, id)
				if err != nil {
					t.Fatal(err)
				}
				if r.Initiator != w.Initiator || r.Automatic != w.Automatic {
					t.Errorf("request %d: initiator %q automatic %t, want %q %t", id, r.Initiator, r.Automatic, w.Initiator, w.Automatic)
				}
			}
		})
	}
}
