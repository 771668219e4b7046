package server_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/logging"
	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

// settingsEnv is the panel on a real store behind a test "embedded"
// session auth: Authorization: Bearer test-<shop id> opens that shop.
type settingsEnv struct {
	st   *store.Store
	srv  *server.Server
	url  string
	now  time.Time
	mu   sync.Mutex
	sent []*store.Step // steps handed to the queue
}

func newSettingsEnv(t *testing.T, cfg server.PanelConfig) *settingsEnv {
	t.Helper()
	st := testenv.Store(t, store.SQLite)
	e := &settingsEnv{st: st, now: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)}
	e.srv = server.New(server.Deps{Log: logging.New(io.Discard, "json", "error")})
	cfg.Embedded = func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			tok := strings.TrimPrefix(c.Request().Header.Get("Authorization"), "Bearer ")
			id, err := strconv.ParseInt(strings.TrimPrefix(tok, "test-"), 10, 64)
			if err != nil {
				return echo.NewHTTPError(http.StatusUnauthorized)
			}
			sh, err := st.Shop(c.Request().Context(), id)
			if err != nil {
				return echo.NewHTTPError(http.StatusUnauthorized)
			}
			c.SetRequest(c.Request().WithContext(tenant.With(c.Request().Context(), tenant.Session{Shop: sh})))
			return next(c)
		}
	}
	if cfg.ShopifyAPIKey == "" {
		cfg.ShopifyAPIKey = "test-key"
	}
	enqueue := func(_ context.Context, steps ...*store.Step) error {
		e.mu.Lock()
		defer e.mu.Unlock()
		e.sent = append(e.sent, steps...)
		return nil
	}
	api := server.NewAPI(st, enqueue, nil, func() time.Time { return e.now })
	p, err := server.NewPanel(api, cfg)
	if err != nil {
		t.Fatal(err)
	}
	p.Mount(e.srv.Echo())
	ts := httptest.NewServer(e.srv.Handler())
	t.Cleanup(ts.Close)
	e.url = ts.URL
	return e
}

// shop makes a shop with the given profile (address fields as the
// store keeps them).
func (e *settingsEnv) shop(t *testing.T, domain, legal, street, postcode, city, email string) *store.Shop {
	t.Helper()
	ctx := context.Background()
	sh := &store.Shop{Platform: "shopify", Domain: domain, Name: legal, Email: email, Locale: "de",
		Address: `{"company":"` + legal + `","street":"` + street + `","postcode":"` + postcode + `","city":"` + city + `","country":"DE"}`}
	if err := e.st.UpsertShop(ctx, sh); err != nil {
		t.Fatal(err)
	}
	return sh
}

// page is one answer of the panel.
type page struct {
	status int
	header http.Header
	body   string
}

// do sends a request for sh in lang ("de"/"en"); form, when set, is
// posted. Redirects are not followed.
func (e *settingsEnv) do(t *testing.T, sh *store.Shop, lang, method, path string, form url.Values) page {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, _ := http.NewRequest(method, e.url+path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if sh != nil {
		req.Header.Set("Authorization", "Bearer test-"+strconv.FormatInt(sh.ID, 10))
	}
	req.Header.Set("X-Lethe-Lang", lang)
	cl := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := cl.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return page{resp.StatusCode, resp.Header, string(b)}
}

func (e *settingsEnv) get(t *testing.T, sh *store.Shop, lang, path string) page {
	t.Helper()
	return e.do(t, sh, lang, http.MethodGet, path, nil)
}

func (e *settingsEnv) post(t *testing.T, sh *store.Shop, lang, path string, form url.Values) page {
	t.Helper()
	return e.do(t, sh, lang, http.MethodPost, path, form)
}

// contains fails for each want the page lacks.
func (p page) contains(t *testing.T, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(p.body, w) {
			t.Errorf("page (%d) lacks %q", p.status, w)
		}
	}
}

// lacks fails for each text the page has.
func (p page) lacks(t *testing.T, nots ...string) {
	t.Helper()
	for _, n := range nots {
		if strings.Contains(p.body, n) {
			t.Errorf("page (%d) has %q", p.status, n)
		}
	}
}

func (e *settingsEnv) reload(t *testing.T, sh *store.Shop) *store.Shop {
	t.Helper()
	got, err := e.st.Shop(context.Background(), sh.ID)
	if err != nil {
		t.Fatal(err)
	}
	return got
}
