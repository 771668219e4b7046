package woocommerce_test

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/woocommerce"
	"github.com/lethe-gdpr/lethe/woocommerce/wctest"
)

// connectEnv is Lethe (over https, as WooCommerce requires of the
// callback) with the WooCommerce routes, and one emulated store.
type connectEnv struct {
	st  *store.Store
	emu *wctest.Emulator
	url string
}

func newConnectEnv(t *testing.T, dialect string) *connectEnv {
	t.Helper()
	st := testenv.Store(t, dialect)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := server.New(server.Deps{Log: log})
	ts := httptest.NewTLSServer(srv.Handler())
	t.Cleanup(ts.Close)
	emu := wctest.StartTLS(t, wctest.Options{CallbackClient: ts.Client()})
	app := woocommerce.NewApp(woocommerce.AppConfig{PublicURL: ts.URL, HTTPClient: emu.Client}, st, log)
	app.Mount(srv.Echo())
	return &connectEnv{st: st, emu: emu, url: ts.URL}
}

// merchant is a browser that keeps cookies, trusts the test certificate
// and does not follow redirects.
func (e *connectEnv) merchant(t *testing.T) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, Transport: e.emu.Client.Transport, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func get(t *testing.T, c *http.Client, u string) (*http.Response, string) {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// start opens /woocommerce/connect for the emulator's store and returns the
// authorize URL Lethe sent the merchant to.
func (e *connectEnv) start(t *testing.T, b *http.Client) string {
	t.Helper()
	resp, _ := get(t, b, e.url+"/woocommerce/connect?store_url="+url.QueryEscape(e.emu.URL))
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("connect: %d", resp.StatusCode)
	}
	return resp.Header.Get("Location")
}

func (e *connectEnv) host() string {
	u, _ := url.Parse(e.emu.URL)
	return u.Host
}

func dialects(t *testing.T, f func(t *testing.T, dialect string)) {
	for _, d := range []string{store.SQLite, store.Postgres} {
		t.Run(d, func(t *testing.T) { f(t, d) })
	}
}

func TestConnectApproved(t *testing.T) {
	dialects(t, func(t *testing.T, dialect string) {
		e := newConnectEnv(t, dialect)
		b := e.merchant(t)
		auth := e.start(t, b)
		au, _ := url.Parse(auth)
		q := au.Query()
		if !strings.HasPrefix(auth, e.emu.URL+"/wc-auth/v1/authorize?") || q.Get("app_name") != "Lethe" || q.Get("scope") != "read_write" ||
			len(q.Get("user_id")) != 32 || q.Get("return_url") != e.url+"/woocommerce/return" || q.Get("callback_url") != e.url+"/woocommerce/callback" {
			t.Fatalf("authorize URL %s", auth)
		}
		res := e.emu.Approve(auth)
		if res.Status != http.StatusFound || !strings.HasPrefix(res.Location, e.url+"/woocommerce/return?") {
			t.Fatalf("approve: %+v", res)
		}
		ar := e.emu.AuthRequests()
		if len(ar) != 1 || ar[0].CallbackStatus != http.StatusOK || !ar[0].KeyKept || ar[0].UserID != q.Get("user_id") {
			t.Fatalf("auth requests %+v", ar)
		}
		sh, err := e.st.ShopByDomain(ctx, woocommerce.Platform, e.host())
		if err != nil {
			t.Fatal(err)
		}
		if sh.Status != store.ShopActive || sh.Name != "Kaffeerösterei Lindner" || sh.Country != "DE" || sh.Region != "SN" || sh.RegionSource != "postcode" ||
			sh.Locale != "de" || sh.Timezone != "Europe/Berlin" || sh.Email != "inhaber@kaffee-lindner.example" || !strings.Contains(sh.Address, "04107") ||
			!strings.Contains(sh.Address, "Leipzig") || sh.Scopes != "read_write" || sh.InstalledAt == nil {
			t.Fatalf("shop %+v", sh)
		}
		keys := e.emu.Keys()
		if len(keys) != 1 {
			t.Fatalf("keys %+v", keys)
		}
		if bytes.Contains(sh.Credentials, []byte(keys[0].ConsumerKey)) || bytes.Contains(sh.Credentials, []byte(keys[0].ConsumerSecret)) {
			t.Fatal("keys stored unsealed")
		}
		var cr woocommerce.Credentials
		if err := e.st.OpenCredentials(sh, &cr); err != nil || cr.ConsumerKey != keys[0].ConsumerKey || cr.ConsumerSecret != keys[0].ConsumerSecret || cr.StoreURL != e.emu.URL {
			t.Fatalf("credentials %+v, %v", cr, err)
		}
		// The merchant comes back: to the invitation of their new login.
		resp, _ := get(t, b, res.Location)
		loc := resp.Header.Get("Location")
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, e.url+"/app/invite/") {
			t.Fatalf("return: %d %s", resp.StatusCode, loc)
		}
		link, err := tenant.NewLogins(e.st).CheckLink(ctx, store.LoginInvite, strings.TrimPrefix(loc, e.url+"/app/invite/"))
		if err != nil || link.ShopID != sh.ID {
			t.Fatalf("invite link %+v, %v", link, err)
		}
		u, err := e.st.UserByEmail(ctx, "inhaber@kaffee-lindner.example")
		if err != nil || u.ShopID != sh.ID {
			t.Fatalf("user %+v, %v", u, err)
		}
		// The return is spent (its cookie is gone), and no other browser can
		// use it.
		if resp, _ := get(t, e.merchant(t), res.Location); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("return from another browser: %d", resp.StatusCode)
		}
		if resp, _ := get(t, b, res.Location); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("second return: %d", resp.StatusCode)
		}
	})
}

func TestConnectWrongUserIDRefused(t *testing.T) {
	dialects(t, func(t *testing.T, dialect string) {
		e := newConnectEnv(t, dialect)
		b := e.merchant(t)
		auth := e.start(t, b)
		// The store posts the key for another user_id: refused, and so
		// WooCommerce deletes the key.
		au, _ := url.Parse(auth)
		q := au.Query()
		q.Set("user_id", "0123456789abcdef0123456789abcdef")
		au.RawQuery = q.Encode()
		res := e.emu.Approve(au.String())
		if res.Status != http.StatusUnauthorized {
			t.Fatalf("approve: %+v", res)
		}
		ar := e.emu.AuthRequests()
		if len(ar) != 1 || ar[0].CallbackStatus != http.StatusForbidden || ar[0].KeyKept || len(e.emu.Keys()) != 0 {
			t.Fatalf("auth requests %+v, keys %+v", ar, e.emu.Keys())
		}
		if _, err := e.st.ShopByDomain(ctx, woocommerce.Platform, e.host()); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("shop stored: %v", err)
		}
		// A forged callback without any pending connection: refused too.
		resp, err := e.emu.Client.Post(e.url+"/woocommerce/callback", "application/json",
			strings.NewReader(`{"key_id":9,"user_id":"nope","consumer_key":"ck_x","consumer_secret":"cs_x","key_permissions":"read_write"}`))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Fatalf("forged callback: %d", resp.StatusCode)
		}
		if _, err := e.st.ShopByDomain(ctx, woocommerce.Platform, e.host()); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("shop stored: %v", err)
		}
		// The right user_id still works once; a second key for it is refused.
		if res := e.emu.Approve(auth); res.Status != http.StatusFound {
			t.Fatalf("approve: %+v", res)
		}
		if res := e.emu.Approve(auth); res.Status != http.StatusUnauthorized {
			t.Fatalf("second approve: %+v", res)
		}
		if ar := e.emu.AuthRequests(); len(ar) != 3 || ar[2].CallbackStatus != http.StatusConflict || len(e.emu.Keys()) != 1 {
			t.Fatalf("auth requests %+v", ar)
		}
	})
}

func TestConnectDenied(t *testing.T) {
	e := newConnectEnv(t, store.SQLite)
	b := e.merchant(t)
	res := e.emu.Deny(e.start(t, b))
	if !strings.HasPrefix(res.Location, e.url+"/woocommerce/return?") || !strings.Contains(res.Location, "success=0") {
		t.Fatalf("deny: %+v", res)
	}
	resp, body := get(t, b, res.Location)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("denied page: %d", resp.StatusCode)
	}
	for _, want := range []string{"Verbindung abgelehnt", "Connection denied", "starten Sie sie erneut", "start the connection again", `lang="en"`} {
		if !strings.Contains(body, want) {
			t.Errorf("denied page lacks %q:\n%s", want, body)
		}
	}
	if _, err := e.st.ShopByDomain(ctx, woocommerce.Platform, e.host()); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("shop stored: %v", err)
	}
	if len(e.emu.Keys()) != 0 || len(e.emu.AuthRequests()) != 0 {
		t.Fatal("a key was made")
	}
}

func TestConnectBadStoreURL(t *testing.T) {
	e := newConnectEnv(t, store.SQLite)
	b := e.merchant(t)
	for _, raw := range []string{"", "shop.example", "ftp://shop.example", "http://shop.example", "https://user:pw@shop.example",
		"https://shop.example/../wp-admin", "https://shop.example/a//b", "https://shop.example/?x=1", "https://shop.example/#f",
		"https://shop.example/%2e%2e", `https://shop.example\evil`, "javascript:alert(1)"} {
		resp, body := get(t, b, e.url+"/woocommerce/connect?store_url="+url.QueryEscape(raw))
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "Keine gültige Shop-Adresse") || !strings.Contains(body, "Not a valid store address") {
			t.Errorf("%q: %d", raw, resp.StatusCode)
		}
	}
	for raw, want := range map[string]string{
		"https://Shop.Example/":      "https://shop.example",
		"https://shop.example/shop/": "https://shop.example/shop",
		"http://localhost:8080":      "http://localhost:8080",
		"http://127.0.0.1:8080/wp":   "http://127.0.0.1:8080/wp",
	} {
		if got, err := woocommerce.CheckStoreURL(raw); err != nil || got != want {
			t.Errorf("CheckStoreURL(%q) = %q, %v", raw, got, err)
		}
	}
}

// A store whose profile cannot be read with the new key: the callback is
// not 200, so WooCommerce deletes the key, and Lethe stores nothing; the
// merchant's return says the connection was not completed.
func TestConnectProfileUnreadable(t *testing.T) {
	e := newConnectEnv(t, store.SQLite)
	b := e.merchant(t)
	auth := e.start(t, b)
	e.emu.FailNext(wctest.FaultServerError, wctest.FaultServerError, wctest.FaultServerError, wctest.FaultServerError)
	res := e.emu.Approve(auth)
	if res.Status != http.StatusUnauthorized {
		t.Fatalf("approve: %+v", res)
	}
	if ar := e.emu.AuthRequests(); len(ar) != 1 || ar[0].CallbackStatus != http.StatusBadGateway || ar[0].KeyKept || len(e.emu.Keys()) != 0 {
		t.Fatalf("auth requests %+v", ar)
	}
	if _, err := e.st.ShopByDomain(ctx, woocommerce.Platform, e.host()); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("shop stored: %v", err)
	}
	au, _ := url.Parse(auth)
	resp, body := get(t, b, e.url+"/woocommerce/return?success=1&user_id="+au.Query().Get("user_id"))
	if resp.StatusCode != http.StatusBadGateway || !strings.Contains(body, "Verbindung nicht abgeschlossen") || !strings.Contains(body, "Connection not completed") {
		t.Fatalf("return: %d %s", resp.StatusCode, body)
	}
}
