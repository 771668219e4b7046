package server_test

import (
	"context"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/logging"
	"github.com/lethe-gdpr/lethe/app/pipeline"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

// fakeShop is a connected system of the test shop: it finds a customer
// account and an invoice, reports its orders read page by page
// (connect.ReportProgress) and, when hold is set, waits after the first
// page until it is released.
type fakeShop struct {
	hold    chan struct{} // nil: no waiting
	reached chan struct{} // closed once the first page is reported
	once    sync.Once
	// identity, when set, is how the subject's details match the shop's
	// records (issue 12).
	identity func(connect.Subject) connect.Identity
	// items, when set, are the records found instead of the two above.
	items []gdpr.Item
	// limits are what the shop could not search.
	limits []connect.Limit
}

func (f *fakeShop) System() string { return "testshop" }

func (f *fakeShop) Discover(ctx context.Context, s connect.Subject) (connect.Result, error) {
	connect.ReportProgress(ctx, 17, 40)
	if f.hold != nil {
		f.once.Do(func() { close(f.reached) })
		<-f.hold
	}
	connect.ReportProgress(ctx, 40, 40)
	var id connect.Identity
	if f.identity != nil {
		id = f.identity(s)
	}
	if f.items != nil {
		return connect.Result{Found: true, Locale: "de", Identity: id, Items: f.items, Limits: f.limits}, nil
	}
	return connect.Result{Found: true, Locale: "de", Identity: id, Limits: f.limits, Items: []gdpr.Item{
		{System: "testshop", RecordType: "customer_account", RecordID: "C-1", Date: gdpr.MustDate(2024, 5, 2),
			Fields: map[string]any{"email": s.Email, "first_name": "Jane", "last_name": "Doe"}},
		{System: "testshop", RecordType: "invoice", RecordID: "INV-7", Date: gdpr.MustDate(2025, 3, 10),
			Fields: map[string]any{"invoice_number": "INV-7", "invoice_date": "2025-03-10", "buyer_name": "Jane Doe", "currency": "EUR"}},
	}}, nil
}

// requestRig is the panel over a real store and a real pipeline; a Bearer
// token names the shop ("a" or "b"), as the embedded session auth would.
type requestRig struct {
	st    *store.Store
	p     *pipeline.Pipeline
	fake  *fakeShop
	ts    *httptest.Server
	shops map[string]*store.Shop

	mu       sync.Mutex
	enqueued []*store.Step
}

func newRequestRig(t *testing.T, dialect string) *requestRig {
	t.Helper()
	g := &requestRig{st: testenv.Store(t, dialect), fake: &fakeShop{}, shops: map[string]*store.Shop{}}
	for _, name := range []string{"a", "b"} {
		sh := &store.Shop{Platform: "shopify", Domain: name + ".myshopify.com", Name: "Musterladen " + name, Country: "DE", Region: "BY",
			Locale: "de", Email: "shop@" + name + ".example", Address: `{"street":"Marienplatz 1","postcode":"80331","city":"München","country":"DE"}`}
		if err := g.st.UpsertShop(context.Background(), sh); err != nil {
			t.Fatal(err)
		}
		g.shops[name] = sh
	}
	reg := connect.NewRegistry()
	reg.Register("testshop", func(context.Context, *store.Shop) (connect.Connector, bool, error) { return g.fake, true, nil })
	enqueue := func(_ context.Context, steps ...*store.Step) error {
		g.mu.Lock()
		defer g.mu.Unlock()
		for _, s := range steps {
			if s != nil {
				g.enqueued = append(g.enqueued, s)
			}
		}
		return nil
	}
	g.p = &pipeline.Pipeline{Store: g.st, Connectors: reg, PublicURL: "https://lethe.example", LinkTTL: time.Hour,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: time.Now, Enqueue: enqueue}
	srv := server.New(server.Deps{Log: logging.New(io.Discard, "json", "info")})
	api := server.NewAPI(g.st, enqueue, g.p.Approve, time.Now).WithResend(g.p.ResendAnswer)
	panel, err := server.NewPanel(api, server.PanelConfig{Embedded: bearerShop(g.shops), ShopifyAPIKey: "key",
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	panel.Mount(srv.Echo())
	g.ts = httptest.NewServer(srv.Handler())
	t.Cleanup(g.ts.Close)
	return g
}

// bearerShop is the test's embedded session auth: "Bearer a" is shop a.
func bearerShop(shops map[string]*store.Shop) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			tok := strings.TrimPrefix(c.Request().Header.Get("Authorization"), "Bearer ")
			sh := shops[tok]
			if sh == nil {
				return echo.NewHTTPError(http.StatusUnauthorized, "no session")
			}
			c.SetRequest(c.Request().WithContext(tenant.With(c.Request().Context(), tenant.Session{Shop: sh, User: "u-" + tok})))
			return next(c)
		}
	}
}

// do sends a request as shop in lang; a redirect is returned, not followed.
func (g *requestRig) do(t *testing.T, method, shop, lang, path string, form url.Values, hdr ...string) (int, http.Header, string) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, g.ts.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+shop)
	req.Header.Set("Accept-Language", lang)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	cl := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := cl.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

// page is the request page's text (tags removed, entities decoded, spaces
// collapsed) in lang, and its HTML.
func (g *requestRig) page(t *testing.T, shop, lang string, id int64) (text, raw string) {
	t.Helper()
	code, _, body := g.do(t, "GET", shop, lang, fmt.Sprintf("/app/requests/%d", id), nil)
	if code != http.StatusOK {
		t.Fatalf("request page %d (%s): %d %s", id, lang, code, body)
	}
	return plain(body), body
}

// follow gets the page a form's answer redirected to.
func (g *requestRig) follow(t *testing.T, shop, lang, location string) (text, raw string) {
	t.Helper()
	if !strings.HasPrefix(location, "/app/requests/") {
		t.Fatalf("redirect to %q", location)
	}
	code, _, body := g.do(t, "GET", shop, lang, location, nil)
	if code != http.StatusOK {
		t.Fatalf("%s: %d", location, code)
	}
	return plain(body), body
}

var tags = regexp.MustCompile(`<[^>]*>`)

func plain(s string) string {
	return strings.Join(strings.Fields(html.UnescapeString(tags.ReplaceAllString(s, " "))), " ")
}

func contains(t *testing.T, what, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, text)
		}
	}
}

// request takes in a request for shop a, returning it and its discover step.
func (g *requestRig) request(t *testing.T, typ string, received time.Time) (*store.Request, *store.Step) {
	t.Helper()
	var r *store.Request
	var first *store.Step
	err := g.st.Tx(context.Background(), func(tx *store.Store) error {
		var err error
		r, first, err = requests.Create(context.Background(), tx, g.shops["a"], requests.New{
			Type: typ, Source: "manual", Channel: "letter", ReceivedAt: received, Locale: "de",
			Subject: store.Subject{Email: "jane.doe@kunde.example", Name: "Jane Doe"},
		})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return r, first
}

// run claims st and runs its kind's handler, as the worker does.
func (g *requestRig) run(t *testing.T, st *store.Step) {
	t.Helper()
	ctx := context.Background()
	claimed, ok, err := g.st.ClaimStep(ctx, st.ID, time.Minute)
	if err != nil || !ok {
		t.Fatalf("claim %s: ok=%v %v", st.Kind, ok, err)
	}
	for _, s := range pipeline.Way {
		if s.Kind == st.Kind {
			if err := s.Run(g.p, ctx, claimed); err != nil {
				t.Fatalf("%s: %v", st.Kind, err)
			}
			if err := g.st.CompleteStep(ctx, claimed); err != nil {
				t.Fatalf("complete %s: %v", st.Kind, err)
			}
			return
		}
	}
	t.Fatalf("%s is not on the way", st.Kind)
}

// next returns the enqueued step of kind (for the request), and forgets
// what was enqueued.
func (g *requestRig) next(t *testing.T, kind string) *store.Step {
	t.Helper()
	g.mu.Lock()
	defer g.mu.Unlock()
	var out *store.Step
	for _, s := range g.enqueued {
		if s.Kind == kind {
			out = s
		}
	}
	g.enqueued = nil
	if out == nil {
		t.Fatalf("no %s step enqueued", kind)
	}
	return out
}

func (g *requestRig) enqueuedKinds() []string {
	g.mu.Lock()
	defer g.mu.Unlock()
	var out []string
	for _, s := range g.enqueued {
		out = append(out, s.Kind)
	}
	return out
}
