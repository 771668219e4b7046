package server_test

import (
	"context"
	"fmt"
	"io"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/logging"
	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/app/step"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

// emailsSession authenticates as the shop named by the X-Test-Shop header
// (the Shopify session middleware does this in production).
func emailsSession(shops map[string]*store.Shop) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			sh := shops[c.Request().Header.Get("X-Test-Shop")]
			if sh == nil {
				return next(c)
			}
			ctx := tenant.With(c.Request().Context(), tenant.Session{Shop: sh, User: "u" + c.Request().Header.Get("X-Test-Shop")})
			c.SetRequest(c.Request().WithContext(ctx))
			return next(c)
		}
	}
}

type emailsRig struct {
	st       *store.Store
	ts       *httptest.Server
	mu       sync.Mutex
	enqueued []*store.Step
}

func (g *emailsRig) do(t *testing.T, method, shop, path string) (int, map[string]any) {
	t.Helper()
	return g.send(t, method, shop, path, nil)
}

func emailsShop(t *testing.T, st *store.Store, domain string) *store.Shop {
	t.Helper()
	sh := &store.Shop{Platform: "shopify", Domain: domain, Name: "Shop " + domain, Region: "BE", Email: "shop@" + domain}
	if err := st.UpsertShop(context.Background(), sh); err != nil {
		t.Fatal(err)
	}
	return sh
}

func emailsRequestWithDraft(t *testing.T, st *store.Store, sh *store.Shop) (*store.Request, *store.Email) {
	t.Helper()
	ctx := context.Background()
	var r *store.Request
	var e *store.Email
	err := st.Tx(ctx, func(tx *store.Store) error {
		var err error
		r, _, err = requests.Create(ctx, tx, sh, requests.New{
			Type: store.TypeAccess, Source: "manual", Subject: store.Subject{Email: "jane@kunde.example", Name: "Jane Doe"},
			ReceivedAt: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), Locale: "de",
		})
		if err != nil {
			return err
		}
		e, err = mail.DraftAnswer(ctx, tx, sh, r, mail.AnswerLink{URL: "https://lethe.example/r/t", Lifetime: 7 * 24 * time.Hour})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return r, e
}

func TestEmailsAPI(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			g := &emailsRig{st: testenv.Store(t, dialect)}
			a, b := emailsShop(t, g.st, "a.myshopify.com"), emailsShop(t, g.st, "b.myshopify.com")
			srv := server.New(server.Deps{Log: logging.New(io.Discard, "json", "info")})
			server.NewAPI(g.st,
				func(_ context.Context, s ...*store.Step) error {
					g.mu.Lock()
					defer g.mu.Unlock()
					g.enqueued = append(g.enqueued, s...)
					return nil
				}, nil, nil).Mount(srv.Echo().Group("/api", emailsSession(map[string]*store.Shop{"a": a, "b": b})))
			g.ts = httptest.NewServer(srv.Handler())
			defer g.ts.Close()

			r, e := emailsRequestWithDraft(t, g.st, a)
			rb, eb := emailsRequestWithDraft(t, g.st, b)
			list := fmt.Sprintf("/api/requests/%d/emails", r.ID)
			send := fmt.Sprintf("/api/requests/%d/emails/%d/send", r.ID, e.ID)

			code, m := g.do(t, "GET", "a", list)
			es, _ := m["emails"].([]any)
			if code != 200 || len(es) != 1 {
				t.Fatalf("list: %d %v", code, m)
			}
			got := es[0].(map[string]any)
			for _, k := range []string{"id", "kind", "locale", "to", "subject", "body_text", "body_html", "status", "sent_at", "error"} {
				if _, ok := got[k]; !ok {
					t.Errorf("e-mail JSON lacks %q", k)
				}
			}
			if got["kind"] != "access_answer" || got["to"] != "jane@kunde.example" || got["status"] != "draft" || got["sent_at"] != nil ||
				!strings.Contains(got["body_text"].(string), "https://lethe.example/r/t") || !strings.Contains(got["body_html"].(string), "<html") {
				t.Fatalf("e-mail: %v", got)
			}

			// Another shop's request, e-mail, or an e-mail under the wrong request: 404.
			for _, c := range []struct{ method, shop, path string }{
				{"GET", "b", list},
				{"POST", "b", send},
				{"POST", "a", fmt.Sprintf("/api/requests/%d/emails/%d/send", rb.ID, eb.ID)},
				{"POST", "a", fmt.Sprintf("/api/requests/%d/emails/%d/send", r.ID, eb.ID)},
				{"POST", "b", fmt.Sprintf("/api/requests/%d/emails/%d/send", rb.ID, e.ID)},
				{"POST", "a", fmt.Sprintf("/api/requests/%d/emails/999999/send", r.ID)},
			} {
				if code, m := g.do(t, c.method, c.shop, c.path); code != 404 {
					t.Errorf("%s %s as %s: %d %v", c.method, c.path, c.shop, code, m)
				}
			}
			if code, _ := g.do(t, "POST", "a", "/api/requests/x/emails/1/send"); code != 400 {
				t.Errorf("bad id: %d", code)
			}
			if code, _ := g.do(t, "GET", "", list); code != 401 {
				t.Errorf("no session: %d", code)
			}
			if st, _ := g.st.Email(ctx, a.ID, e.ID); st.Status != store.EmailDraft {
				t.Fatalf("a refused send changed the e-mail: %s", st.Status)
			}

			code, m = g.do(t, "POST", "a", send)
			if code != 202 || m["status"] != "queued" {
				t.Fatalf("send: %d %v", code, m)
			}
			if code, _ := g.do(t, "POST", "a", send); code != 202 {
				t.Fatalf("second click: %d", code)
			}
			g.mu.Lock()
			if len(g.enqueued) != 2 || g.enqueued[0].Kind != step.Send || g.enqueued[0].ID != g.enqueued[1].ID {
				t.Fatalf("enqueued %+v", g.enqueued)
			}
			step := g.enqueued[0]
			g.mu.Unlock()
			evs, _ := g.st.Events(ctx, a.ID, r.ID)
			var queued int
			for _, ev := range evs {
				if ev.Action == "email.queued" {
					queued++
					if ev.Actor != "merchant:ua" || strings.Contains(ev.Detail, "jane") {
						t.Fatalf("event %+v", ev)
					}
				}
			}
			if queued != 2 {
				t.Fatalf("%d email.queued events", queued)
			}
			if code, m := g.do(t, "GET", "a", list); code != 200 || m["emails"].([]any)[0].(map[string]any)["status"] != "queued" {
				t.Fatalf("after send: %v", m)
			}

			// Delivered: sending again is a conflict.
			if err := g.st.MarkEmailSent(ctx, a.ID, e.ID); err != nil {
				t.Fatal(err)
			}
			if code, m := g.do(t, "POST", "a", send); code != 409 || m["error"].(map[string]any)["code"] != "already_sent" {
				t.Fatalf("send a sent e-mail: %d %v", code, m)
			}
			if s, _ := g.st.GetStep(ctx, step.ID); s.Status != store.StepPending {
				t.Fatalf("step %s", s.Status)
			}
		})
	}
}
