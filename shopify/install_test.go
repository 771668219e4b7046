package shopify_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

func TestInstallAuthorizationCodeGrant(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			e := newAppEnv(t, dialect)
			ctx := context.Background()
			c := browser(t)

			// 1. The signed install link sends the merchant to Shopify's
			// authorize page with a state nonce held in a cookie.
			a := browse(t, c, e.installLink(shopBerlin, e.clock.Now()))
			if a.status != http.StatusFound {
				t.Fatalf("install: %d %s", a.status, a.body)
			}
			auth := a.location(t)
			q := auth.Query()
			if auth.Scheme != "https" || auth.Host != shopBerlin || auth.Path != "/admin/oauth/authorize" {
				t.Fatalf("authorize URL %s", auth)
			}
			if q.Get("client_id") != e.emu.App().ClientID || q.Get("scope") != e.emu.App().Scopes ||
				q.Get("redirect_uri") != e.url+"/shopify/callback" || len(q.Get("state")) < 32 {
				t.Fatalf("authorize query %v", q)
			}
			ck := stateCookieOf(t, a)
			if !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/shopify/callback" ||
				ck.MaxAge <= 0 || ck.MaxAge > 900 || ck.Secure {
				t.Errorf("state cookie %+v (not Secure only because the test server is http)", ck)
			}

			// 2. Shopify (the emulator) approves and redirects to the callback.
			cb := e.authorize(t, c, auth)
			if !strings.HasPrefix(cb, e.url+"/shopify/callback?") {
				t.Fatalf("callback URL %s", cb)
			}

			// 3. The callback stores the shop and enters the app.
			a = browse(t, c, cb)
			if a.status != http.StatusFound {
				t.Fatalf("callback: %d %s", a.status, a.body)
			}
			if got, want := a.header.Get("Location"), "https://"+shopBerlin+"/admin/apps/"+e.emu.App().ClientID; got != want {
				t.Errorf("into the app: %s, want %s", got, want)
			}
			if ck := stateCookieOf(t, a); ck.MaxAge >= 0 {
				t.Errorf("state cookie not cleared: %+v", ck)
			}
			if g := e.emu.Grants(); g.AuthorizationCode != 1 || g.TokenExchange != 0 {
				t.Errorf("grants %+v", g)
			}

			sh := e.shop(t, shopBerlin)
			if sh.Status != store.ShopActive || sh.Name != "Möbel Berlin GmbH" || sh.Timezone != "Europe/Berlin" ||
				sh.Country != "DE" || sh.Region != "BE" || sh.Locale != "de" || sh.Scopes != e.emu.App().Scopes {
				t.Errorf("stored shop %+v", sh)
			}
			if sh.InstalledAt == nil || !sh.InstalledAt.Equal(appEnvStart) || sh.UninstalledAt != nil {
				t.Errorf("installed_at %v uninstalled_at %v", sh.InstalledAt, sh.UninstalledAt)
			}

			// Expiring offline tokens, sealed at rest.
			cr := e.credentials(t, sh)
			if !cr.Expiring() || !cr.ExpiresAt.Equal(appEnvStart.Add(time.Hour)) || cr.RefreshToken == "" ||
				!cr.RefreshExpiresAt.Equal(appEnvStart.Add(shopifytest.RefreshTokenLifetime)) {
				t.Errorf("credentials: expiring=%v expires=%v refresh=%v refresh_expires=%v",
					cr.Expiring(), cr.ExpiresAt, cr.RefreshToken != "", cr.RefreshExpiresAt)
			}
			raw := e.rawCredentials(t, sh.ID)
			if len(raw) == 0 || bytes.Contains(raw, []byte(cr.AccessToken)) || bytes.Contains(raw, []byte(cr.RefreshToken)) ||
				bytes.Contains(raw, []byte("shpat_")) || bytes.Contains(raw, []byte("shprt_")) {
				t.Errorf("credentials are not sealed in the database (%d bytes)", len(raw))
			}

			// The stored token works through the Admin API client.
			cl, err := e.app.AdminClient(sh)
			if err != nil {
				t.Fatal(err)
			}
			info, err := cl.Shop(ctx)
			if err != nil || info.MyshopifyDomain != shopBerlin {
				t.Fatalf("Admin API with the stored token: %v %+v", err, info)
			}
			e.noSecretsLogged(t, cr)
			if !strings.Contains(e.logs.String(), `"grant":"authorization_code"`) {
				t.Errorf("install not logged: %s", e.logs.String())
			}
		})
	}
}

// stateCookieOf returns the state cookie a response sets.
func stateCookieOf(t *testing.T, a answer) *http.Cookie {
	t.Helper()
	resp := http.Response{Header: a.header}
	for _, c := range resp.Cookies() {
		if c.Name == "lethe_shopify_state" {
			return c
		}
	}
	t.Fatalf("no state cookie in %v", a.header["Set-Cookie"])
	return nil
}

func TestInstallReadsEachShopsPlace(t *testing.T) {
	e := newAppEnv(t, store.SQLite)
	cases := []struct {
		shop, name, tz, country, region, locale string
	}{
		{shopBerlin, "Möbel Berlin GmbH", "Europe/Berlin", "DE", "BE", "de"},
		{shopWien, "Kaffee Wien", "Europe/Vienna", "AT", "", "de"},
		{shopNYC, "Bagels NYC", "America/New_York", "US", "", "en"}, // outside DE/AT: keeps its country
	}
	for _, c := range cases {
		sh := e.install(t, c.shop)
		if sh.Name != c.name || sh.Timezone != c.tz || sh.Country != c.country || sh.Region != c.region || sh.Locale != c.locale {
			t.Errorf("%s: stored %q %q %q %q %q", c.shop, sh.Name, sh.Timezone, sh.Country, sh.Region, sh.Locale)
		}
	}
}

func TestInstallAgainAfterUninstall(t *testing.T) {
	e := newAppEnv(t, store.SQLite)
	ctx := context.Background()
	first := e.install(t, shopBerlin)
	old := e.credentials(t, first)
	e.emu.Uninstall(shopBerlin)
	if err := e.st.MarkShopUninstalled(ctx, first.ID, e.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if err := e.st.SetCredentials(ctx, first.ID, nil); err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(24 * time.Hour)
	sh := e.install(t, shopBerlin)
	if sh.ID != first.ID || sh.Status != store.ShopActive || sh.UninstalledAt != nil ||
		sh.InstalledAt == nil || !sh.InstalledAt.Equal(appEnvStart.Add(24*time.Hour)) {
		t.Errorf("reinstalled shop %+v", sh)
	}
	if cr := e.credentials(t, sh); cr.AccessToken == "" || cr.AccessToken == old.AccessToken {
		t.Error("reinstall did not store the new token")
	}
}

func TestInstallLinkRejected(t *testing.T) {
	e := newAppEnv(t, store.SQLite)
	now := e.clock.Now()
	signed := func(params url.Values) string {
		return e.url + "/shopify/install?" + shopifytest.SignedQuery(params, e.secret())
	}
	at := func(d time.Duration) string { return strconv.FormatInt(now.Add(d).Unix(), 10) }
	good := e.installLink(shopBerlin, now)
	tampered := strings.Replace(good, "shop=moebel-berlin", "shop=moebel-berlim", 1)
	wrongKey := e.url + "/shopify/install?" + shopifytest.SignedQuery(url.Values{"shop": {shopBerlin}, "timestamp": {at(0)}}, "not-the-secret")
	cases := []struct {
		name   string
		url    string
		status int
		reason string
	}{
		{"no hmac", e.url + "/shopify/install?shop=" + shopBerlin + "&timestamp=" + at(0), 401, "not signed"},
		{"hmac of other parameters", tampered, 401, "hmac does not match"},
		{"hmac with another secret", wrongKey, 401, "hmac does not match"},
		{"hmac not hex", strings.Replace(good, "hmac=", "hmac=zz", 1), 401, "hmac does not match"},
		{"stale timestamp", signed(url.Values{"shop": {shopBerlin}, "timestamp": {at(-91 * time.Second)}}), 401, "timestamp"},
		{"timestamp in the future", signed(url.Values{"shop": {shopBerlin}, "timestamp": {at(2 * time.Minute)}}), 401, "timestamp"},
		{"no timestamp", signed(url.Values{"shop": {shopBerlin}}), 400, "timestamp"},
		{"shop not on myshopify.com", signed(url.Values{"shop": {"evil.example.com"}, "timestamp": {at(0)}}), 400, "myshopify.com"},
		{"shop suffix attack", signed(url.Values{"shop": {"x.myshopify.com.evil.com"}, "timestamp": {at(0)}}), 400, "myshopify.com"},
		{"shop with a path", signed(url.Values{"shop": {"x.myshopify.com/admin"}, "timestamp": {at(0)}}), 400, "myshopify.com"},
		{"no shop", signed(url.Values{"timestamp": {at(0)}}), 400, "myshopify.com"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := browse(t, browser(t), c.url)
			if a.status != c.status || !strings.Contains(a.errorMessage(t), c.reason) {
				t.Errorf("status %d %s, want %d with %q", a.status, a.body, c.status, c.reason)
			}
			if a.header.Get("Set-Cookie") != "" {
				t.Error("a rejected link set a cookie")
			}
		})
	}
	// Within the window (89 s old) the link still works.
	a := browse(t, browser(t), signed(url.Values{"shop": {shopBerlin}, "timestamp": {at(-89 * time.Second)}}))
	if a.status != http.StatusFound {
		t.Errorf("89 s old link: %d %s", a.status, a.body)
	}
}

// callbackURL is a callback Shopify could have signed, for crafted cases.
func (e *appEnv) callbackURL(shop, code, state string) string {
	q := url.Values{
		"code": {code}, "shop": {shop}, "state": {state},
		"timestamp": {strconv.FormatInt(e.clock.Now().Unix(), 10)},
		"host":      {"YWRtaW4uc2hvcGlmeS5jb20vc3RvcmUveA"},
	}
	return e.url + "/shopify/callback?" + shopifytest.SignedQuery(q, e.secret())
}

func TestCallbackRejected(t *testing.T) {
	e := newAppEnv(t, store.SQLite)
	expect := func(t *testing.T, a answer, status int, reason string) {
		t.Helper()
		if a.status != status || !strings.Contains(a.errorMessage(t), reason) {
			t.Errorf("status %d %s, want %d with %q", a.status, a.body, status, reason)
		}
	}

	t.Run("no state cookie", func(t *testing.T) {
		c := browser(t)
		cb := e.authorize(t, c, e.startInstall(t, c, shopBerlin))
		expect(t, browse(t, browser(t), cb), 403, "state")
	})
	t.Run("another browser's callback (login CSRF)", func(t *testing.T) {
		attacker, victim := browser(t), browser(t)
		cb := e.authorize(t, attacker, e.startInstall(t, attacker, shopBerlin))
		e.startInstall(t, victim, shopBerlin) // the victim has a cookie of its own
		expect(t, browse(t, victim, cb), 403, "state")
	})
	t.Run("cookie of another shop", func(t *testing.T) {
		c := browser(t)
		auth := e.startInstall(t, c, shopBerlin)
		cb := e.callbackURL(shopWien, e.emu.NewAuthorizationCode(shopWien), auth.Query().Get("state"))
		expect(t, browse(t, c, cb), 403, "state")
	})
	t.Run("tampered cookie", func(t *testing.T) {
		c := browser(t)
		auth := e.startInstall(t, c, shopBerlin)
		cb := e.authorize(t, c, auth)
		u, _ := url.Parse(e.url + "/shopify/callback")
		ck := c.Jar.Cookies(u)[0]
		ck.Value, ck.Path = strings.Replace(ck.Value, ".", ".A", 1), "/shopify/callback"
		c.Jar.SetCookies(u, []*http.Cookie{ck})
		expect(t, browse(t, c, cb), 403, "state")
	})
	t.Run("expired cookie", func(t *testing.T) {
		c := browser(t)
		auth := e.startInstall(t, c, shopBerlin)
		e.clock.Advance(11 * time.Minute)
		cb := e.callbackURL(shopBerlin, e.emu.NewAuthorizationCode(shopBerlin), auth.Query().Get("state"))
		expect(t, browse(t, c, cb), 403, "state")
	})
	t.Run("bad hmac", func(t *testing.T) {
		c := browser(t)
		cb := e.authorize(t, c, e.startInstall(t, c, shopBerlin))
		expect(t, browse(t, c, strings.Replace(cb, "code=", "code=0", 1)), 401, "hmac")
	})
	t.Run("stale callback", func(t *testing.T) {
		c := browser(t)
		cb := e.authorize(t, c, e.startInstall(t, c, shopBerlin))
		e.clock.Advance(2 * time.Minute)
		expect(t, browse(t, c, cb), 401, "timestamp")
	})
	if g := e.emu.Grants(); g.AuthorizationCode != 0 {
		t.Errorf("a rejected callback exchanged its code: %+v", g)
	}
	if _, err := e.st.ShopByDomain(context.Background(), "shopify", shopBerlin); err != store.ErrNotFound {
		t.Errorf("a rejected callback stored the shop: %v", err)
	}
}

func TestCallbackMissingScopes(t *testing.T) {
	e := newAppEnv(t, store.SQLite)
	c := browser(t)
	auth := e.startInstall(t, c, shopBerlin)
	// The merchant is granted less than Lethe asked for.
	q := auth.Query()
	q.Set("scope", "read_customers")
	auth.RawQuery = q.Encode()
	a := browse(t, c, e.authorize(t, c, auth))
	if a.status != http.StatusForbidden {
		t.Fatalf("status %d %s", a.status, a.body)
	}
	msg := a.errorMessage(t)
	if !strings.Contains(msg, "read_orders") || !strings.Contains(msg, "write_customer_data_erasure") || strings.Contains(msg, "read_customers,") {
		t.Errorf("message does not name exactly the missing scopes: %q", msg)
	}
	if _, err := e.st.ShopByDomain(context.Background(), "shopify", shopBerlin); err != store.ErrNotFound {
		t.Errorf("shop stored despite missing scopes: %v", err)
	}
}

func TestCallbackReplayedCode(t *testing.T) {
	e := newAppEnv(t, store.SQLite)
	c := browser(t)
	cb := e.authorize(t, c, e.startInstall(t, c, shopBerlin))
	if a := browse(t, c, cb); a.status != http.StatusFound {
		t.Fatalf("first callback: %d %s", a.status, a.body)
	}
	first := e.credentials(t, e.shop(t, shopBerlin))

	// The same URL again: its nonce is used up (the cookie is gone).
	if a := browse(t, c, cb); a.status != http.StatusForbidden {
		t.Errorf("replayed callback: %d %s", a.status, a.body)
	}
	// The same code under a fresh, valid state: Shopify refuses the code.
	u, _ := url.Parse(cb)
	auth := e.startInstall(t, c, shopBerlin)
	a := browse(t, c, e.callbackURL(shopBerlin, u.Query().Get("code"), auth.Query().Get("state")))
	if a.status != http.StatusBadRequest || !strings.Contains(a.errorMessage(t), "already used") {
		t.Errorf("replayed code: %d %s", a.status, a.body)
	}
	if g := e.emu.Grants(); g.AuthorizationCode != 1 {
		t.Errorf("grants %+v", g)
	}
	if cr := e.credentials(t, e.shop(t, shopBerlin)); cr.AccessToken != first.AccessToken {
		t.Error("a refused replay changed the stored token")
	}
}

func TestAdminClientUsesStoredTokens(t *testing.T) {
	e := newAppEnv(t, store.SQLite)
	sh := e.install(t, shopBerlin)
	// An hour later the token has expired; the client refreshes it first.
	e.clock.Advance(time.Hour + time.Minute)
	cl, err := e.app.AdminClient(sh)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cl.Shop(context.Background()); err != nil {
		t.Fatal(err)
	}
	if g := e.emu.Grants(); g.Refresh != 1 {
		t.Errorf("grants %+v", g)
	}
	if _, err := e.app.AdminClient(&store.Shop{Domain: "not a shop"}); err == nil {
		t.Error("AdminClient accepted a bad domain")
	}
}
