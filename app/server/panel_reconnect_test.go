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

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/logging"
	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

// newReconnectRig is a panelRig whose panel knows how the shops' platform
// is reconnected (as the platform registers it in wire.go).
func newReconnectRig(t *testing.T, dialect string) *panelRig {
	t.Helper()
	g := newPanelRig(t, dialect)
	reg := connect.NewRegistry()
	reg.RegisterReconnect("shopify", func(sh *store.Shop) (connect.Reconnect, bool) {
		return connect.Reconnect{URL: "https://" + sh.Domain + "/admin/apps/test-key/app",
			How: map[string]string{"de": "Öffnen Sie die App im Adminbereich.", "en": "Open the app in the admin."}}, true
	})
	srv := server.New(server.Deps{Log: logging.New(io.Discard, "json", "error")})
	api := server.NewAPI(g.st, func(context.Context, ...*store.Step) error { return nil }, nil, func() time.Time { return g.now })
	api.Mount(srv.Echo().Group("/api", testEmbedded(g.st)))
	panel, err := server.NewPanel(api, server.PanelConfig{Embedded: testEmbedded(g.st), ShopifyAPIKey: "test-key", Connectors: reg})
	if err != nil {
		t.Fatal(err)
	}
	panel.Mount(srv.Echo())
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	g.url = ts.URL
	return g
}

// A shop whose platform refuses its credentials shows on every page that
// it must be connected again, with the platform's way and link; a request
// that waits for it says so in the inbox and on its page, and an overdue
// one stays overdue. The API says the same.
func TestPanelShowsWaitingForReconnection(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			g := newReconnectRig(t, dialect)
			day := func(m time.Month, d int) store.Day { return store.DayOf(2026, m, d) }
			waiting := g.add(t, g.a, store.Request{Type: "access", Status: "processing", Source: "manual", Channel: "e-mail",
				ReceivedAt: time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC), DueAt: day(11, 1), Subject: store.Subject{Email: "wartet@example.com"}},
				map[string]any{"wait_reason": store.WaitReconnect("shopify")}) // nine days overdue
			other := g.add(t, g.a, store.Request{Type: "access", Status: "processing", Source: "manual", Channel: "e-mail",
				ReceivedAt: time.Date(2026, 11, 9, 9, 0, 0, 0, time.UTC), DueAt: day(12, 9), Subject: store.Subject{Email: "frei@example.com"}}, nil)
			if err := g.st.AddEvent(ctx, &store.Event{ShopID: g.a.ID, RequestID: &waiting.ID, Actor: "system", Action: "step.waiting",
				Detail: "step=request:discover system=shopify"}); err != nil {
				t.Fatal(err)
			}
			// Active: no banner.
			if body := g.page(t, "de", "/app"); strings.Contains(body, `id="reconnect"`) {
				t.Fatal("a banner while the shop is active")
			}
			if err := g.st.SetShopStatus(ctx, g.a.ID, store.ShopNeedsReauth); err != nil {
				t.Fatal(err)
			}
			texts := map[string][]string{
				"de": {"Ihr Shop muss wieder mit Shopify verbunden werden.", "Öffnen Sie die App im Adminbereich.", "Jetzt wieder verbinden", "Ihre Fristen laufen weiter."},
				"en": {"Your shop must be connected to Shopify again.", "Open the app in the admin.", "Connect again now", "Their deadlines keep running."},
			}
			link := `href="https://a.myshopify.com/admin/apps/test-key/app" target="_top" hx-boost="false"`
			for lang, want := range texts {
				for _, path := range []string{"/app", "/app/settings", "/app/archive", "/app/requests/new", "/app/requests/" + strconv.FormatInt(other.ID, 10)} {
					body := g.page(t, lang, path)
					for _, w := range append(want, link) {
						if !strings.Contains(body, w) {
							t.Errorf("%s %s lacks %q", lang, path, w)
						}
					}
				}
			}
			inbox := map[string]string{"de": "Wartet, bis Shopify wieder verbunden ist", "en": "Waiting for Shopify to be connected again"}
			for lang, w := range inbox {
				body := g.page(t, lang, "/app")
				row := rowOf(t, body, waiting.ID)
				if !strings.Contains(row, w) || !strings.Contains(row, `class="overdue"`) {
					t.Errorf("%s: inbox row of the waiting request:\n%s", lang, row)
				}
				if strings.Contains(rowOf(t, body, other.ID), w) {
					t.Errorf("%s: the other request waits too", lang)
				}
				page := g.page(t, lang, "/app/requests/"+strconv.FormatInt(waiting.ID, 10))
				for _, w := range []string{`id="waiting"`, w, map[string]string{"de": "nichts wird doppelt ausgeführt", "en": "nothing is done twice"}[lang],
					map[string]string{"de": "seit 9 Tagen überfällig", "en": "overdue by 9 days"}[lang],
					map[string]string{"de": "Schritt „Datensuche“ wartet: Shopify lehnt den Zugang ab", "en": "Step “data search” waits: Shopify refuses access"}[lang]} {
					if !strings.Contains(page, w) {
						t.Errorf("%s: request page lacks %q", lang, w)
					}
				}
			}
			// The other shop is active: no banner there.
			if _, _, body := g.do(t, g.b, http.MethodGet, "/app", nil); strings.Contains(body, `id="reconnect"`) {
				t.Error("another shop shows the banner")
			}

			var r struct {
				WaitReason string `json:"wait_reason"`
				Overdue    bool   `json:"overdue"`
				Status     string `json:"status"`
			}
			_, _, body := g.do(t, g.a, http.MethodGet, "/api/requests/"+strconv.FormatInt(waiting.ID, 10), nil)
			if err := json.Unmarshal([]byte(body), &r); err != nil || r.WaitReason != "reconnect:shopify" || !r.Overdue || r.Status != "processing" {
				t.Fatalf("API request %+v (%v): %s", r, err, body)
			}
			var sh struct {
				Systems []struct {
					Status  string `json:"status"`
					Healthy bool   `json:"healthy"`
				} `json:"systems"`
			}
			_, _, body = g.do(t, g.a, http.MethodGet, "/api/shop", nil)
			if err := json.Unmarshal([]byte(body), &sh); err != nil || len(sh.Systems) == 0 || sh.Systems[0].Status != store.ShopNeedsReauth || sh.Systems[0].Healthy {
				t.Fatalf("API shop %+v (%v)", sh, err)
			}
		})
	}
}

// rowOf is the inbox row of request id.
func rowOf(t *testing.T, body string, id int64) string {
	t.Helper()
	i := strings.Index(body, `<a href="/app/requests/`+strconv.FormatInt(id, 10)+`">`)
	if i < 0 {
		t.Fatalf("no row of request %d", id)
	}
	start := strings.LastIndex(body[:i], "<tr")
	end := strings.Index(body[i:], "</tr>")
	return body[start : i+end]
}
