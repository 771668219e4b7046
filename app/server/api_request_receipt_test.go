package server_test

import (
	"context"
	"fmt"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr/deadline"
	"github.com/lethe-gdpr/lethe/app/logging"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

// redactRequest is an erasure as Shopify's customers/redact brings it: the
// webhook arrived now, the person asked earlier, on a day not known yet.
func redactRequest(t *testing.T, st *store.Store, sh *store.Shop) *store.Request {
	t.Helper()
	ctx := context.Background()
	var r *store.Request
	err := st.Tx(ctx, func(tx *store.Store) error {
		var err error
		r, _, err = requests.Create(ctx, tx, sh, requests.New{
			Type: store.TypeErasure, Source: "shopify", Channel: "shopify", Subject: store.Subject{Email: "jane@kunde.example"},
			ReceivedAt: time.Now(), PlatformLimit: 30 * 24 * time.Hour, Initiator: "shopify", Automatic: true, ReceiptUnknown: true,
		})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if r, err = st.Request(ctx, sh.ID, r.ID); err != nil {
		t.Fatal(err)
	}
	return r
}

// POST /api/requests/:id/receipt: the legal due date is unknown (null)
// until the merchant records the day the person asked; then it is counted
// from that day, and audited.
func TestRequestReceiptAPI(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			g := &emailsRig{st: testenv.Store(t, dialect)}
			a, b := emailsShop(t, g.st, "a.myshopify.com"), emailsShop(t, g.st, "b.myshopify.com")
			srv := server.New(server.Deps{Log: logging.New(io.Discard, "json", "info")})
			server.NewAPI(g.st, func(context.Context, ...*store.Step) error { return nil }, nil, time.Now).
				Mount(srv.Echo().Group("/api", emailsSession(map[string]*store.Shop{"a": a, "b": b})))
			g.ts = httptest.NewServer(srv.Handler())
			defer g.ts.Close()

			r := redactRequest(t, g.st, a)
			path := fmt.Sprintf("/api/requests/%d/receipt", r.ID)
			code, before := g.do(t, "GET", "a", fmt.Sprintf("/api/requests/%d", r.ID))
			if code != 200 || before["receipt"] != "unknown" || before["due_at"] != nil || before["extended_due_at"] != nil ||
				before["effective_due_at"] != nil || before["platform_due_at"] != r.PlatformDueAt.String() || before["days_left"] == nil {
				t.Fatalf("before: %d %v", code, before)
			}
			// No extension while the first deadline is unknown.
			if code, m := g.post(t, "a", fmt.Sprintf("/api/requests/%d/extend", r.ID), map[string]string{"reason": "r"}); code != 409 || !strings.HasPrefix(errCode(m), "receipt_unknown") {
				t.Errorf("extend with the receipt unknown: %d %v", code, m)
			}

			first, last := requests.ReceiptRange(a, r)
			for _, c := range []struct {
				shop, day string
				code      int
				err       string
			}{
				{"b", last.String(), 404, "not_found"},
				{"a", "", 422, "invalid_received_on"},
				{"a", "3.9.2026", 422, "invalid_received_on"},
				{"a", last.AddDays(1).String(), 422, "invalid_received_on"},
				{"a", first.AddDays(-1).String(), 422, "invalid_received_on"},
			} {
				if code, m := g.post(t, c.shop, path, map[string]string{"received_on": c.day}); code != c.code || !strings.HasPrefix(errCode(m), c.err) {
					t.Errorf("%s %q: %d %v, want %d %s", c.shop, c.day, code, m, c.code, c.err)
				}
			}

			day := last.AddDays(-12)
			loc := a.Location()
			due := deadline.Due(day.Time(loc), requests.Place(a), loc)
			code, m := g.post(t, "a", path, map[string]string{"received_on": day.String()})
			got, _ := m["request"].(map[string]any)
			if code != 200 || got["receipt"] != "recorded" || got["due_at"] != due.Due.String() || got["extended_due_at"] != due.ExtendedDue.String() ||
				got["received_at"] != day.Time(loc).UTC().Format(time.RFC3339) || got["platform_due_at"] != r.PlatformDueAt.String() {
				t.Fatalf("recorded: %d %v (want due %s)", code, m, due.Due)
			}
			evs, _ := g.st.Events(ctx, a.ID, r.ID)
			ev := evs[len(evs)-1]
			if ev.Action != "request.receipt_recorded" || !strings.Contains(ev.Detail, "received_on="+day.String()) || strings.Contains(ev.Detail, "jane") {
				t.Fatalf("audit %+v", ev)
			}
			// A correction is allowed; a request whose receipt was known is not changed.
			if code, m := g.post(t, "a", path, map[string]string{"received_on": last.String()}); code != 200 {
				t.Errorf("correction: %d %v", code, m)
			}
			known, _ := emailsRequestWithDraft(t, g.st, a)
			if code, m := g.post(t, "a", fmt.Sprintf("/api/requests/%d/receipt", known.ID), map[string]string{"received_on": "2026-03-01"}); code != 409 || !strings.HasPrefix(errCode(m), "receipt_known") {
				t.Errorf("known receipt: %d %v", code, m)
			}
		})
	}
}
