package server_test

import (
	"context"
	"fmt"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/logging"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/app/step"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

// heldRequest is a manual access request held in identity_unverified with
// the fields named.
func heldRequest(t *testing.T, st *store.Store, sh *store.Shop, mismatch ...string) *store.Request {
	t.Helper()
	ctx := context.Background()
	var r *store.Request
	err := st.Tx(ctx, func(tx *store.Store) error {
		var err error
		r, _, err = requests.Create(ctx, tx, sh, requests.New{
			Type: store.TypeAccess, Source: "manual", Channel: "e-mail", Locale: "de",
			Subject:    store.Subject{Email: "attacker@evil.example", CustomerID: "777", OrderIDs: []string{"1001"}},
			ReceivedAt: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC),
		})
		if err != nil {
			return err
		}
		if err := requests.Transition(ctx, tx, r, "system", store.StatusProcessing, ""); err != nil {
			return err
		}
		return requests.HoldIdentity(ctx, tx, r, mismatch)
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// The API names a held request's mismatch and offers no extension for an
// overdue one; verify-identity lets it go on with a new discovery.
func TestIdentityHeldAPI(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			g := &emailsRig{st: testenv.Store(t, dialect)}
			a := emailsShop(t, g.st, "a.myshopify.com")
			clock := time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC) // received 2 March: due 2 April
			srv := server.New(server.Deps{Log: logging.New(io.Discard, "json", "info")})
			server.NewAPI(g.st, func(_ context.Context, s ...*store.Step) error {
				g.mu.Lock()
				defer g.mu.Unlock()
				for _, st := range s {
					if st != nil {
						g.enqueued = append(g.enqueued, st)
					}
				}
				return nil
			}, nil, func() time.Time { return clock }).Mount(srv.Echo().Group("/api", emailsSession(map[string]*store.Shop{"a": a})))
			g.ts = httptest.NewServer(srv.Handler())
			defer g.ts.Close()

			r := heldRequest(t, g.st, a, requests.MismatchCustomerID, requests.MismatchOrderIDs)
			code, got := g.do(t, "GET", "a", fmt.Sprintf("/api/requests/%d", r.ID))
			mm, _ := got["identity_mismatch"].([]any)
			if code != 200 || got["status"] != "identity_unverified" || len(mm) != 2 || mm[0] != "customer_id" || mm[1] != "order_ids" || got["extendable"] != true {
				t.Fatalf("held request: %d %v", code, got)
			}
			code, got = g.do(t, "GET", "a", "/api/requests?status=identity_unverified")
			if list, _ := got["requests"].([]any); code != 200 || len(list) != 1 {
				t.Fatalf("filter by identity_unverified: %d %v", code, got)
			}

			code, got = g.post(t, "a", fmt.Sprintf("/api/requests/%d/verify-identity", r.ID), map[string]any{})
			if code != 200 {
				t.Fatalf("verify-identity: %d %s", code, errCode(got))
			}
			req, _ := got["request"].(map[string]any)
			if req["status"] != "processing" || len(req["identity_mismatch"].([]any)) != 0 || req["identity_verified_at"] == nil {
				t.Fatalf("after verifying: %v", req)
			}
			g.mu.Lock()
			defer g.mu.Unlock()
			if len(g.enqueued) != 1 || g.enqueued[0].Kind != step.Discover || g.enqueued[0].ID == 0 {
				t.Fatalf("enqueued %+v, want one new discovery", g.enqueued)
			}
		})
	}
}

// An extension notice is never sent once the first deadline has passed
// (Art. 12(3) GDPR: the person must be told within the first month).
func TestExtensionNoticeNotSentAfterTheDeadline(t *testing.T) {
	g := &emailsRig{st: testenv.Store(t, store.SQLite)}
	a := emailsShop(t, g.st, "a.myshopify.com")
	clock := time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC) // received 2 March: due 2 April
	srv := server.New(server.Deps{Log: logging.New(io.Discard, "json", "info")})
	server.NewAPI(g.st, func(context.Context, ...*store.Step) error { return nil }, nil, func() time.Time { return clock }).
		Mount(srv.Echo().Group("/api", emailsSession(map[string]*store.Shop{"a": a})))
	g.ts = httptest.NewServer(srv.Handler())
	defer g.ts.Close()
	r, _ := emailsRequestWithDraft(t, g.st, a)
	code, got := g.post(t, "a", fmt.Sprintf("/api/requests/%d/extend", r.ID), map[string]any{"reason": "Viele Systeme", "ground": "complexity"})
	if code != 200 {
		t.Fatalf("extend: %d %s", code, errCode(got))
	}
	e, _ := got["email"].(map[string]any)
	id := int64(e["id"].(float64))
	clock = time.Date(2026, 4, 3, 12, 0, 0, 0, time.UTC)
	code, got = g.post(t, "a", fmt.Sprintf("/api/requests/%d/emails/%d/send", r.ID, id), nil)
	if code != 409 || !strings.HasPrefix(errCode(got), "deadline_passed: the first deadline passed on 2026-04-02") {
		t.Fatalf("extension notice after the deadline: %d %s", code, errCode(got))
	}
	// The request itself says it can no longer be extended.
	_, req := g.do(t, "GET", "a", fmt.Sprintf("/api/requests/%d", r.ID))
	if req["extendable"] != false || req["overdue"] != false {
		t.Errorf("extended request after the first deadline: extendable %v overdue %v", req["extendable"], req["overdue"])
	}
}
