package server_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/logging"
	"github.com/lethe-gdpr/lethe/app/report"
	"github.com/lethe-gdpr/lethe/app/report/reporttest"
	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

// answerHeaderSet is what every answer page and file must carry.
var answerHeaderSet = map[string]string{
	"Cache-Control":           "no-store",
	"X-Robots-Tag":            "noindex, nofollow",
	"Referrer-Policy":         "no-referrer",
	"X-Content-Type-Options":  "nosniff",
	"X-Frame-Options":         "DENY",
	"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
}

func isAnswerRoute(path string) bool {
	return strings.HasPrefix(path, "/r/") || strings.Contains(path, "/report.")
}

// TestEveryAnswerRouteCarriesTheHeaderSet walks the router: every answer
// route, the customer's and the merchant's, carries the one header set,
// on success and on error answers alike.
func TestEveryAnswerRouteCarriesTheHeaderSet(t *testing.T) {
	st := testenv.Store(t, store.SQLite)
	sh := reporttest.Shop(t, st, "a.myshopify.com")
	ready := reporttest.Request(t, st, sh, "de")
	reporttest.Saved(t, st, sh, ready)
	pending := reporttest.Request(t, st, sh, "de")
	now := func() time.Time { return time.Date(2026, 2, 10, 9, 30, 0, 0, time.UTC) }
	link, err := report.NewLink(context.Background(), st, sh.ID, ready.ID, "https://lethe.example", report.DefaultLinkTTL, now())
	if err != nil {
		t.Fatal(err)
	}
	_, token, _ := strings.Cut(link.URL, "/r/")

	srv := server.New(server.Deps{Log: logging.New(io.Discard, "json", "error")})
	server.MountPublicReport(srv.Echo(), st, now, server.DefaultLinkLimit)
	asShop := func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			c.SetRequest(c.Request().WithContext(tenant.With(c.Request().Context(), tenant.Session{Shop: sh})))
			return next(c)
		}
	}
	server.NewAPI(st, nil, nil, now).Mount(srv.Echo().Group("/api", asShop))

	var routes int
	for _, rt := range srv.Echo().Routes() {
		if rt.Method != http.MethodGet || !isAnswerRoute(rt.Path) {
			continue
		}
		routes++
		for _, tc := range []struct {
			name, token string
			id          int64
			status      int
		}{
			{"ok", token, ready.ID, http.StatusOK},
			{"unknown or not ready", "unknown-token", pending.ID, 0},
		} {
			path := strings.NewReplacer(":token", tc.token, ":id", strconv.FormatInt(tc.id, 10)).Replace(rt.Path)
			rec := httptest.NewRecorder()
			srv.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
			if tc.status != 0 && rec.Code != tc.status {
				t.Errorf("%s %s: status %d, want %d", tc.name, path, rec.Code, tc.status)
			}
			if tc.status == 0 && rec.Code < 400 {
				t.Errorf("%s %s: status %d, want an error", tc.name, path, rec.Code)
			}
			for h, want := range answerHeaderSet {
				if got := rec.Header().Get(h); got != want {
					t.Errorf("%s %s (%d): %s = %q, want %q", tc.name, path, rec.Code, h, got, want)
				}
			}
		}
	}
	if routes != 7 { // /r/:token, /r/:token/report.{html,json,zip}, /api/requests/:id/report.{json,html,zip}
		t.Errorf("%d answer routes, want 7", routes)
	}
}

// TestAnswerLinksRateLimitedPerAddress: beyond the limit a client address
// gets 429 with Retry-After in the JSON error shape; X-Forwarded-For does
// not make it another client, another address is unaffected, and an IPv6
// client counts by its /64.
func TestAnswerLinksRateLimitedPerAddress(t *testing.T) {
	st := testenv.Store(t, store.SQLite)
	srv := server.New(server.Deps{Log: logging.New(io.Discard, "json", "error")})
	server.MountPublicReport(srv.Echo(), st, time.Now, server.RateLimit{PerMinute: 1, Burst: 3})
	get := func(remote, forwarded string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, "/r/unknown-token", nil)
		req.RemoteAddr = remote
		if forwarded != "" {
			req.Header.Set(echo.HeaderXForwardedFor, forwarded)
		}
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, req)
		return rec
	}
	for i := range 3 {
		if rec := get("192.0.2.1:4000", ""); rec.Code != http.StatusNotFound {
			t.Fatalf("request %d: %d, want 404 within the limit", i+1, rec.Code)
		}
	}
	rec := get("192.0.2.1:4001", "")
	if rec.Code != http.StatusTooManyRequests {
		t.Fatalf("beyond the limit: %d, want 429", rec.Code)
	}
	if got := rec.Header().Get("Retry-After"); got != "60" {
		t.Errorf("Retry-After = %q, want 60", got)
	}
	var body struct {
		Error struct{ Code, Message string }
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.Error.Code != "rate_limited" {
		t.Errorf("429 body %s, want the JSON error with code rate_limited", rec.Body)
	}
	if got := rec.Header().Get("Referrer-Policy"); got != "no-referrer" {
		t.Errorf("429 lacks the answer headers: Referrer-Policy = %q", got)
	}
	if rec := get("192.0.2.1:4002", "198.51.100.7"); rec.Code != http.StatusTooManyRequests {
		t.Errorf("X-Forwarded-For was trusted: %d, want 429", rec.Code)
	}
	if rec := get("192.0.2.2:4000", ""); rec.Code != http.StatusNotFound {
		t.Errorf("another address: %d, want 404", rec.Code)
	}

	for range 3 {
		get("[2001:db8:1:1::1]:4000", "")
	}
	if rec := get("[2001:db8:1:1::2]:4000", ""); rec.Code != http.StatusTooManyRequests {
		t.Errorf("same IPv6 /64: %d, want 429", rec.Code)
	}
	if rec := get("[2001:db8:1:2::1]:4000", ""); rec.Code != http.StatusNotFound {
		t.Errorf("another IPv6 /64: %d, want 404", rec.Code)
	}
}
