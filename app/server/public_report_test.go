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

	"github.com/lethe-gdpr/lethe/app/logging"
	"github.com/lethe-gdpr/lethe/app/report"
	"github.com/lethe-gdpr/lethe/app/report/reporttest"
	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/app/store"
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
	ts    *httptest.Server
	st    *store.Store
	shop  *store.Shop
	req   *store.Request
	link  report.Link
	token string
	clock *clock
	logs  *bytes.Buffer
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
	srv := server.New(server.Deps{Log: logging.New(e.logs, "json", "debug")})
	server.MountPublicReport(srv.Echo(), e.st, e.clock.now)
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
			e.clock.set(e.link.ExpiresAt.Add(-time.Second))
			if resp, _ := e.get(t, base+"/report.json", ""); resp.StatusCode != 200 {
				t.Fatalf("a second before expiry: %d", resp.StatusCode)
			}
			e.clock.set(e.link.ExpiresAt)
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
