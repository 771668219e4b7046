package server_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
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

// clock is a settable now for link expiry.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time)     { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }
func (c *clock) add(d time.Duration) { c.set(c.now().Add(d)) }

type publicEnv struct {
	ts      *httptest.Server
	st      *store.Store
	shop    *store.Shop
	req     *store.Request
	link    report.Link
	expires time.Time // the link works until then (activated at the clock's start)
	token   string
	clock   *clock
	logs    *bytes.Buffer
}

func newPublicEnv(t *testing.T, dialect string) *publicEnv {
	t.Helper()
	ctx := context.Background()
	e := &publicEnv{st: testenv.Store(t, dialect), clock: &clock{t: time.Date(2026, 2, 10, 9, 30, 0, 0, time.UTC)}, logs: &bytes.Buffer{}}
	e.shop = reporttest.Shop(t, e.st, "a.myshopify.com")
	e.req = reporttest.Request(t, e.st, e.shop, "de")
	reporttest.Saved(t, e.st, e.shop, e.req)
	var err error
	e.link, err = report.NewLink(ctx, e.st, e.shop.ID, e.req.ID, "https://lethe.example", report.DefaultLinkTTL, e.clock.now())
	if err != nil {
		t.Fatal(err)
	}
	_, e.token, _ = strings.Cut(e.link.URL, "/r/")
	// The answer carrying the link was sent now: it works from now on.
	if _, err := report.Activate(ctx, e.st, e.shop.ID, e.req.ID, e.clock.now()); err != nil {
		t.Fatal(err)
	}
	e.expires = e.clock.now().Add(report.DefaultLinkTTL)
	srv := server.New(server.Deps{Log: logging.New(e.logs, "json", "debug")})
	server.MountPublicReport(srv.Echo(), e.st, e.clock.now, server.DefaultLinkLimit)
	e.ts = httptest.NewServer(srv.Handler())
	t.Cleanup(e.ts.Close)
	return e
}

func (e *publicEnv) get(t *testing.T, path, acceptLanguage string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, e.ts.URL+path, nil)
	if acceptLanguage != "" {
		req.Header.Set("Accept-Language", acceptLanguage)
	}
	req.Header.Set("User-Agent", "TestBrowser/1.0 (secret-agent)")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func (e *publicEnv) downloads(t *testing.T) (int, []store.Event) {
	t.Helper()
	var n int
	if err := e.st.SQL().QueryRow("SELECT downloads FROM report_links WHERE id = $1", e.link.ID).Scan(&n); err != nil {
		t.Fatal(err)
	}
	events, err := e.st.Events(context.Background(), e.shop.ID, e.req.ID)
	if err != nil {
		t.Fatal(err)
	}
	return n, events
}

func checkPrivateHeaders(t *testing.T, what string, resp *http.Response) {
	t.Helper()
	for h, want := range map[string]string{
		"Cache-Control": "no-store", "X-Robots-Tag": "noindex, nofollow", "Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff",
	} {
		if got := resp.Header.Get(h); got != want {
			t.Errorf("%s: %s = %q, want %q", what, h, got, want)
		}
	}
}

func TestPublicReportLanding(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			e := newPublicEnv(t, dialect)
			for _, tc := range []struct{ accept, query, want string }{
				{"de-DE,de;q=0.9,en;q=0.8", "", "Ihre Datenauskunft"},
				{"en-US,en;q=0.9", "", "Your data access report"},
				{"fr-FR, en;q=0.5, de;q=0.7", "", "Ihre Datenauskunft"},
				{"en-US", "?lang=de", "Ihre Datenauskunft"},
				{"", "", "Ihre Datenauskunft"}, // the request's locale
			} {
				resp, body := e.get(t, "/r/"+e.token+tc.query, tc.accept)
				if resp.StatusCode != 200 || !strings.Contains(body, tc.want) {
					t.Errorf("landing (%q%s): %d, want %q", tc.accept, tc.query, resp.StatusCode, tc.want)
				}
				checkPrivateHeaders(t, "landing", resp)
				for _, f := range []string{"report.html", "report.zip", "report.json"} {
					if !strings.Contains(body, `href="`+e.token+`/`+f) {
						t.Errorf("landing lacks a link to %s", f)
					}
				}
				if !strings.Contains(body, "Kaffeerösterei Beispiel GmbH") {
					t.Error("landing does not name the shop")
				}
			}
			if n, events := e.downloads(t); n != 0 || len(events) != 0 {
				t.Errorf("the landing page counted as a download: %d, %d events", n, len(events))
			}
		})
	}
}

func TestPublicReportDownloadsAreLogged(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			e := newPublicEnv(t, dialect)
			base := "/r/" + e.token

			resp, body := e.get(t, base+"/report.html", "en")
			if resp.StatusCode != 200 || !strings.Contains(body, "Access to your personal data") || !strings.Contains(body, "R-2024-17") {
				t.Fatalf("html: %d", resp.StatusCode)
			}
			checkPrivateHeaders(t, "html", resp)
			if resp.Header.Get("Content-Disposition") != "" || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
				t.Errorf("html headers %v", resp.Header)
			}

			e.clock.add(time.Minute)
			resp, body = e.get(t, base+"/report.json", "")
			var doc map[string]any
			if resp.StatusCode != 200 || json.Unmarshal([]byte(body), &doc) != nil || doc["schema"] != report.Schema {
				t.Fatalf("json: %d", resp.StatusCode)
			}
			checkPrivateHeaders(t, "json", resp)
			if resp.Header.Get("Content-Disposition") != `attachment; filename="report.json"` || resp.Header.Get("Content-Type") != "application/json; charset=utf-8" {
				t.Errorf("json headers %v", resp.Header)
			}

			e.clock.add(time.Minute)
			resp, body = e.get(t, base+"/report.zip", "")
			if _, err := zip.NewReader(strings.NewReader(body), int64(len(body))); resp.StatusCode != 200 || err != nil {
				t.Fatalf("zip: %d %v", resp.StatusCode, err)
			}
			checkPrivateHeaders(t, "zip", resp)
			if resp.Header.Get("Content-Disposition") != `attachment; filename="report.zip"` || resp.Header.Get("Content-Type") != "application/zip" {
				t.Errorf("zip headers %v", resp.Header)
			}

			e.get(t, base+"/report.html", "de")
			n, events := e.downloads(t)
			if n != 4 || len(events) != 4 {
				t.Fatalf("%d downloads, %d events; want 4 each", n, len(events))
			}
			for i, f := range []string{"html", "json", "zip", "html"} {
				ev := events[i]
				if ev.Actor != "customer" || ev.Action != "report.downloaded" || ev.Detail != "format="+f+" link="+strconv.FormatInt(e.link.ID, 10) ||
					ev.SubjectHash != e.req.SubjectHash || ev.SubjectHash == "" || ev.RequestID == nil || *ev.RequestID != e.req.ID {
					t.Errorf("event %d: %+v", i, ev)
				}
				for _, leak := range []string{"127.0.0.1", "TestBrowser", "secret-agent", e.token} {
					if strings.Contains(ev.Detail, leak) {
						t.Errorf("event %d holds %q", i, leak)
					}
				}
			}
			var last time.Time
			e.st.GormForTests().Raw("SELECT last_download_at FROM report_links WHERE id = ?", e.link.ID).Scan(&last)
			if !last.Equal(e.clock.now()) {
				t.Errorf("last_download_at %v, want %v", last, e.clock.now())
			}
			if strings.Contains(e.logs.String(), e.token) {
				t.Error("the token is in the log")
			}
		})
	}
}

func TestPublicReportExpiresThenGone(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			e := newPublicEnv(t, dialect)
			base := "/r/" + e.token
			e.clock.set(e.expires.Add(-time.Second))
			if resp, _ := e.get(t, base+"/report.json", ""); resp.StatusCode != 200 {
				t.Fatalf("a second before expiry: %d", resp.StatusCode)
			}
			e.clock.set(e.expires)
			for _, p := range []string{"", "/report.html", "/report.json", "/report.zip"} {
				resp, body := e.get(t, base+p, "de")
				if resp.StatusCode != http.StatusGone || !strings.Contains(body, "Dieser Link ist abgelaufen") ||
					!strings.Contains(body, "Kaffeerösterei Beispiel GmbH") || !strings.Contains(body, "neuen Link") {
					t.Errorf("expired %q: %d %s", p, resp.StatusCode, body)
				}
				checkPrivateHeaders(t, "gone", resp)
				if strings.Contains(body, "Jane") || strings.Contains(body, "R-2024-17") {
					t.Errorf("expired %q serves report data", p)
				}
			}
			if _, body := e.get(t, base, "en"); !strings.Contains(body, "This link has expired") || !strings.Contains(body, "ask Kaffeerösterei Beispiel GmbH for a new link") {
				t.Errorf("English gone page: %s", body)
			}
			if n, events := e.downloads(t); n != 1 || len(events) != 1 {
				t.Errorf("after expiry: %d downloads, %d events; want 1", n, len(events))
			}
		})
	}
}

func TestPublicReportRevokedAndUnknown(t *testing.T) {
	e := newPublicEnv(t, store.SQLite)
	for _, p := range []string{"/r/" + strings.Repeat("A", 43), "/r/" + strings.Repeat("A", 43) + "/report.zip", "/r/short", "/r/short/report.json", "/r/" + e.token + "x"} {
		resp, body := e.get(t, p, "en")
		if resp.StatusCode != 404 || !strings.Contains(body, "Link not found") || strings.Contains(body, "Kaffee") {
			t.Errorf("%s: %d %s", p, resp.StatusCode, body)
		}
		checkPrivateHeaders(t, "not found", resp)
	}
	if _, err := report.RevokeLinks(context.Background(), e.st, e.shop.ID, e.req.ID, e.clock.now()); err != nil {
		t.Fatal(err)
	}
	if resp, _ := e.get(t, "/r/"+e.token+"/report.html", "de"); resp.StatusCode != http.StatusGone {
		t.Errorf("revoked: %d", resp.StatusCode)
	}
	if n, events := e.downloads(t); n != 0 || len(events) != 0 {
		t.Errorf("revoked link counted downloads: %d %d", n, len(events))
	}
}

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
	if _, err := report.Activate(context.Background(), st, sh.ID, ready.ID, now()); err != nil {
		t.Fatal(err)
	}

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
