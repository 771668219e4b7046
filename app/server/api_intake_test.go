package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/logging"
	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

// asShop authenticates every request as the given shop (the Shopify
// session middleware does this in production).
func asShop(sh *store.Shop) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			ctx := tenant.With(c.Request().Context(), tenant.Session{Shop: sh, User: "42"})
			c.SetRequest(c.Request().WithContext(ctx))
			return next(c)
		}
	}
}

func TestManualIntake(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			st := testenv.Store(t, dialect)
			sh := &store.Shop{Platform: "shopify", Domain: "a.myshopify.com", Region: "BY", Timezone: "Europe/Berlin"}
			if err := st.UpsertShop(ctx, sh); err != nil {
				t.Fatal(err)
			}
			now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
			var enqueued []*store.Step
			logs := &bytes.Buffer{}
			srv := server.New(server.Deps{Log: logging.New(logs, "json", "debug")})
			server.NewAPI(st,
				func(_ context.Context, s ...*store.Step) error { enqueued = append(enqueued, s...); return nil },
				nil, func() time.Time { return now }).Mount(srv.Echo().Group("/api", asShop(sh)))
			ts := httptest.NewServer(srv.Handler())
			defer ts.Close()
			post := func(body string) (int, map[string]any) {
				resp, err := http.Post(ts.URL+"/api/requests", "application/json", strings.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				b, _ := io.ReadAll(resp.Body)
				var m map[string]any
				json.Unmarshal(b, &m)
				return resp.StatusCode, m
			}

			// A letter received on 31 Jan 2026 (BY): due Monday 2 Mar 2026.
			code, m := post(`{"type":"erasure","email":"jane.doe@example.com","name":"Jane Doe","channel":"letter","received_at":"2026-01-31"}`)
			if code != 201 || m["due_at"] != "2026-03-02" || m["extended_due_at"] != "2026-04-30" || m["source"] != "manual" || m["channel"] != "letter" {
				t.Fatalf("letter: %d %v", code, m)
			}
			// An e-mail at 23:30 UTC on 31 Jan is received on 1 Feb in Berlin.
			code, m = post(`{"type":"access","email":"x@example.org","received_at":"2026-01-31T23:30:00Z"}`)
			if code != 201 || m["due_at"] != "2026-03-02" || m["channel"] != "e-mail" {
				t.Fatalf("late e-mail: %d %v", code, m)
			}
			// "email" is stored as the channel it stands for.
			code, m = post(`{"type":"access","email":"z@example.org","channel":"email"}`)
			if code != 201 || m["channel"] != "e-mail" {
				t.Fatalf("channel email: %d %v", code, m)
			}
			if r, err := st.Request(ctx, sh.ID, int64(m["id"].(float64))); err != nil || r.Channel != "e-mail" {
				t.Fatalf("channel email stored: %+v %v", r, err)
			}
			// Without received_at: now.
			code, m = post(`{"type":"access","email":"y@example.org"}`)
			if code != 201 || m["due_at"] != "2026-12-28" {
				t.Fatalf("now: %d %v", code, m)
			}
			if len(enqueued) != 4 || enqueued[0].Kind != "request:discover" {
				t.Fatalf("enqueued %d steps", len(enqueued))
			}
			id := int64(m["id"].(float64))
			r, err := st.Request(ctx, sh.ID, id)
			if err != nil || r.Subject.Email != "y@example.org" || r.Source != "manual" {
				t.Fatalf("stored: %+v %v", r, err)
			}
			evs, _ := st.Events(ctx, sh.ID, id)
			if len(evs) != 2 || evs[1].Actor != "merchant:42" || evs[1].Action != "request.entered" {
				t.Fatalf("audit: %+v", evs)
			}

			for _, c := range []struct{ body, code string }{
				{`{"type":"delete","email":"a@b.de"}`, "invalid_type"},
				{`{"type":"access","email":"not-an-address"}`, "invalid_email"},
				{`{"type":"access","email":"Jane <a@b.de>"}`, "invalid_email"},
				{`{"type":"access","email":"a@b.de","channel":"pigeon"}`, "invalid_channel"},
				{`{"type":"access","email":"a@b.de","received_at":"2026-12-24"}`, "invalid_received_at"},
				{`{"type":"access","email":"a@b.de","received_at":"2020-01-01"}`, "invalid_received_at"},
				{`{"type":"access","email":"a@b.de","received_at":"31.01.2026"}`, "invalid_received_at"},
				{`{"type":"access",`, "bad_request"},
			} {
				code, m := post(c.body)
				e, _ := m["error"].(map[string]any)
				if code != 400 || e["code"] != c.code {
					t.Errorf("%s: %d %v, want 400 %s", c.body, code, m, c.code)
				}
			}
			if strings.Contains(logs.String(), "jane") || strings.Contains(logs.String(), "example.org") {
				t.Fatalf("log leaks personal data: %s", logs.String())
			}
		})
	}
}
