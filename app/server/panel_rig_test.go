package server_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
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

// panelRig serves the admin panel (and the JSON API beside it) on a real
// store in embedded mode: the platform's session auth is stood in for by
// testEmbedded, which takes "Bearer shop-<id>" as that shop's session.
type panelRig struct {
	st       *store.Store
	url      string
	handler  http.Handler // the server itself, for the benchmark's server time
	a, b     *store.Shop
	now      time.Time
	enqueued []*store.Step
}

// testEmbedded is the embedded session auth of the tests: the bearer
// token "shop-<id>" is a session of that shop, anything else 401.
func testEmbedded(st *store.Store) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			h := c.Request().Header.Get(echo.HeaderAuthorization)
			id, err := strconv.ParseInt(strings.TrimPrefix(h, "Bearer shop-"), 10, 64)
			if err != nil {
				return fault.Unauthorized("no session token")
			}
			sh, err := st.Shop(c.Request().Context(), id)
			if err != nil {
				return fault.Unauthorized("unknown shop")
			}
			c.SetRequest(c.Request().WithContext(tenant.With(c.Request().Context(), tenant.Session{Shop: sh, User: "7"})))
			return next(c)
		}
	}
}

func newPanelRig(t testing.TB, dialect string) *panelRig {
	t.Helper()
	ctx := context.Background()
	st := testenv.Store(t, dialect)
	g := &panelRig{st: st, now: time.Date(2026, 11, 10, 10, 0, 0, 0, time.UTC), // Tuesday, 11:00 in Berlin
		a: &store.Shop{Platform: "shopify", Domain: "a.myshopify.com", Region: "BY", Timezone: "Europe/Berlin", Country: "DE"},
		b: &store.Shop{Platform: "shopify", Domain: "b.myshopify.com", Region: "BY", Timezone: "Europe/Berlin", Country: "DE"},
	}
	for _, sh := range []*store.Shop{g.a, g.b} {
		if err := st.UpsertShop(ctx, sh); err != nil {
			t.Fatal(err)
		}
	}
	srv := server.New(server.Deps{Log: logging.New(io.Discard, "json", "error")})
	api := server.NewAPI(st, func(_ context.Context, s ...*store.Step) error { g.enqueued = append(g.enqueued, s...); return nil },
		nil, func() time.Time { return g.now })
	api.Mount(srv.Echo().Group("/api", testEmbedded(st)))
	panel, err := server.NewPanel(api, server.PanelConfig{Embedded: testEmbedded(st), ShopifyAPIKey: "test-key"})
	if err != nil {
		t.Fatal(err)
	}
	panel.Mount(srv.Echo())
	g.handler = srv.Handler()
	ts := httptest.NewServer(g.handler)
	t.Cleanup(ts.Close)
	g.url = ts.URL
	return g
}

// do calls the panel as shop sh; headers are name, value pairs.
func (g *panelRig) do(t testing.TB, sh *store.Shop, method, path string, form url.Values, headers ...string) (int, http.Header, string) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, _ := http.NewRequest(method, g.url+path, body)
	if form != nil {
		req.Header.Set(echo.HeaderContentType, echo.MIMEApplicationForm)
	}
	if sh != nil {
		req.Header.Set(echo.HeaderAuthorization, "Bearer shop-"+strconv.FormatInt(sh.ID, 10))
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

// unknownKey is how lang.T shows a key the catalog lacks.
var unknownKey = regexp.MustCompile(`\[[a-z_]+(\.[a-z_-]+)+\]`)

// page GETs a panel page in lang and wants 200.
func (g *panelRig) page(t testing.TB, lang, path string, headers ...string) string {
	t.Helper()
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	status, _, body := g.do(t, g.a, http.MethodGet, path+sep+"lang="+lang, nil, headers...)
	if status != http.StatusOK {
		t.Fatalf("GET %s: %d\n%s", path, status, body)
	}
	if m := unknownKey.FindString(body); m != "" {
		t.Errorf("GET %s: text without a catalog entry %s", path, m)
	}
	return body
}

// add stores a request of shop sh.
func (g *panelRig) add(t testing.TB, sh *store.Shop, r store.Request, set map[string]any) *store.Request {
	t.Helper()
	r.ShopID = sh.ID
	if r.ExtendedDueAt.IsZero() {
		r.ExtendedDueAt = r.DueAt.AddDays(60)
	}
	if err := g.st.CreateRequest(context.Background(), &r); err != nil {
		t.Fatal(err)
	}
	if set != nil {
		if err := g.st.UpdateRequest(context.Background(), sh.ID, r.ID, set); err != nil {
			t.Fatal(err)
		}
	}
	return &r
}
