package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/logging"
	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/app/step"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

// post sends a JSON body (nil for none) as shop and decodes the answer.
func (g *emailsRig) post(t *testing.T, shop, path string, body any) (int, map[string]any) {
	t.Helper()
	return g.send(t, "POST", shop, path, body)
}

// send sends method path as shop with a JSON body (nil for none) and
// decodes the answer.
func (g *emailsRig) send(t *testing.T, method, shop, path string, body any) (int, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, g.ts.URL+path, rd)
	req.Header.Set("X-Test-Shop", shop)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var m map[string]any
	json.Unmarshal(b, &m)
	return resp.StatusCode, m
}

func errCode(m map[string]any) string {
	e, _ := m["error"].(map[string]any)
	c, _ := e["code"].(string)
	msg, _ := e["message"].(string)
	return c + ": " + msg
}

func TestRequestActionsAPI(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			g := &emailsRig{st: testenv.Store(t, dialect)}
			a, b := emailsShop(t, g.st, "a.myshopify.com"), emailsShop(t, g.st, "b.myshopify.com")
			clock := time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC) // received 2 March: due 2 April
			srv := server.New(server.Deps{Log: logging.New(io.Discard, "json", "info")})
			server.NewAPI(g.st, func(_ context.Context, s ...*store.Step) error {
				g.mu.Lock()
				defer g.mu.Unlock()
				g.enqueued = append(g.enqueued, s...)
				return nil
			}, nil, func() time.Time { return clock }).Mount(srv.Echo().Group("/api", emailsSession(map[string]*store.Shop{"a": a, "b": b})))
			g.ts = httptest.NewServer(srv.Handler())
			defer g.ts.Close()
			newRequest := func(sh *store.Shop) *store.Request { r, _ := emailsRequestWithDraft(t, g.st, sh); return r }
			path := func(r *store.Request, verb string) string { return fmt.Sprintf("/api/requests/%d/%s", r.ID, verb) }

			r := newRequest(a)
			code, before := g.do(t, "GET", "a", fmt.Sprintf("/api/requests/%d", r.ID))
			if code != 200 || before["due_at"] != "2026-04-02" || before["extended_due_at"] != "2026-06-02" ||
				before["effective_due_at"] != "2026-04-02" || before["extended"] != false {
				t.Fatalf("before: %d %v", code, before)
			}

			// Another shop's request: 404 for every action, nothing changes.
			for _, verb := range []string{"extend", "refuse", "verify-identity", "withdraw", "close"} {
				if code, m := g.post(t, "b", path(r, verb), map[string]string{"reason": "r", "ground": "excessive"}); code != 404 {
					t.Errorf("%s by another shop: %d %v", verb, code, m)
				}
			}
			// A missing reason: 422 naming it.
			for _, verb := range []string{"extend", "refuse", "close"} {
				if code, m := g.post(t, "a", path(r, verb), map[string]string{"ground": "excessive"}); code != 422 || !strings.HasPrefix(errCode(m), "reason_required") {
					t.Errorf("%s without a reason: %d %v", verb, code, m)
				}
			}
			if code, m := g.post(t, "a", path(r, "refuse"), map[string]string{"reason": "r"}); code != 422 || !strings.HasPrefix(errCode(m), "invalid_ground") {
				t.Errorf("refuse without a ground: %d %v", code, m)
			}

			// Extend: the new due date in the answer, the notice queued in German.
			code, m := g.post(t, "a", path(r, "extend"), map[string]string{"reason": "Sieben Systeme", "ground": "complexity"})
			req, _ := m["request"].(map[string]any)
			email, _ := m["email"].(map[string]any)
			if code != 200 || req["effective_due_at"] != "2026-06-02" || req["extended"] != true || req["due_at"] != "2026-04-02" ||
				email["kind"] != "extension_notice" || email["locale"] != "de" || email["status"] != "queued" {
				t.Fatalf("extend: %d %v", code, m)
			}
			if g.enqueued[len(g.enqueued)-1].Kind != step.Send {
				t.Fatalf("enqueued %v", g.enqueued)
			}
			if _, after := g.do(t, "GET", "a", fmt.Sprintf("/api/requests/%d", r.ID)); after["effective_due_at"] != "2026-06-02" || after["extended_at"] == nil {
				t.Fatalf("after: %v", after)
			}
			if code, m := g.post(t, "a", path(r, "extend"), map[string]string{"reason": "again"}); code != 409 || !strings.HasPrefix(errCode(m), "already_extended") {
				t.Errorf("extended twice: %d %v", code, m)
			}

			// After the first deadline: refused with the date it passed.
			late := newRequest(a)
			clock = time.Date(2026, 4, 3, 8, 0, 0, 0, time.UTC)
			code, m = g.post(t, "a", path(late, "extend"), map[string]string{"reason": "zu spät"})
			if code != 409 || !strings.Contains(errCode(m), "deadline_passed: the first deadline passed on 2026-04-02") {
				t.Fatalf("late extension: %d %v", code, m)
			}
			if got, _ := g.st.Request(ctx, a.ID, late.ID); got.ExtendedAt != nil {
				t.Fatal("a late extension was recorded")
			}

			// Verify identity: once.
			if code, m := g.post(t, "a", path(late, "verify-identity"), nil); code != 200 || m["request"].(map[string]any)["identity_verified_at"] == nil {
				t.Fatalf("verify: %d %v", code, m)
			}
			if code, m := g.post(t, "a", path(late, "verify-identity"), nil); code != 409 || !strings.HasPrefix(errCode(m), "already_verified") {
				t.Errorf("verified twice: %d %v", code, m)
			}

			// Refuse: the refusal queued; then every other action is an illegal move.
			code, m = g.post(t, "a", path(late, "refuse"), map[string]string{"reason": "Zwölfte Anfrage", "ground": "excessive"})
			email, _ = m["email"].(map[string]any)
			if code != 200 || m["request"].(map[string]any)["status"] != "refused" || email["kind"] != "refusal" {
				t.Fatalf("refuse: %d %v", code, m)
			}
			for _, verb := range []string{"refuse", "withdraw", "close", "extend"} {
				body := map[string]string{"reason": "r"}
				if verb == "refuse" {
					body["ground"] = "excessive"
				}
				if code, m := g.post(t, "a", path(late, verb), body); code != 409 || !strings.HasPrefix(errCode(m), "illegal_move") {
					t.Errorf("%s after refusal: %d %v", verb, code, m)
				}
			}
			// Its answer draft cannot be sent any more.
			es, _ := g.st.EmailsOf(ctx, a.ID, late.ID)
			for _, e := range es {
				if e.Kind == "access_answer" {
					if code, m := g.post(t, "a", fmt.Sprintf("/api/requests/%d/emails/%d/send", late.ID, e.ID), nil); code != 409 {
						t.Errorf("answer of a refused request sent: %d %v", code, m)
					}
				}
			}

			// Withdraw (no reason needed) and close (with one).
			w := newRequest(a)
			if code, m := g.post(t, "a", path(w, "withdraw"), nil); code != 200 || m["request"].(map[string]any)["status"] != "withdrawn" || m["email"] != nil {
				t.Fatalf("withdraw: %d %v", code, m)
			}
			cl := newRequest(a)
			code, m = g.post(t, "a", path(cl, "close"), map[string]string{"reason": "per Brief beantwortet"})
			if code != 200 || m["request"].(map[string]any)["status"] != "closed" || m["request"].(map[string]any)["closing_reason"] != "per Brief beantwortet" {
				t.Fatalf("close: %d %v", code, m)
			}

			// The audit trail names the actor and never the reason's text.
			evs, _ := g.st.Events(ctx, a.ID, cl.ID)
			last := evs[len(evs)-1]
			if last.Action != "status.closed" || last.Actor != "merchant:ua" || last.Detail != "reason_len=21" {
				t.Errorf("audit: %+v", last)
			}
			for _, id := range []int64{r.ID, late.ID, w.ID, cl.ID} {
				evs, _ := g.st.Events(ctx, a.ID, id)
				for _, e := range evs {
					if strings.Contains(e.Detail, "Brief") || strings.Contains(e.Detail, "Systeme") || strings.Contains(e.Detail, "Zwölfte") {
						t.Errorf("reason in the audit trail: %+v", e)
					}
				}
			}
		})
	}
}
