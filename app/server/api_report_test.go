package server_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/logging"
	"github.com/lethe-gdpr/lethe/app/report"
	"github.com/lethe-gdpr/lethe/app/report/reporttest"
	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

// reportAPIEnv is the merchant report API over a real database, with two
// shops; X-Test-Shop names the shop a request is authenticated as.
type reportAPIEnv struct {
	ts   *httptest.Server
	st   *store.Store
	a, b *store.Shop
}

func newReportAPIEnv(t *testing.T, dialect string) *reportAPIEnv {
	t.Helper()
	st := testenv.Store(t, dialect)
	e := &reportAPIEnv{st: st, a: reporttest.Shop(t, st, "a.myshopify.com"), b: reporttest.Shop(t, st, "b.myshopify.com")}
	shops := map[string]*store.Shop{"a": e.a, "b": e.b}
	auth := func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if sh := shops[c.Request().Header.Get("X-Test-Shop")]; sh != nil {
				c.SetRequest(c.Request().WithContext(tenant.With(c.Request().Context(), tenant.Session{Shop: sh})))
			}
			return next(c)
		}
	}
	srv := server.New(server.Deps{Log: logging.New(io.Discard, "json", "error")})
	server.NewAPI(st, nil, nil, nil).Mount(srv.Echo().Group("/api", auth))
	e.ts = httptest.NewServer(srv.Handler())
	t.Cleanup(e.ts.Close)
	return e
}

func (e *reportAPIEnv) get(t *testing.T, shop, path string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, e.ts.URL+path, nil)
	if shop != "" {
		req.Header.Set("X-Test-Shop", shop)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

func reportPath(id int64, file string) string {
	return "/api/requests/" + strconv.FormatInt(id, 10) + "/" + file
}

func TestReportAPIServesTheThreeFormats(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			e := newReportAPIEnv(t, dialect)
			rq := reporttest.Request(t, e.st, e.a, "de")
			reporttest.Saved(t, e.st, e.a, rq)

			resp, body := e.get(t, "a", reportPath(rq.ID, "report.json"))
			var doc struct {
				Schema  string `json:"schema"`
				Request struct {
					ID int64 `json:"id"`
				} `json:"request"`
				Copy struct {
					Items []json.RawMessage `json:"items"`
				} `json:"copy"`
			}
			if resp.StatusCode != 200 || json.Unmarshal(body, &doc) != nil || doc.Schema != report.Schema || doc.Request.ID != rq.ID || len(doc.Copy.Items) != 5 {
				t.Fatalf("json: %d %s", resp.StatusCode, body)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("json content type %q", ct)
			}
			if cd := resp.Header.Get("Content-Disposition"); cd != `attachment; filename="report-`+strconv.FormatInt(rq.ID, 10)+`.json"` {
				t.Errorf("json disposition %q", cd)
			}
			if resp.Header.Get("Cache-Control") != "no-store" || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("json headers %v", resp.Header)
			}

			for _, tc := range []struct{ query, want, lang string }{
				{"", "Auskunft über Ihre personenbezogenen Daten", "de"}, // the request's locale
				{"?lang=en", "Access to your personal data", "en"},
				{"?lang=de", "Auskunft über Ihre personenbezogenen Daten", "de"},
			} {
				resp, body := e.get(t, "a", reportPath(rq.ID, "report.html")+tc.query)
				if resp.StatusCode != 200 || !strings.Contains(string(body), tc.want) || !strings.Contains(string(body), `<html lang="`+tc.lang+`">`) {
					t.Errorf("html%s: %d", tc.query, resp.StatusCode)
				}
				if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "default-src 'none'") {
					t.Errorf("html headers %v", resp.Header)
				}
			}

			resp, body = e.get(t, "a", reportPath(rq.ID, "report.zip"))
			zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
			if resp.StatusCode != 200 || err != nil || len(zr.File) != 6 || resp.Header.Get("Content-Type") != "application/zip" ||
				!strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment;") {
				t.Fatalf("zip: %d %v %v", resp.StatusCode, err, resp.Header)
			}
		})
	}
}

// The HTML's default language is the request's locale, else the shop's.
func TestReportAPIDefaultLanguage(t *testing.T) {
	e := newReportAPIEnv(t, store.SQLite)
	for _, tc := range []struct{ locale, want string }{
		{"en-GB", "Access to your personal data"},
		{"de-AT", "Auskunft über Ihre personenbezogenen Daten"},
		{"", "Auskunft über Ihre personenbezogenen Daten"}, // the shop's locale, de
		{"fr", "Auskunft über Ihre personenbezogenen Daten"},
	} {
		rq := reporttest.Request(t, e.st, e.a, tc.locale)
		reporttest.Saved(t, e.st, e.a, rq)
		if _, body := e.get(t, "a", reportPath(rq.ID, "report.html")); !strings.Contains(string(body), tc.want) {
			t.Errorf("locale %q: not %q", tc.locale, tc.want)
		}
	}
}

func TestReportAPIErrors(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			e := newReportAPIEnv(t, dialect)
			ready := reporttest.Request(t, e.st, e.a, "de")
			reporttest.Saved(t, e.st, e.a, ready)
			pending := reporttest.Request(t, e.st, e.a, "de")
			for _, tc := range []struct {
				name, shop, path string
				status           int
				code             string
			}{
				{"another shop's request", "b", reportPath(ready.ID, "report.json"), 404, "not_found"},
				{"another shop's html", "b", reportPath(ready.ID, "report.html"), 404, "not_found"},
				{"another shop's zip", "b", reportPath(ready.ID, "report.zip"), 404, "not_found"},
				{"no such request", "a", reportPath(ready.ID+100, "report.json"), 404, "not_found"},
				{"no report yet", "a", reportPath(pending.ID, "report.json"), 409, "report_not_ready"},
				{"no report yet (zip)", "a", reportPath(pending.ID, "report.zip"), 409, "report_not_ready"},
				{"bad id", "a", "/api/requests/abc/report.json", 400, "bad_request"},
				{"bad language", "a", reportPath(ready.ID, "report.html") + "?lang=fr", 400, "bad_request"},
				{"no session", "", reportPath(ready.ID, "report.json"), 401, "unauthorized"},
			} {
				resp, body := e.get(t, tc.shop, tc.path)
				var eb struct {
					Error struct{ Code, Message string }
				}
				json.Unmarshal(body, &eb)
				if resp.StatusCode != tc.status || eb.Error.Code != tc.code {
					t.Errorf("%s: %d %s, want %d %s", tc.name, resp.StatusCode, body, tc.status, tc.code)
				}
				if tc.status == 409 && !strings.Contains(eb.Error.Message, "no report yet") {
					t.Errorf("409 message %q", eb.Error.Message)
				}
				if bytes.Contains(body, []byte("Jane")) || bytes.Contains(body, []byte("Kaffee")) {
					t.Errorf("%s leaks report content: %s", tc.name, body)
				}
			}
		})
	}
}
