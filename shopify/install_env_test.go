package shopify_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/logging"
	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/shopify"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

// appEnvStart is when every app test's clock starts.
var appEnvStart = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

// Shops the emulator of an appEnv serves.
const (
	shopBerlin = "moebel-berlin.myshopify.com" // DE, Berlin
	shopWien   = "kaffee-wien.myshopify.com"   // AT
	shopNYC    = "bagels-nyc.myshopify.com"    // US
)

// appEnv is Lethe's Shopify app on a real store, served over HTTP by the
// real server, talking to the Shopify emulator; one fake clock drives both.
type appEnv struct {
	emu   *shopifytest.Emulator
	clock *shopifytest.Clock
	st    *store.Store
	app   *shopify.App
	url   string // Lethe's base URL
	logs  *lockedBuffer
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// newAppEnv starts everything; scopes are the scopes Lethe asks for and
// requires (default: the emulator app's).
func newAppEnv(t *testing.T, dialect string, scopes ...string) *appEnv {
	t.Helper()
	clock := shopifytest.NewClock(appEnvStart)
	emu := shopifytest.Start(t, shopifytest.Options{Now: clock.Now})
	emu.AddShop(shopBerlin, shopifytest.ShopOptions{Name: "Möbel Berlin GmbH", Timezone: "Europe/Berlin", Country: "DE", Address1: "Unter den Linden 1", Zip: "10115", City: "Berlin"})
	emu.AddShop(shopWien, shopifytest.ShopOptions{Name: "Kaffee Wien", Timezone: "Europe/Vienna", Country: "AT"})
	emu.AddShop(shopNYC, shopifytest.ShopOptions{Name: "Bagels NYC", Timezone: "America/New_York", Country: "US", Province: "NY", Currency: "USD"})
	st := testenv.Store(t, dialect)
	logs := &lockedBuffer{}
	log := logging.New(logs, "json", "debug")
	srv := server.New(server.Deps{Log: log})
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	if len(scopes) == 0 {
		scopes = strings.Split(emu.App().Scopes, ",")
	}
	app := shopify.NewApp(shopify.AppConfig{
		APIKey: emu.App().ClientID, Secret: emu.App().ClientSecret, Scopes: scopes,
		APIOrigin: emu.URL, PublicURL: ts.URL, Clock: clock,
	}, st, log)
	app.Mount(srv.Echo())
	server.NewAPI(st, nil, nil, nil).Mount(srv.Echo().Group("/api", app.SessionAuth()))
	return &appEnv{emu: emu, clock: clock, st: st, app: app, url: ts.URL, logs: logs}
}

func (e *appEnv) secret() string { return e.emu.App().ClientSecret }

// browser is a merchant's browser: it keeps cookies and does not follow
// redirects, so each step can be checked.
func browser(t *testing.T) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// installLink is the signed link Shopify sends a merchant to.
func (e *appEnv) installLink(shop string, at time.Time) string {
	label, _, _ := strings.Cut(shop, ".")
	q := url.Values{
		"shop":      {shop},
		"timestamp": {strconv.FormatInt(at.Unix(), 10)},
		"host":      {base64.RawURLEncoding.EncodeToString([]byte("admin.shopify.com/store/" + label))},
	}
	return e.url + "/shopify/install?" + shopifytest.SignedQuery(q, e.secret())
}

type answer struct {
	status int
	header http.Header
	body   string
}

func (a answer) location(t *testing.T) *url.URL {
	t.Helper()
	u, err := url.Parse(a.header.Get("Location"))
	if err != nil || a.header.Get("Location") == "" {
		t.Fatalf("no Location (status %d, body %s)", a.status, a.body)
	}
	return u
}

// errorMessage is the message of the server's JSON error answer.
func (a answer) errorMessage(t *testing.T) string {
	t.Helper()
	var b struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	if err := json.Unmarshal([]byte(a.body), &b); err != nil || b.Error.Code == "" {
		t.Fatalf("status %d: not an error answer: %s", a.status, a.body)
	}
	return b.Error.Message
}

func fetch(t *testing.T, c *http.Client, req *http.Request) answer {
	t.Helper()
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return answer{status: resp.StatusCode, header: resp.Header, body: string(b)}
}

func browse(t *testing.T, c *http.Client, u string) answer {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	return fetch(t, c, req)
}

// authorize plays Shopify's authorize page for the URL Lethe redirected to:
// the request goes to the emulator with the Host header of the shop. It
// returns the callback URL Shopify redirects the merchant to.
func (e *appEnv) authorize(t *testing.T, c *http.Client, authorizeURL *url.URL) string {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, e.emu.URL+authorizeURL.Path+"?"+authorizeURL.RawQuery, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = authorizeURL.Host
	a := fetch(t, c, req)
	if a.status != http.StatusFound {
		t.Fatalf("authorize: status %d: %s", a.status, a.body)
	}
	return a.location(t).String()
}

// startInstall opens the install link in c and returns Shopify's
// authorize URL Lethe redirected to.
func (e *appEnv) startInstall(t *testing.T, c *http.Client, shop string) *url.URL {
	t.Helper()
	a := browse(t, c, e.installLink(shop, e.clock.Now()))
	if a.status != http.StatusFound {
		t.Fatalf("install: status %d: %s", a.status, a.body)
	}
	return a.location(t)
}

// install runs the whole authorization-code grant and returns the stored
// shop.
func (e *appEnv) install(t *testing.T, shop string) *store.Shop {
	t.Helper()
	c := browser(t)
	cb := e.authorize(t, c, e.startInstall(t, c, shop))
	if a := browse(t, c, cb); a.status != http.StatusFound {
		t.Fatalf("callback: status %d: %s", a.status, a.body)
	}
	return e.shop(t, shop)
}

func (e *appEnv) shop(t *testing.T, domain string) *store.Shop {
	t.Helper()
	sh, err := e.st.ShopByDomain(context.Background(), "shopify", domain)
	if err != nil {
		t.Fatalf("shop %s: %v", domain, err)
	}
	return sh
}

func (e *appEnv) credentials(t *testing.T, sh *store.Shop) shopify.Credentials {
	t.Helper()
	var c shopify.Credentials
	if err := e.st.OpenCredentials(sh, &c); err != nil {
		t.Fatalf("credentials of shop %d: %v", sh.ID, err)
	}
	return c
}

// rawCredentials is the credentials column as the database holds it.
func (e *appEnv) rawCredentials(t *testing.T, shopID int64) []byte {
	t.Helper()
	var raw []byte
	if err := e.st.GormForTests().Raw("SELECT credentials FROM shops WHERE id = ?", shopID).Row().Scan(&raw); err != nil {
		t.Fatal(err)
	}
	return raw
}

// sessionToken is a fresh App Bridge session token for shop.
func (e *appEnv) sessionToken(shop string) string {
	return shopifytest.SessionToken(shop, e.emu.App().ClientID, e.secret(), e.clock.Now())
}

// api calls Lethe's admin API with a session token ("" for none).
func (e *appEnv) api(t *testing.T, token, path string) answer {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, e.url+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return fetch(t, http.DefaultClient, req)
}

// noSecretsLogged fails when a token of the shop's reached the logs.
func (e *appEnv) noSecretsLogged(t *testing.T, c shopify.Credentials) {
	t.Helper()
	logs := e.logs.String()
	for _, s := range []string{c.AccessToken, c.RefreshToken, e.secret()} {
		if s != "" && strings.Contains(logs, s) {
			t.Errorf("a token or the secret is in the logs")
		}
	}
}
