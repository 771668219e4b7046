package store_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

// BenchmarkShopRedact measures Shopify's shop/redact for a shop with
// 100,000 requests (each with its audit event and pipeline step, a tenth
// with their webhook delivery) and 100,000 archived records, against a
// plain SQL delete of the same rows on an identical fresh seed, in the same
// run (issue 6: at most 3 × the plain delete); for comparison also against
// the plain delete in DeleteShopData's order (archive and deliveries
// before the requests). A second shop's rows must survive each. Postgres
// only:
//
//	go test -run '^$' -bench ShopRedact -benchtime 1x ./app/store/
//
// LETHE_BENCH_SHOP_REQUESTS changes the size (default 100000).
func BenchmarkShopRedact(b *testing.B) {
	n := 100_000
	if v := os.Getenv("LETHE_BENCH_SHOP_REQUESTS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			b.Fatalf("LETHE_BENCH_SHOP_REQUESTS=%q is not a positive number", v)
		}
	}
	ctx := context.Background()
	b.StopTimer()
	for range b.N {
		plainSt, archiveFirstSt, batchSt := testenv.Store(b, store.Postgres), testenv.Store(b, store.Postgres), testenv.Store(b, store.Postgres)
		seedStart := time.Now()
		plain := seedRedactBench(b, plainSt, n)
		archiveFirst := seedRedactBench(b, archiveFirstSt, n)
		batched := seedRedactBench(b, batchSt, n)
		seeded := time.Since(seedStart)

		// The baseline: one plain statement per table, the requests'
		// children going by their ON DELETE CASCADE.
		plainTime := plain.plainDelete(b, false)
		// For comparison, the same with the archive and the deliveries
		// first (the order DeleteShopData uses).
		archiveFirstTime := archiveFirst.plainDelete(b, true)

		// The shop/redact job's path: batches of 1,000 in short transactions.
		b.StartTimer()
		start := time.Now()
		d, err := batchSt.DeleteShopData(ctx, batched.shop.ID, batched.keepStep, 1000)
		batchTime := time.Since(start)
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		if d.Requests != int64(n) || d.ArchiveEntries != int64(n) || !d.ShopRow {
			b.Fatalf("DeleteShopData removed %+v, want %d requests and holds and the shop row", d, n)
		}
		batched.check(b)

		ratio := batchTime.Seconds() / plainTime.Seconds()
		b.ReportMetric(batchTime.Seconds(), "batched-s")
		b.ReportMetric(plainTime.Seconds(), "plain-s")
		b.ReportMetric(ratio, "ratio")
		verdict := "met"
		if ratio > 3 {
			verdict = "NOT met"
		}
		fmt.Printf("shop/redact, %d requests (+%d events, %d steps, %d deliveries) and %d archive rows (seeded three times in %s):\n"+
			"  plain SQL delete                    %8.3f s\n"+
			"  plain SQL delete, archive first     %8.3f s\n"+
			"  DeleteShopData (batches of 1000)    %8.3f s\n"+
			"  ratio to the plain delete %.2f (goal ≤ 3: %s); to the archive-first plain delete %.2f\n",
			n, n, n, plain.deliveries, n, seeded.Round(time.Millisecond),
			plainTime.Seconds(), archiveFirstTime.Seconds(), batchTime.Seconds(), ratio, verdict, batchTime.Seconds()/archiveFirstTime.Seconds())
	}
}

// plainDelete deletes the seeded shop with one statement per table, the
// requests first (their cascades also set the archive's and the
// deliveries' request_id to NULL) or after the archive and the deliveries,
// checks the result and returns the time it took.
func (s *redactSeed) plainDelete(b *testing.B, archiveFirst bool) time.Duration {
	b.Helper()
	type stmt struct {
		sql  string
		args []any
	}
	requests := stmt{"DELETE FROM requests WHERE shop_id = $1", []any{s.shop.ID}}
	holds := stmt{"DELETE FROM archive_entries WHERE shop_id = $1", []any{s.shop.ID}}
	deliveries := stmt{"DELETE FROM webhook_deliveries WHERE platform = $1 AND shop_domain = $2", []any{s.shop.Platform, s.shop.Domain}}
	shopRow := stmt{"DELETE FROM shops WHERE id = $1", []any{s.shop.ID}}
	order := []stmt{requests, holds, deliveries, shopRow}
	if archiveFirst {
		order = []stmt{holds, deliveries, requests, shopRow}
	}
	start := time.Now()
	for _, q := range order {
		if _, err := s.st.SQL().ExecContext(context.Background(), q.sql, q.args...); err != nil {
			b.Fatal(err)
		}
	}
	took := time.Since(start)
	s.check(b)
	return took
}

// redactSeed is one seeded database: the shop to delete, the step that
// deletes it, and the row counts of the shop that must survive.
type redactSeed struct {
	st         *store.Store
	shop       *store.Shop
	other      *store.Shop
	keepStep   int64
	deliveries int
	otherRows  map[string]int64
}

// redactTables are the tables holding a shop's rows, with the condition
// that selects them.
var redactTables = []struct{ table, where string }{
	{"requests", "shop_id = $1"},
	{"request_events", "shop_id = $1"},
	{"steps", "shop_id = $1"},
	{"archive_entries", "shop_id = $1"},
	{"data_items", "shop_id = $1"},
	{"shops", "id = $1"},
}

func (s *redactSeed) counts(b *testing.B, sh *store.Shop) map[string]int64 {
	b.Helper()
	out := map[string]int64{}
	for _, t := range redactTables {
		out[t.table] = benchCount(b, s.st.SQL(), "SELECT count(*) FROM "+t.table+" WHERE "+t.where, sh.ID)
	}
	out["webhook_deliveries"] = benchCount(b, s.st.SQL(), "SELECT count(*) FROM webhook_deliveries WHERE platform = $1 AND shop_domain = $2", sh.Platform, sh.Domain)
	return out
}

// check fails unless nothing of the shop is left and the other shop kept
// every row.
func (s *redactSeed) check(b *testing.B) {
	b.Helper()
	for table, n := range s.counts(b, s.shop) {
		if n != 0 {
			b.Fatalf("%s still holds %d rows of the deleted shop", table, n)
		}
	}
	for table, n := range s.counts(b, s.other) {
		if n != s.otherRows[table] {
			b.Fatalf("the other shop has %d rows in %s, had %d", n, table, s.otherRows[table])
		}
	}
}

func benchCount(b *testing.B, db *sql.DB, q string, args ...any) int64 {
	b.Helper()
	var n int64
	if err := db.QueryRowContext(context.Background(), q, args...).Scan(&n); err != nil {
		b.Fatal(err)
	}
	return n
}

// seedRedactBench seeds a shop with n requests and n archived records, and
// a second shop with 2,000 of each, then vacuums and analyses the tables.
func seedRedactBench(b *testing.B, st *store.Store, n int) *redactSeed {
	b.Helper()
	ctx := context.Background()
	s := &redactSeed{st: st}
	s.shop = &store.Shop{Platform: "shopify", Domain: "gone.myshopify.com", Name: "Gone GmbH", Email: "shop@gone.example"}
	s.other = &store.Shop{Platform: "shopify", Domain: "stays.myshopify.com", Name: "Stays GmbH", Email: "shop@stays.example"}
	for _, sh := range []*store.Shop{s.shop, s.other} {
		if err := st.UpsertShop(ctx, sh); err != nil {
			b.Fatal(err)
		}
	}
	// The shops' rows interleave, as they do when shops work side by side:
	// a chunk of the first shop, then a slice of the other's.
	const chunk, others = 10_000, 2_000
	chunks := (n + chunk - 1) / chunk
	for c := range chunks {
		m := min(chunk, n-c*chunk)
		s.deliveries += seedShopRows(b, st, s.shop, c*chunk, m)
		o := others / chunks
		if c == chunks-1 {
			o = others - o*(chunks-1)
		}
		seedShopRows(b, st, s.other, n+c*(others/chunks), o)
	}
	key := "shop:redact:" + strconv.FormatInt(s.shop.ID, 10)
	step := &store.Step{ShopID: &s.shop.ID, Kind: "shop:redact", Payload: fmt.Sprintf(`{"shop_id":%d}`, s.shop.ID), DedupeKey: &key}
	if _, err := st.CreateStep(ctx, step); err != nil {
		b.Fatal(err)
	}
	s.keepStep = step.ID
	for _, t := range []string{"shops", "requests", "request_events", "steps", "archive_entries", "webhook_deliveries", "data_items"} {
		if _, err := st.SQL().ExecContext(ctx, "VACUUM ANALYZE "+t); err != nil {
			b.Fatal(err)
		}
	}
	st.SQL().ExecContext(ctx, "CHECKPOINT") // flush the seed's dirty pages (needs superuser; best effort)
	s.otherRows = s.counts(b, s.other)
	return s
}

// seedShopRows inserts m requests of sh numbered from+1 … from+m (with
// sealed subjects), each with its "request.created" event, a finished
// discover step and an archived invoice (sealed §14(4) UStG fields); every
// tenth request came by webhook and has its delivery. One statement. It
// returns the number of deliveries.
func seedShopRows(b *testing.B, st *store.Store, sh *store.Shop, from, m int) int {
	b.Helper()
	ctx := context.Background()
	keys := st.Keys()
	deliveries := 0
	subjects, archived := make([][]byte, m), make([][]byte, m)
	for i := range m {
		k := from + i + 1
		sub, _ := json.Marshal(store.Subject{
			CustomerID: strconv.Itoa(7_000_000 + k), Email: fmt.Sprintf("kunde%d@beispiel.de", k),
			Name: fmt.Sprintf("Kundin Nummer %d", k), Phone: fmt.Sprintf("+49 30 %07d", k),
		})
		var err error
		if subjects[i], err = keys.Seal("request.subject", sub); err != nil {
			b.Fatal(err)
		}
		inv, _ := json.Marshal(map[string]any{
			"invoice_number": fmt.Sprintf("RE-2026-%07d", k), "invoice_date": "2026-03-15", "delivery_date": "2026-03-13",
			"seller": map[string]string{"name": sh.Name, "address": "Musterstraße 1, 10115 Berlin", "vat_id": "DE123456789"},
			"buyer":  map[string]string{"name": fmt.Sprintf("Kundin Nummer %d", k), "address": fmt.Sprintf("Beispielweg %d, 80331 München", k%300)},
			"items": []map[string]any{
				{"title": "Wollsocken, 3 Paar", "quantity": 2, "net": "25.13", "tax_rate": "19", "tax": "4.77"},
				{"title": "Versand DHL", "quantity": 1, "net": "4.16", "tax_rate": "19", "tax": "0.79"},
			},
			"net_total": "29.29", "tax_total": "5.56", "gross_total": "34.85", "currency": "EUR",
		})
		if archived[i], err = keys.Seal("retention_hold.data", inv); err != nil {
			b.Fatal(err)
		}
	}
	first := from // request k = first + ordinality
	_, err := st.SQL().ExecContext(ctx, `
WITH s AS (
    SELECT subject, data, i, $2::bigint + i AS k
    FROM unnest($3::bytea[], $4::bytea[]) WITH ORDINALITY AS s(subject, data, i)
), r AS (
    INSERT INTO requests (shop_id, type, source, channel, status, partial, subject, subject_hash, external_id, locale,
        received_at, due_at, extended_due_at, platform_due_at, answered_at, completed_at, created_at, updated_at)
    SELECT $1, CASE WHEN k % 3 = 0 THEN 'erasure' ELSE 'access' END,
        CASE WHEN k % 10 = 0 THEN 'shopify' ELSE 'manual' END, CASE WHEN k % 10 = 0 THEN '' ELSE 'e-mail' END,
        CASE WHEN k % 3 = 0 THEN 'completed' ELSE 'answered' END, k % 7 = 0, subject,
        encode(sha256(('subject.email:' || k)::bytea), 'hex'), 'ext-' || k, 'de',
        t, (t + interval '1 month')::date, (t + interval '3 months')::date,
        CASE WHEN k % 10 = 0 THEN (t + interval '30 days')::date END,
        t + interval '2 days', CASE WHEN k % 3 = 0 THEN t + interval '3 days' END, t, t + interval '3 days'
    FROM s, LATERAL (SELECT timestamptz '2022-01-01 08:00:00+00' + k * interval '13 minutes' AS t) tt
    RETURNING id, shop_id, subject_hash, external_id, received_at, source
), e AS (
    INSERT INTO request_events (shop_id, request_id, actor, action, detail, subject_hash, at)
    SELECT shop_id, id, CASE WHEN source = 'shopify' THEN 'shopify' ELSE 'merchant:1' END, 'request.created',
        'source=' || source, subject_hash, received_at
    FROM r
), st AS (
    INSERT INTO steps (shop_id, request_id, kind, payload, status, attempts, max_attempts, dedupe_key, run_after,
        created_at, updated_at, done_at)
    SELECT shop_id, id, 'request:discover', '{"request_id":' || id || ',"shop_id":' || shop_id || '}', 'done', 1, 10,
        'request:discover:' || id, received_at, received_at, received_at + interval '1 minute', received_at + interval '1 minute'
    FROM r
), d AS (
    INSERT INTO webhook_deliveries (platform, delivery_id, shop_domain, topic, status, request_id, received_at, processed_at)
    SELECT 'shopify', 'whd-' || external_id, $5, 'customers/data_request', 'accepted', id, received_at, received_at
    FROM r WHERE source = 'shopify'
)
INSERT INTO archive_entries (shop_id, request_id, system, record_type, record_id, legal_reference, keep_fields, data,
    retain_until, legal_hold, hold_reason, created_at, updated_at)
SELECT r.shop_id, r.id, 'shopify', 'invoice', 'gid://shopify/Order/' || (5000000000 + s.k),
    '§14b(1) UStG; §147(1) Nr. 4, (3) AO; §257(1) Nr. 4, (4) HGB',
    '["invoice_number","invoice_date","delivery_date","seller","buyer","items","net_total","tax_total","gross_total","currency"]',
    s.data, make_date(2030 + (s.k % 5)::int, 12, 31), s.k % 50 = 0,
    CASE WHEN s.k % 50 = 0 THEN 'Betriebsprüfung 2027 offen' ELSE '' END, r.received_at, r.received_at
FROM r JOIN s ON r.external_id = 'ext-' || s.k`,
		sh.ID, first, subjects, archived, sh.Domain)
	if err != nil {
		b.Fatal(err)
	}
	for i := range m {
		if (first+i+1)%10 == 0 {
			deliveries++
		}
	}
	return deliveries
}
