package store_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

func each(t *testing.T, f func(t *testing.T, s *store.Store)) {
	for _, d := range testenv.Dialects {
		t.Run(d, func(t *testing.T) { f(t, testenv.Store(t, d)) })
	}
}

func shop(t *testing.T, s *store.Store, domain string) *store.Shop {
	t.Helper()
	sh := &store.Shop{Platform: "shopify", Domain: domain, Name: "Shop " + domain}
	if err := s.UpsertShop(context.Background(), sh); err != nil {
		t.Fatal(err)
	}
	return sh
}

func TestMigrationsUpToDate(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		st, err := s.MigrationStatus(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if st.Behind() || st.Current == 0 || st.Current != st.Target {
			t.Fatalf("state after migrate: %+v", st)
		}
		applied, err := s.Migrate(context.Background())
		if err != nil || len(applied) != 0 {
			t.Fatalf("second migrate applied %v, %v", applied, err)
		}
	})
}

func TestShopUpsertAndCredentialsSealed(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a := shop(t, s, "a.myshopify.com")
		again := &store.Shop{Platform: "shopify", Domain: "a.myshopify.com", Name: "Renamed"}
		if err := s.UpsertShop(ctx, again); err != nil {
			t.Fatal(err)
		}
		if again.ID != a.ID {
			t.Fatalf("upsert made a second shop: %d vs %d", again.ID, a.ID)
		}
		type creds struct{ AccessToken string }
		if err := s.SetCredentials(ctx, a.ID, creds{"shpat_topsecret"}); err != nil {
			t.Fatal(err)
		}
		var raw []byte
		s.SQL().QueryRow("SELECT credentials FROM shops WHERE id = $1", a.ID).Scan(&raw)
		if len(raw) == 0 || containsStr(raw, "shpat_topsecret") {
			t.Fatalf("credentials not sealed at rest: %q", raw)
		}
		got, _ := s.Shop(ctx, a.ID)
		var c creds
		if err := s.OpenCredentials(got, &c); err != nil || c.AccessToken != "shpat_topsecret" {
			t.Fatalf("OpenCredentials = %+v, %v", c, err)
		}
		if got.Name != "Renamed" {
			t.Fatalf("name = %q", got.Name)
		}
	})
}

func containsStr(b []byte, s string) bool { return bytes.Contains(b, []byte(s)) }

func TestRequestsAreScopedToTheirShop(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a, b := shop(t, s, "a.myshopify.com"), shop(t, s, "b.myshopify.com")
		r := &store.Request{
			ShopID: a.ID, Type: store.TypeAccess, Source: "shopify",
			Subject:    store.Subject{Email: "Jane@Example.com", Phone: "+49 170 1234567", OrderIDs: []string{"1"}},
			ReceivedAt: time.Date(2026, 1, 31, 23, 30, 0, 0, time.UTC),
			DueAt:      store.DayOf(2026, 3, 2), ExtendedDueAt: store.DayOf(2026, 4, 30),
		}
		if err := s.CreateRequest(ctx, r); err != nil {
			t.Fatal(err)
		}
		got, err := s.Request(ctx, a.ID, r.ID)
		if err != nil || got.Subject.Email != "Jane@Example.com" || got.DueAt.String() != "2026-03-02" {
			t.Fatalf("Request = %+v, %v", got, err)
		}
		if !got.ReceivedAt.Equal(r.ReceivedAt) {
			t.Fatalf("received_at %v != %v", got.ReceivedAt, r.ReceivedAt)
		}
		if _, err := s.Request(ctx, b.ID, r.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("other shop read request: %v", err)
		}
		if rs, _ := s.ListRequests(ctx, b.ID, store.RequestFilter{}); len(rs) != 0 {
			t.Fatalf("other shop lists %d requests", len(rs))
		}
		if err := s.MoveRequestStatus(ctx, b.ID, r.ID, store.StatusReceived, store.StatusProcessing, nil); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("other shop changed status: %v", err)
		}
		if err := s.MoveRequestStatus(ctx, a.ID, r.ID, store.StatusReceived, store.StatusProcessing, nil); err != nil {
			t.Fatal(err)
		}
		if err := s.MoveRequestStatus(ctx, a.ID, r.ID, store.StatusReceived, store.StatusProcessing, nil); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("stale transition: %v", err)
		}
		var raw []byte
		s.SQL().QueryRow("SELECT subject FROM requests WHERE id = $1", r.ID).Scan(&raw)
		if containsStr(raw, "Jane") || containsStr(raw, "1234567") {
			t.Fatal("subject stored in clear")
		}
		if got.SubjectHash != s.SubjectHash(store.Subject{Email: " jane@example.COM "}) {
			t.Fatal("subject hash not normalised")
		}
	})
}

func TestStepClaimIsExclusiveAndLeased(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		key := "k1"
		st := &store.Step{Kind: "test:effect", DedupeKey: &key}
		if created, err := s.CreateStep(ctx, st); err != nil || !created {
			t.Fatalf("create: %v %v", created, err)
		}
		dup := &store.Step{Kind: "test:effect", DedupeKey: &key}
		if created, err := s.CreateStep(ctx, dup); err != nil || created || dup.ID != st.ID {
			t.Fatalf("dedupe: created=%v id=%d want %d err=%v", created, dup.ID, st.ID, err)
		}
		first, ok, err := s.ClaimStep(ctx, st.ID, time.Minute)
		if !ok || err != nil {
			t.Fatalf("first claim: %v %v", ok, err)
		}
		if _, ok, _ := s.ClaimStep(ctx, st.ID, time.Minute); ok {
			t.Fatal("second claim succeeded while leased")
		}
		if open, _ := s.OpenSteps(ctx, 0, 10); len(open) != 0 {
			t.Fatalf("leased step listed as open: %d", len(open))
		}
		if err := s.ReleaseStep(ctx, first, time.Now(), "boom", false); err != nil {
			t.Fatal(err)
		}
		got, ok, _ := s.ClaimStep(ctx, st.ID, -time.Second) // already-expired lease
		if !ok || got.Attempts != 2 || got.LastError != "boom" {
			t.Fatalf("reclaim: ok=%v %+v", ok, got)
		}
		if open, _ := s.OpenSteps(ctx, 0, 10); len(open) != 1 {
			t.Fatalf("expired lease not listed open: %d", len(open))
		}
		if err := s.CompleteStep(ctx, got); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := s.ClaimStep(ctx, st.ID, time.Minute); ok {
			t.Fatal("claimed a done step")
		}
		counts, _ := s.StepCounts(ctx)
		if counts[store.StepDone] != 1 || counts[store.StepPending] != 0 {
			t.Fatalf("counts %v", counts)
		}
	})
}

func TestItemsRoundTripSealed(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sh := shop(t, s, "i.myshopify.com")
		r := &store.Request{ShopID: sh.ID, Type: store.TypeAccess, Source: "manual", ReceivedAt: time.Now(),
			DueAt: store.DayOf(2026, 1, 1), ExtendedDueAt: store.DayOf(2026, 3, 1)}
		if err := s.CreateRequest(ctx, r); err != nil {
			t.Fatal(err)
		}
		delivered := gdpr.MustDate(2025, 3, 20)
		items := []gdpr.Item{
			{System: "shopify", RecordType: "invoice", RecordID: "gid://shopify/Order/1", Date: gdpr.MustDate(2025, 3, 15),
				Delivered: &delivered, Fields: map[string]any{"buyer_name": "Jane Doe", "invoice_number": "#1001"}},
			{System: "shopify", RecordType: "customer_account", RecordID: "gid://shopify/Customer/7", Date: gdpr.MustDate(2020, 1, 2),
				Fields: map[string]any{"email": "jane@example.com"}},
		}
		if err := s.ReplaceItems(ctx, sh.ID, r.ID, items); err != nil {
			t.Fatal(err)
		}
		if err := s.ReplaceItems(ctx, sh.ID, r.ID, items); err != nil { // discovery ran again
			t.Fatal(err)
		}
		got, err := s.GdprItems(ctx, sh.ID, r.ID)
		if err != nil || len(got) != 2 {
			t.Fatalf("items: %d %v", len(got), err)
		}
		if got[1].Fields["buyer_name"] != "Jane Doe" || got[1].Delivered == nil || *got[1].Delivered != delivered {
			t.Fatalf("item lost data: %+v", got[1])
		}
		var raw []byte
		s.SQL().QueryRow("SELECT data FROM data_items WHERE record_type = 'customer_account'").Scan(&raw)
		if containsStr(raw, "jane") {
			t.Fatal("item stored in clear")
		}
		other := shop(t, s, "j.myshopify.com")
		if got, _ := s.GdprItems(ctx, other.ID, r.ID); len(got) != 0 {
			t.Fatal("another shop reads the items")
		}
	})
}

// Transactions that read and then write must queue, not fail with
// "database is locked", when they run at the same time (SQLite takes the
// write lock at BEGIN IMMEDIATE).
func TestConcurrentReadThenWriteTransactions(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sh := shop(t, s, "c.myshopify.com")
		errs := make(chan error, 40)
		for i := range 40 {
			go func() {
				errs <- s.Tx(ctx, func(tx *store.Store) error {
					if _, err := tx.Shop(ctx, sh.ID); err != nil {
						return err
					}
					time.Sleep(time.Millisecond)
					return tx.AddEvent(ctx, &store.Event{ShopID: sh.ID, Actor: "t", Action: fmt.Sprint("a", i)})
				})
			}()
		}
		for range 40 {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
	})
}
