package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

func (s *stack) sendDataRequest(c shopifytest.WebhookCustomer) apiRequest {
	s.t.Helper()
	before := len(s.requests())
	p := shopifytest.DataRequest(1, s.domain, c, nil, time.Now().UnixNano())
	resp, err := shopifytest.SendWebhook(context.Background(), s.base+"/webhooks/shopify", "customers/data_request", s.domain, p, s.app.ClientSecret)
	if err != nil || resp.StatusCode != 200 {
		s.t.Fatalf("webhook: %v %v", resp, err)
	}
	resp.Body.Close()
	rs := s.requests()
	if len(rs) != before+1 {
		s.t.Fatalf("no new request")
	}
	return rs[0]
}

// db reads the stack's database directly (audit trail, shop status).
func (s *stack) db() *sql.DB {
	if s.sqlDB == nil {
		db, err := sql.Open("pgx", os.Getenv("LETHE_DATABASE_URL"))
		if err != nil {
			s.t.Fatal(err)
		}
		db.SetMaxOpenConns(2)
		s.t.Cleanup(func() { db.Close() })
		s.sqlDB = db
	}
	return s.sqlDB
}

func (s *stack) count(q string, args ...any) int {
	s.t.Helper()
	var n int
	if err := s.db().QueryRow(q, args...).Scan(&n); err != nil {
		s.t.Fatal(err)
	}
	return n
}

// Negative answers, revoked tokens and an emulator failing in the middle
// of discovery each end in a state the merchant can act on (a revoked
// token: the request waits until the merchant opens the app).
func TestAccessRequestFailuresEndToEnd(t *testing.T) {
	s, _ := startStack(t, testenv.MemoryRedis, map[string]string{"LETHE_RETRY_DELAY": "200ms"})

	t.Run("unknown customer gets a negative answer", func(t *testing.T) {
		r := s.sendDataRequest(shopifytest.WebhookCustomer{ID: 4242424242, Email: "nobody@example.com"})
		s.waitStatus(r.ID, store.StatusReady)
		var rep map[string]any
		if code := s.api("GET", fmt.Sprintf("/api/requests/%d/report.json", r.ID), "", &rep); code != 200 || rep["processed"] != false {
			t.Fatalf("report: %d processed=%v", code, rep["processed"])
		}
		var es struct{ Emails []struct{ Kind string } }
		s.api("GET", fmt.Sprintf("/api/requests/%d/emails", r.ID), "", &es)
		kinds := []string{}
		for _, e := range es.Emails {
			kinds = append(kinds, e.Kind)
		}
		if !strings.Contains(strings.Join(kinds, ","), "negative_answer") || strings.Contains(strings.Join(kinds, ","), "access_answer") {
			t.Fatalf("drafts: %v", kinds)
		}
	})

	t.Run("errors mid-discovery are retried and shown meanwhile", func(t *testing.T) {
		id := s.emu.AddCustomer(s.domain, shopifytest.Customer{FirstName: "Viel", LastName: "Käufer", Email: "viel@example.com", Locale: "de"})
		for i := range 120 {
			s.emu.AddOrder(s.domain, shopifytest.Order{CustomerID: id, Email: "viel@example.com",
				CreatedAt: time.Date(2020+i%6, time.Month(1+i%12), 1+i%28, 10, 0, 0, 0, time.UTC),
				LineItems: []shopifytest.LineItem{{Title: "Schraube", Quantity: 1, UnitPrice: "1.00"}}})
		}
		base := s.emu.Stats().Requests
		for n := base + 3; n <= base+6; n++ { // the client's own retries run out
			s.emu.FailRequest(n, shopifytest.FaultServerError)
		}
		r := s.sendDataRequest(shopifytest.WebhookCustomer{ID: id, Email: "viel@example.com"})
		done := s.waitStatus(r.ID, store.StatusReady)
		if done.Failure != "" {
			t.Fatalf("failure not cleared after success: %q", done.Failure)
		}
		if n := s.count("SELECT count(*) FROM request_events WHERE request_id = $1 AND action = 'step.retrying' AND detail LIKE '%shopify%'", r.ID); n == 0 {
			t.Fatal("the failing system was not recorded while retrying")
		}
		if s.emu.Stats().Injected != 4 {
			t.Fatalf("injected %d faults", s.emu.Stats().Injected)
		}
	})

	t.Run("a revoked token makes the request wait until the merchant opens the app", func(t *testing.T) {
		id := s.emu.AddCustomer(s.domain, shopifytest.Customer{FirstName: "Rita", Email: "rita@example.com"})
		s.emu.RevokeTokens(s.domain)
		r := s.sendDataRequest(shopifytest.WebhookCustomer{ID: id, Email: "rita@example.com"})
		// Watched in the database: a session token on the app's API is the
		// merchant opening the app, which re-authenticates the shop.
		deadline := time.Now().Add(90 * time.Second) // a hang guard, not a performance limit
		for s.count("SELECT count(*) FROM steps WHERE request_id = $1 AND status = 'waiting' AND wait_reason = 'reconnect:shopify'", r.ID) != 1 {
			if time.Now().After(deadline) {
				t.Fatal("the discovery does not wait for the shop to re-authenticate")
			}
			time.Sleep(50 * time.Millisecond)
		}
		if n := s.count("SELECT count(*) FROM shops WHERE domain = $1 AND status = 'needs_reauth'", s.domain); n != 1 {
			t.Fatal("shop not marked for re-authentication")
		}
		if n := s.count("SELECT count(*) FROM requests WHERE id = $1 AND status = 'processing' AND wait_reason = 'reconnect:shopify'", r.ID); n != 1 {
			t.Fatal("the request does not wait, processing, for Shopify")
		}
		// The merchant opens the app (token exchange): the request continues
		// by itself, nothing to retry.
		s.waitStatus(r.ID, store.StatusReady)
		if n := s.count("SELECT count(*) FROM shops WHERE domain = $1 AND status = 'active'", s.domain); n != 1 {
			t.Fatal("shop not active again after token exchange")
		}
		if n := s.count("SELECT count(*) FROM request_events WHERE request_id = $1 AND action IN ('status.failed', 'step.failed')", r.ID); n != 0 {
			t.Fatalf("the request failed %d times on the way", n)
		}
	})
}
