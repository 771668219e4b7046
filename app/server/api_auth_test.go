package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/logging"
	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

// tokenAPI serves the API behind APIAuth with the given platform session
// middleware (nil: API tokens only) and a clock the test moves.
func tokenAPI(t *testing.T, st *store.Store, now *time.Time, platform echo.MiddlewareFunc) string {
	t.Helper()
	srv := server.New(server.Deps{Log: logging.New(io.Discard, "json", "error")})
	clock := func() time.Time { return *now }
	enqueue := func(context.Context, ...*store.Step) error { return nil }
	server.NewAPI(st, enqueue, nil, clock).Mount(srv.Echo().Group("/api", server.APIAuth(st, clock, platform)))
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts.URL
}

// call sends method path with the Authorization header auth ("" for none)
// and returns the status, the error code of a JSON error and the body.
func call(t *testing.T, method, url, auth, body string) (int, string, []byte) {
	t.Helper()
	req, _ := http.NewRequest(method, url, strings.NewReader(body))
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var e struct{ Error struct{ Code string } }
	json.Unmarshal(b, &e)
	return resp.StatusCode, e.Error.Code, b
}

func TestAPITokenAuth(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			st := testenv.Store(t, dialect)
			now := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
			a := &store.Shop{Platform: "shopify", Domain: "a.myshopify.com"}
			b := &store.Shop{Platform: "shopify", Domain: "b.myshopify.com"}
			gone := &store.Shop{Platform: "shopify", Domain: "gone.myshopify.com"}
			for _, sh := range []*store.Shop{a, b, gone} {
				if err := st.UpsertShop(ctx, sh); err != nil {
					t.Fatal(err)
				}
			}
			if err := st.MarkShopUninstalled(ctx, gone.ID, now); err != nil {
				t.Fatal(err)
			}
			reqOf := map[int64]*store.Request{}
			for _, sh := range []*store.Shop{a, b} {
				r := &store.Request{ShopID: sh.ID, Type: store.TypeAccess, Status: store.StatusReceived, Source: "shopify",
					Subject: store.Subject{Email: "p@example.com"}, ReceivedAt: now, DueAt: store.DayOf(2026, 12, 28), ExtendedDueAt: store.DayOf(2027, 2, 28)}
				if err := st.CreateRequest(ctx, r); err != nil {
					t.Fatal(err)
				}
				reqOf[sh.ID] = r
			}
			issue := func(sh *store.Shop) (string, *store.APIToken) {
				tok, row, err := tenant.IssueToken(ctx, st, sh.ID, "support", "test", now)
				if err != nil {
					t.Fatal(err)
				}
				return tok, row
			}
			tokA, rowA := issue(a)
			revoked, rowR := issue(a)
			if err := tenant.RevokeToken(ctx, st, a.ID, rowR.ID, "test", now); err != nil {
				t.Fatal(err)
			}
			tokGone, _ := issue(gone)
			if !strings.HasPrefix(tokA, "lethe_") || len(tokA) != len("lethe_")+43 {
				t.Fatalf("token %q: want lethe_ and 256 bits", tokA)
			}
			if got, _ := st.APITokenByHash(ctx, tokA); got != nil {
				t.Fatal("the token itself is stored")
			}

			// A fake platform: "Bearer platform" opens shop b, anything else is refused.
			platform := func(next echo.HandlerFunc) echo.HandlerFunc {
				return func(c echo.Context) error {
					if c.Request().Header.Get("Authorization") != "Bearer platform" {
						return fault.Unauthorized("no platform session")
					}
					c.SetRequest(c.Request().WithContext(tenant.With(c.Request().Context(), tenant.Session{Shop: b, User: "7"})))
					return next(c)
				}
			}
			tokensOnly := tokenAPI(t, st, &now, nil)
			withPlatform := tokenAPI(t, st, &now, platform)

			listIDs := func(base, auth string) []int64 {
				t.Helper()
				code, _, body := call(t, "GET", base+"/api/requests", auth, "")
				if code != 200 {
					t.Fatalf("list with %q: %d %s", auth, code, body)
				}
				var out struct{ Requests []struct{ ID int64 } }
				json.Unmarshal(body, &out)
				var ids []int64
				for _, r := range out.Requests {
					ids = append(ids, r.ID)
				}
				return ids
			}
			for _, base := range []string{tokensOnly, withPlatform} {
				if ids := listIDs(base, "Bearer "+tokA); len(ids) != 1 || ids[0] != reqOf[a.ID].ID {
					t.Fatalf("a's token lists %v, want only a's request %d", ids, reqOf[a.ID].ID)
				}
				if code, _, _ := call(t, "GET", fmt.Sprintf("%s/api/requests/%d", base, reqOf[a.ID].ID), "bearer  "+tokA, ""); code != 200 {
					t.Fatalf("a's request with a's token: %d", code)
				}
				if code, errCode, _ := call(t, "GET", fmt.Sprintf("%s/api/requests/%d", base, reqOf[b.ID].ID), "Bearer "+tokA, ""); code != 404 || errCode != "not_found" {
					t.Fatalf("b's request with a's token: %d %s, want 404", code, errCode)
				}
			}
			if ids := listIDs(withPlatform, "Bearer platform"); len(ids) != 1 || ids[0] != reqOf[b.ID].ID {
				t.Fatalf("platform session lists %v, want b's", ids)
			}

			for _, c := range []struct{ name, base, auth string }{
				{"revoked", tokensOnly, "Bearer " + revoked},
				{"revoked, platform on", withPlatform, "Bearer " + revoked},
				{"unknown", tokensOnly, "Bearer lethe_" + strings.Repeat("A", 43)},
				{"too short", withPlatform, "Bearer lethe_abc"},
				{"not base64", tokensOnly, "Bearer lethe_" + strings.Repeat("*", 43)},
				{"shop uninstalled", tokensOnly, "Bearer " + tokGone},
				{"no header", tokensOnly, ""},
				{"no header, platform on", withPlatform, ""},
				{"bearer without token", tokensOnly, "Bearer"},
				{"basic", tokensOnly, "Basic " + tokA},
				{"token without scheme", tokensOnly, tokA},
				{"platform token, platform off", tokensOnly, "Bearer platform"},
			} {
				code, errCode, body := call(t, "GET", c.base+"/api/requests", c.auth, "")
				if code != 401 || errCode != "unauthorized" {
					t.Errorf("%s: %d %s, want 401 unauthorized", c.name, code, body)
				}
			}

			// Last use: written on first use, then at most once a minute.
			lastUsed := func() *time.Time {
				got, err := st.APITokens(ctx, a.ID)
				if err != nil {
					t.Fatal(err)
				}
				for _, r := range got {
					if r.ID == rowA.ID {
						return r.LastUsedAt
					}
				}
				t.Fatal("token a not listed")
				return nil
			}
			first := now
			if lu := lastUsed(); lu == nil || !lu.Equal(first) {
				t.Fatalf("last used %v, want %v", lu, first)
			}
			now = now.Add(30 * time.Second)
			listIDs(tokensOnly, "Bearer "+tokA)
			if lu := lastUsed(); !lu.Equal(first) {
				t.Fatalf("last used rewritten within a minute: %v", lu)
			}
			now = now.Add(time.Minute)
			listIDs(tokensOnly, "Bearer "+tokA)
			if lu := lastUsed(); !lu.Equal(now) {
				t.Fatalf("last used %v, want %v", lu, now)
			}

			// The audit trail names the token.
			code, _, body := call(t, "POST", tokensOnly+"/api/requests", "Bearer "+tokA, `{"type":"access","email":"q@example.com","channel":"email"}`)
			if code != 201 {
				t.Fatalf("enter request with token: %d %s", code, body)
			}
			var created struct{ ID int64 }
			json.Unmarshal(body, &created)
			evs, err := st.Events(ctx, a.ID, created.ID)
			if err != nil || len(evs) != 2 || evs[1].Actor != fmt.Sprintf("token:%d", rowA.ID) {
				t.Fatalf("audit: %+v %v", evs, err)
			}
		})
	}
}
