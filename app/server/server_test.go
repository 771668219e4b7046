package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/logging"
	"github.com/lethe-gdpr/lethe/app/metrics"
	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/app/store"
)

type pinger struct{ err error }

func (p pinger) Ping(context.Context) error { return p.err }

type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) { s.mu.Lock(); defer s.mu.Unlock(); return s.b.Write(p) }
func (s *syncBuf) String() string              { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func newServer(t *testing.T, checks map[string]server.Pinger) (*httptest.Server, *syncBuf) {
	t.Helper()
	logs := &syncBuf{}
	s := server.New(server.Deps{Log: logging.New(logs, "json", "debug"), Metrics: metrics.New(), Checks: checks})
	// A route like the admin API's, which echoes nothing back.
	s.Echo().POST("/api/requests", func(c echo.Context) error {
		var body map[string]any
		if err := c.Bind(&body); err != nil {
			return err
		}
		return c.JSON(http.StatusAccepted, map[string]int{"id": 1})
	})
	s.Echo().GET("/api/requests/:id", func(c echo.Context) error { return store.ErrNotFound })
	s.Echo().GET("/boom", func(c echo.Context) error { return errors.New("db said: jane@example.com is locked") })
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return ts, logs
}

func get(t *testing.T, u string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(b)
}

func TestHealthAndReadiness(t *testing.T) {
	ts, _ := newServer(t, map[string]server.Pinger{"database": pinger{}, "redis": pinger{}})
	if resp, body := get(t, ts.URL+"/healthz"); resp.StatusCode != 200 || !strings.Contains(body, `"ok"`) {
		t.Fatalf("healthz %d %s", resp.StatusCode, body)
	}
	if resp, _ := get(t, ts.URL+"/readyz"); resp.StatusCode != 200 {
		t.Fatalf("readyz %d", resp.StatusCode)
	}
	ts2, _ := newServer(t, map[string]server.Pinger{"database": pinger{}, "redis": pinger{errors.New("connection refused")}})
	resp, body := get(t, ts2.URL+"/readyz")
	var r struct {
		Status  string
		Failing []string
		Checks  map[string]string
	}
	json.Unmarshal([]byte(body), &r)
	if resp.StatusCode != 503 || len(r.Failing) != 1 || r.Failing[0] != "redis" || r.Checks["database"] != "ok" {
		t.Fatalf("readyz with redis down: %d %s", resp.StatusCode, body)
	}
}

func TestMetricsCountRoutesNotPaths(t *testing.T) {
	ts, _ := newServer(t, nil)
	get(t, ts.URL+"/api/requests/123")
	get(t, ts.URL+"/api/requests/456")
	get(t, ts.URL+"/no/such/jane@example.com")
	_, body := get(t, ts.URL+"/metrics")
	for _, want := range []string{
		`lethe_http_requests_total{code="404",method="GET",route="/api/requests/:id"} 2`,
		`lethe_http_requests_total{code="404",method="GET",route="unmatched"} 1`,
		`go_goroutines`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(body, "jane") || strings.Contains(body, "/123") {
		t.Error("metrics carry a raw path")
	}
}

func TestErrorsAreJSONWithRequestID(t *testing.T) {
	ts, _ := newServer(t, nil)
	resp, body := get(t, ts.URL+"/api/requests/9")
	rid := resp.Header.Get("X-Request-Id")
	if resp.StatusCode != 404 || rid == "" || !strings.Contains(body, `"code":"not_found"`) || !strings.Contains(body, rid) {
		t.Fatalf("404: %d rid=%q %s", resp.StatusCode, rid, body)
	}
	resp, body = get(t, ts.URL+"/boom")
	if resp.StatusCode != 500 || strings.Contains(body, "jane") || !strings.Contains(body, `"internal"`) {
		t.Fatalf("500 leaks its cause: %s", body)
	}
}

// No personal data in logs: requests carrying e-mails and phone numbers in
// the path, the query, the body and headers leave none in the log.
func TestNoPersonalDataInLogs(t *testing.T) {
	ts, logs := newServer(t, nil)
	pii := []string{"jane.doe@example.com", "+49 170 1234567", "555-625-1199", "Jane Doe", "Hauptstraße 5"}
	q := url.Values{"email": {pii[0]}, "phone": {pii[1]}}
	get(t, ts.URL+"/api/requests/1?"+q.Encode())
	get(t, ts.URL+"/unknown/"+url.PathEscape(pii[0])+"?phone="+url.QueryEscape(pii[2]))
	body := `{"type":"access","email":"jane.doe@example.com","phone":"+49 170 1234567","name":"Jane Doe","address":"Hauptstraße 5"}`
	req, _ := http.NewRequest("POST", ts.URL+"/api/requests?email="+url.QueryEscape(pii[0]), strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Customer-Email", pii[0])
	req.Header.Set("Referer", "https://shop.example/?email="+pii[0])
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != 202 {
		t.Fatalf("post: %v %v", resp, err)
	}
	malformed, _ := http.NewRequest("POST", ts.URL+"/api/requests", strings.NewReader(`{"email":"jane.doe@example.com",`))
	malformed.Header.Set("Content-Type", "application/json")
	if resp, err := http.DefaultClient.Do(malformed); err != nil || resp.StatusCode != 400 {
		t.Fatalf("malformed: %v %v", resp, err)
	}
	get(t, ts.URL+"/boom?email="+url.QueryEscape(pii[0]))

	out := logs.String()
	if strings.Count(out, `"msg":"http"`) < 5 {
		t.Fatalf("expected an access line per request, got:\n%s", out)
	}
	for _, p := range append(pii, "jane", "1234567", "625-1199", "example.com") {
		if strings.Contains(out, p) {
			t.Errorf("log contains %q:\n%s", p, out)
		}
	}
}

// A flood of refused requests writes one access line per route, status and
// minute (with the count of those not logged), while the metrics count
// every one.
func TestRefusedRequestsAreLoggedSampled(t *testing.T) {
	ts, logs := newServer(t, nil)
	for i := 0; i < 20; i++ {
		if resp, _ := get(t, ts.URL+"/api/requests/9"); resp.StatusCode != 404 {
			t.Fatalf("status %d", resp.StatusCode)
		}
	}
	get(t, ts.URL+"/boom") // a 500 is always logged
	get(t, ts.URL+"/boom")
	out := logs.String()
	access := grepLines(out, `"msg":"http"`)
	if n := strings.Count(access, `"status":404`); n != 1 {
		t.Errorf("404 lines: %d, want 1:\n%s", n, out)
	}
	if n := strings.Count(access, `"status":500`); n != 2 {
		t.Errorf("500 lines: %d, want 2", n)
	}
	_, body := get(t, ts.URL+"/metrics")
	if !strings.Contains(body, `lethe_http_requests_total{code="404",method="GET",route="/api/requests/:id"} 20`) {
		t.Errorf("metrics do not count every refused request:\n%s", grepLines(body, "lethe_http_requests_total"))
	}
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
