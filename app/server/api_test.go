package server_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/logging"
	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
)

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
	if routes != 16 {
		t.Errorf("%d API routes, want 16", routes)
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
