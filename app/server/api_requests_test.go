package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
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

// requestsAPIEnv serves the requests API on a real store. The shop of a
// call is named by the X-Test-Shop header, standing in for the session
// middleware (shopify.App.SessionAuth, tested end to end in package
// shopify); without it the call has no session.
type requestsAPIEnv struct {
	st   *store.Store
	url  string
	a, b *store.Shop
	now  time.Time // the API's clock; zero: time.Now
}

func newRequestsAPIEnv(t *testing.T, dialect string) *requestsAPIEnv {
	t.Helper()
	ctx := context.Background()
	st := testenv.Store(t, dialect)
	e := &requestsAPIEnv{st: st,
		a: &store.Shop{Platform: "shopify", Domain: "a.myshopify.com"},
		b: &store.Shop{Platform: "shopify", Domain: "b.myshopify.com"},
	}
	for _, sh := range []*store.Shop{e.a, e.b} {
		if err := st.UpsertShop(ctx, sh); err != nil {
			t.Fatal(err)
		}
	}
	srv := server.New(server.Deps{Log: logging.New(io.Discard, "json", "error")})
	session := func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if id, err := strconv.ParseInt(c.Request().Header.Get("X-Test-Shop"), 10, 64); err == nil {
				sh, err := st.Shop(c.Request().Context(), id)
				if err != nil {
					return err
				}
				c.SetRequest(c.Request().WithContext(tenant.With(c.Request().Context(), tenant.Session{Shop: sh})))
			}
			return next(c)
		}
	}
	clock := func() time.Time {
		if e.now.IsZero() {
			return time.Now()
		}
		return e.now
	}
	server.NewAPI(st, nil, nil, clock).Mount(srv.Echo().Group("/api", session))
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	e.url = ts.URL
	return e
}

func (e *requestsAPIEnv) add(t *testing.T, sh *store.Shop, typ, status string, received time.Time, sub store.Subject) *store.Request {
	t.Helper()
	r := &store.Request{ShopID: sh.ID, Type: typ, Status: status, Source: "shopify", Subject: sub, ReceivedAt: received,
		DueAt: store.DayOf(2026, 12, 2), ExtendedDueAt: store.DayOf(2027, 2, 2)}
	if err := e.st.CreateRequest(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	return r
}

func (e *requestsAPIEnv) get(t *testing.T, sh *store.Shop, path string) (int, http.Header, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, e.url+path, nil)
	if sh != nil {
		req.Header.Set("X-Test-Shop", strconv.FormatInt(sh.ID, 10))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, b
}

type listAnswer struct {
	Requests   []map[string]any `json:"requests"`
	NextCursor string           `json:"next_cursor"`
}

func (e *requestsAPIEnv) list(t *testing.T, sh *store.Shop, query string) listAnswer {
	t.Helper()
	status, _, body := e.get(t, sh, "/api/requests"+query)
	if status != http.StatusOK {
		t.Fatalf("list%s: %d %s", query, status, body)
	}
	var out listAnswer
	if err := json.Unmarshal(body, &out); err != nil || out.Requests == nil {
		t.Fatalf("list%s: %s (%v)", query, body, err)
	}
	return out
}

func ids(l listAnswer) []int64 {
	out := make([]int64, len(l.Requests))
	for i, r := range l.Requests {
		out[i] = int64(r["id"].(float64))
	}
	return out
}

func TestRequestsAPIScopedToSessionShop(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			e := newRequestsAPIEnv(t, dialect)
			t0 := time.Date(2026, 11, 2, 9, 30, 0, 0, time.UTC)
			ra := e.add(t, e.a, store.TypeAccess, store.StatusReceived, t0, store.Subject{Email: "a@example.com"})
			rb := e.add(t, e.b, store.TypeErasure, store.StatusReceived, t0, store.Subject{Email: "b@example.com"})

			if got := ids(e.list(t, e.a, "")); len(got) != 1 || got[0] != ra.ID {
				t.Errorf("shop A lists %v, want only %d", got, ra.ID)
			}
			if got := ids(e.list(t, e.b, "")); len(got) != 1 || got[0] != rb.ID {
				t.Errorf("shop B lists %v, want only %d", got, rb.ID)
			}
			if status, _, body := e.get(t, e.a, fmt.Sprintf("/api/requests/%d", rb.ID)); status != http.StatusNotFound {
				t.Errorf("shop A reads shop B's request: %d %s", status, body)
			}
			if status, _, _ := e.get(t, e.b, fmt.Sprintf("/api/requests/%d", rb.ID)); status != http.StatusOK {
				t.Errorf("shop B cannot read its own request: %d", status)
			}
			// A cursor does not cross shops either.
			e.add(t, e.b, store.TypeErasure, store.StatusReceived, t0.Add(time.Hour), store.Subject{Email: "b@example.com"})
			cursor := e.list(t, e.b, "?limit=1").NextCursor
			if got := ids(e.list(t, e.a, "?cursor="+cursor)); len(got) != 1 || got[0] != ra.ID {
				t.Errorf("shop A with shop B's cursor lists %v", got)
			}
		})
	}
}

func TestRequestsAPIShape(t *testing.T) {
	e := newRequestsAPIEnv(t, store.SQLite)
	received := time.Date(2026, 11, 2, 9, 30, 15, 0, time.FixedZone("CET", 3600))
	r := e.add(t, e.a, store.TypeAccess, store.StatusReceived, received, store.Subject{
		CustomerID: "gid://shopify/Customer/191167", Email: "jane@example.com", Phone: "+49 170 1234567",
		Name: "Jane Doe", OrderIDs: []string{"gid://shopify/Order/299938"},
	})
	pd := store.DayOf(2026, 12, 2)
	if err := e.st.UpdateRequest(context.Background(), e.a.ID, r.ID, map[string]any{"platform_due_at": pd, "channel": "e-mail"}); err != nil {
		t.Fatal(err)
	}
	bare := e.add(t, e.a, store.TypeErasure, store.StatusReceived, received, store.Subject{CustomerID: "7"})

	status, h, body := e.get(t, e.a, fmt.Sprintf("/api/requests/%d", r.ID))
	if status != http.StatusOK || h.Get("Cache-Control") != "no-store" {
		t.Fatalf("%d %v %s", status, h, body)
	}
	var got map[string]any
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"id": float64(r.ID), "type": "access", "status": "received", "source": "shopify", "channel": "e-mail",
		"received_at": "2026-11-02T08:30:15Z", "due_at": "2026-12-02", "extended_due_at": "2027-02-02",
		"platform_due_at": "2026-12-02", "partial": false, "failure": "",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %#v, want %#v", k, got[k], v)
		}
	}
	sub, _ := got["subject"].(map[string]any)
	if sub["customer_id"] != "gid://shopify/Customer/191167" || sub["email"] != "jane@example.com" ||
		sub["phone"] != "+49 170 1234567" || sub["name"] != "Jane Doe" || fmt.Sprint(sub["order_ids"]) != "[gid://shopify/Order/299938]" {
		t.Errorf("subject %v", sub)
	}

	// Empty values are present, not missing: null dates, [] order ids.
	_, _, body = e.get(t, e.a, fmt.Sprintf("/api/requests/%d", bare.ID))
	got = nil
	_ = json.Unmarshal(body, &got)
	sub, _ = got["subject"].(map[string]any)
	if v, ok := got["platform_due_at"]; !ok || v != nil {
		t.Errorf("platform_due_at = %v (present %v), want null", v, ok)
	}
	if ids, ok := sub["order_ids"].([]any); !ok || len(ids) != 0 {
		t.Errorf("order_ids = %#v, want []", sub["order_ids"])
	}
	for _, k := range []string{"email", "phone", "name"} {
		if v, ok := sub[k]; !ok || v != "" {
			t.Errorf("subject.%s = %#v (present %v)", k, v, ok)
		}
	}
}

func TestRequestsAPIFiltersAndPages(t *testing.T) {
	e := newRequestsAPIEnv(t, store.SQLite)
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	var all []*store.Request
	for i := range 7 {
		typ, status := store.TypeAccess, store.StatusReceived
		if i%2 == 1 {
			typ = store.TypeErasure
		}
		if i%3 == 0 {
			status = store.StatusCompleted
		}
		all = append(all, e.add(t, e.a, typ, status, t0.Add(time.Duration(i)*time.Hour), store.Subject{CustomerID: strconv.Itoa(i)}))
	}
	newestFirst := func(keep func(*store.Request) bool) []int64 {
		var out []int64
		for i := len(all) - 1; i >= 0; i-- {
			if keep(all[i]) {
				out = append(out, all[i].ID)
			}
		}
		return out
	}
	same := func(a, b []int64) bool { return fmt.Sprint(a) == fmt.Sprint(b) }

	if got, want := ids(e.list(t, e.a, "")), newestFirst(func(*store.Request) bool { return true }); !same(got, want) {
		t.Errorf("all: %v, want %v", got, want)
	}
	if got, want := ids(e.list(t, e.a, "?type=erasure")), newestFirst(func(r *store.Request) bool { return r.Type == store.TypeErasure }); !same(got, want) {
		t.Errorf("erasure: %v, want %v", got, want)
	}
	if got, want := ids(e.list(t, e.a, "?status=completed&type=access")), newestFirst(func(r *store.Request) bool {
		return r.Status == store.StatusCompleted && r.Type == store.TypeAccess
	}); !same(got, want) {
		t.Errorf("completed access: %v, want %v", got, want)
	}

	// Pages of 3 by the before cursor cover everything once.
	var paged []int64
	query := "?limit=3"
	for range 5 {
		page := e.list(t, e.a, query)
		paged = append(paged, ids(page)...)
		if page.NextCursor == "" {
			break
		}
		query = "?limit=3&cursor=" + page.NextCursor
	}
	if want := newestFirst(func(*store.Request) bool { return true }); !same(paged, want) {
		t.Errorf("paged: %v, want %v", paged, want)
	}
	if got := e.list(t, e.a, "?limit=500"); len(got.Requests) != 7 || got.NextCursor != "" {
		t.Errorf("limit 500: %d, next %q", len(got.Requests), got.NextCursor)
	}
}

func TestRequestsAPIBadInput(t *testing.T) {
	e := newRequestsAPIEnv(t, store.SQLite)
	cases := []struct {
		path   string
		status int
	}{
		{"/api/requests/abc", 400},
		{"/api/requests/-1", 400},
		{"/api/requests/0", 400},
		{"/api/requests/1e3", 400},
		{"/api/requests/99999", 404},
		{"/api/requests?limit=0", 400},
		{"/api/requests?limit=501", 400},
		{"/api/requests?limit=ten", 400},
		{"/api/requests?cursor=x", 400},
		{"/api/requests?cursor=0", 400},
		{"/api/requests?status=deleted", 400},
		{"/api/requests?type=rectification", 400},
	}
	for _, c := range cases {
		status, _, body := e.get(t, e.a, c.path)
		var eb struct {
			Error struct{ Code, Message string } `json:"error"`
		}
		if status != c.status || json.Unmarshal(body, &eb) != nil || eb.Error.Message == "" {
			t.Errorf("%s: %d %s, want %d with a JSON error", c.path, status, body, c.status)
		}
	}
	// Without a session (a route mounted without the middleware's work).
	for _, p := range []string{"/api/requests", "/api/requests/1"} {
		if status, _, _ := e.get(t, nil, p); status != http.StatusUnauthorized {
			t.Errorf("%s without a session: %d", p, status)
		}
	}
}

// apiWithoutStore mounts the API under /api behind auth; the requests these
// tests send are answered before any handler reaches the store.
func apiWithoutStore(auth echo.MiddlewareFunc) *server.Server {
	srv := server.New(server.Deps{Log: logging.New(io.Discard, "json", "error")})
	server.NewAPI(nil, nil, nil, nil).Mount(srv.Echo().Group("/api", auth))
	return srv
}

func errorCode(t *testing.T, rec *httptest.ResponseRecorder) (code, message string) {
	t.Helper()
	var b struct {
		Error struct{ Code, Message string }
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &b); err != nil {
		t.Fatalf("%d %s: not the JSON error shape", rec.Code, rec.Body)
	}
	return b.Error.Code, b.Error.Message
}

// TestEveryAPIRouteNeedsAShop: a request that passed the group's
// authentication without a shop in its context is refused on every route.
func TestEveryAPIRouteNeedsAShop(t *testing.T) {
	passThrough := func(next echo.HandlerFunc) echo.HandlerFunc { return next }
	srv := apiWithoutStore(passThrough)
	var routes int
	for _, rt := range srv.Echo().Routes() {
		if !strings.HasPrefix(rt.Path, "/api/") || strings.HasSuffix(rt.Path, "*") || rt.Method == echo.RouteNotFound {
			continue
		}
		routes++
		path := strings.NewReplacer(":id", "1", ":email_id", "1").Replace(rt.Path)
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, httptest.NewRequest(rt.Method, path, strings.NewReader("{}")))
		if code, _ := errorCode(t, rec); rec.Code != http.StatusUnauthorized || code != "unauthorized" {
			t.Errorf("%s %s without a shop: %d %s, want 401 unauthorized", rt.Method, rt.Path, rec.Code, code)
		}
	}
	if routes != 27 { // issue 12 added POST /api/requests/:id/answer/resend and /receipt
		t.Errorf("%d API routes, want 26", routes)
	}
}

// TestAPIPathIDs: every route parses its ids the same way and keeps its
// code and message for a bad one.
func TestAPIPathIDs(t *testing.T) {
	asShop := func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			sh := &store.Shop{ID: 1, Platform: "shopify", Domain: "a.myshopify.com"}
			c.SetRequest(c.Request().WithContext(tenant.With(c.Request().Context(), tenant.Session{Shop: sh})))
			return next(c)
		}
	}
	srv := apiWithoutStore(asShop)
	for _, tc := range []struct {
		method, path, code, message string
	}{
		{"GET", "/api/requests/abc", "bad_request", "the request id must be a positive whole number"},
		{"GET", "/api/requests/0", "bad_request", "the request id must be a positive whole number"},
		{"GET", "/api/requests/-3/report.json", "bad_request", "the request id must be a positive whole number"},
		{"GET", "/api/requests/abc/emails", "bad_request", "the request id must be a positive whole number"},
		{"POST", "/api/requests/1/emails/abc/send", "bad_request", "the e-mail id must be a positive whole number"},
		{"POST", "/api/requests/abc/retry", "bad_id", "request id must be a number"},
		{"GET", "/api/requests/abc/plan", "bad_id", "request id must be a number"},
		{"POST", "/api/requests/0/plan/approve", "bad_id", "request id must be a number"},
		{"POST", "/api/archive/abc/hold", "bad_request", "the archive record id must be a positive whole number"},
		{"DELETE", "/api/archive/99999999999999999999/hold", "bad_request", "the archive record id must be a positive whole number"},
	} {
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, httptest.NewRequest(tc.method, tc.path, nil))
		code, message := errorCode(t, rec)
		if rec.Code != http.StatusBadRequest || code != tc.code || message != tc.message {
			t.Errorf("%s %s: %d %s %q, want 400 %s %q", tc.method, tc.path, rec.Code, code, message, tc.code, tc.message)
		}
	}
}
