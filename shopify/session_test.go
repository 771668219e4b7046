package shopify_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/shopify"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

// requestsOf decodes GET /api/requests.
func requestsOf(t *testing.T, a answer) []map[string]any {
	t.Helper()
	if a.status != http.StatusOK {
		t.Fatalf("GET /api/requests: %d %s", a.status, a.body)
	}
	var out struct {
		Requests []map[string]any `json:"requests"`
	}
	if err := json.Unmarshal([]byte(a.body), &out); err != nil || out.Requests == nil {
		t.Fatalf("body %s: %v", a.body, err)
	}
	return out.Requests
}

func TestSessionManagedInstallationExchangesOnce(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			e := newAppEnv(t, dialect)
			// Shopify installed the app (managed installation); Lethe has no
			// row for the shop until the merchant opens the app.
			if got := requestsOf(t, e.api(t, e.sessionToken(shopBerlin), "/api/requests")); len(got) != 0 {
				t.Errorf("requests of a new shop: %v", got)
			}
			if g := e.emu.Grants(); g.TokenExchange != 1 || g.AuthorizationCode != 0 {
				t.Fatalf("grants %+v", g)
			}
			sh := e.shop(t, shopBerlin)
			if sh.Status != store.ShopActive || sh.Name != "Möbel Berlin GmbH" || sh.Timezone != "Europe/Berlin" ||
				sh.Country != "DE" || sh.Region != "BE" || sh.InstalledAt == nil {
				t.Errorf("shop after token exchange %+v", sh)
			}
			cr := e.credentials(t, sh)
			if !cr.Expiring() || cr.RefreshToken == "" {
				t.Errorf("token exchange did not store an expiring offline token")
			}
			if raw := e.rawCredentials(t, sh.ID); strings.Contains(string(raw), cr.AccessToken) {
				t.Error("token stored in the clear")
			}

			// Later calls use the stored token, even after it expired (it can
			// be refreshed): no second exchange.
			e.clock.Advance(30 * time.Second)
			requestsOf(t, e.api(t, e.sessionToken(shopBerlin), "/api/requests"))
			e.clock.Advance(2 * time.Hour)
			requestsOf(t, e.api(t, e.sessionToken(shopBerlin), "/api/requests"))
			if g := e.emu.Grants(); g.TokenExchange != 1 {
				t.Errorf("grants %+v", g)
			}
			e.noSecretsLogged(t, cr)
			if !strings.Contains(e.logs.String(), `"grant":"token_exchange"`) {
				t.Error("token exchange not logged")
			}
		})
	}
}

func TestSessionConcurrentFirstCallsExchangeOnce(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			e := newAppEnv(t, dialect)
			var wg sync.WaitGroup
			status := make([]int, 10)
			for i := range status {
				tok := e.sessionToken(shopBerlin) // each call has its own token, as App Bridge's
				wg.Go(func() {
					status[i] = e.api(t, tok, "/api/requests").status
				})
			}
			wg.Wait()
			for i, s := range status {
				if s != http.StatusOK {
					t.Errorf("call %d: %d", i, s)
				}
			}
			if g := e.emu.Grants(); g.TokenExchange != 1 {
				t.Errorf("token exchanges: %d, want 1", g.TokenExchange)
			}
		})
	}
}

func TestSessionConcurrentFirstCallsOfManyShops(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			e := newAppEnv(t, dialect)
			shops := []string{shopBerlin, shopWien, shopNYC}
			var wg sync.WaitGroup
			status := make([]int, 5*len(shops))
			for i := range status {
				tok := e.sessionToken(shops[i%len(shops)])
				wg.Go(func() { status[i] = e.api(t, tok, "/api/requests").status })
			}
			wg.Wait()
			for i, s := range status {
				if s != http.StatusOK {
					t.Errorf("call %d (%s): %d", i, shops[i%len(shops)], s)
				}
			}
			if g := e.emu.Grants(); g.TokenExchange != len(shops) {
				t.Errorf("token exchanges: %d, want %d", g.TokenExchange, len(shops))
			}
		})
	}
}

// unsignedToken is a JWT with alg "none".
func unsignedToken(claims map[string]any) string {
	h, _ := json.Marshal(map[string]string{"alg": "none", "typ": "JWT"})
	c, _ := json.Marshal(claims)
	enc := base64.RawURLEncoding.EncodeToString
	return enc(h) + "." + enc(c) + "."
}

func TestSessionTokenRejected(t *testing.T) {
	e := newAppEnv(t, store.SQLite)
	now := e.clock.Now()
	app := e.emu.App()
	with := func(override map[string]any) string {
		return shopifytest.SessionTokenWithClaims(shopBerlin, app.ClientID, app.ClientSecret, now, override)
	}
	ts := func(d time.Duration) int64 { return now.Add(d).Unix() }
	cases := []struct {
		name, header string
	}{
		{"no header", ""},
		{"not bearer", "Basic " + base64.StdEncoding.EncodeToString([]byte("a:b"))},
		{"empty bearer", "Bearer "},
		{"not a JWT", "Bearer not-a-jwt"},
		{"expired beyond leeway", "Bearer " + with(map[string]any{"exp": ts(-11 * time.Second), "nbf": ts(-time.Minute), "iat": ts(-time.Minute)})},
		{"nbf in the future beyond leeway", "Bearer " + with(map[string]any{"nbf": ts(15 * time.Second), "iat": ts(15 * time.Second)})},
		{"no exp", "Bearer " + with(map[string]any{"exp": nil})},
		{"no nbf", "Bearer " + with(map[string]any{"nbf": nil})},
		{"wrong aud", "Bearer " + with(map[string]any{"aud": "another-app"})},
		{"wrong signature", "Bearer " + shopifytest.SessionToken(shopBerlin, app.ClientID, "another-secret", now)},
		{"dest names another shop", "Bearer " + with(map[string]any{"dest": "https://" + shopWien})},
		{"iss names another shop", "Bearer " + with(map[string]any{"iss": "https://" + shopWien + "/admin"})},
		{"iss not the admin", "Bearer " + with(map[string]any{"iss": "https://" + shopBerlin + "/other"})},
		{"dest not a shop", "Bearer " + with(map[string]any{"dest": "https://evil.example.com", "iss": "https://evil.example.com/admin"})},
		{"dest over http", "Bearer " + with(map[string]any{"dest": "http://" + shopBerlin, "iss": "http://" + shopBerlin + "/admin"})},
		{"alg none", "Bearer " + unsignedToken(map[string]any{
			"iss": "https://" + shopBerlin + "/admin", "dest": "https://" + shopBerlin, "aud": app.ClientID,
			"sub": "42", "exp": ts(time.Minute), "nbf": ts(0), "iat": ts(0)})},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, e.url+"/api/requests", nil)
			if c.header != "" {
				req.Header.Set("Authorization", c.header)
			}
			a := fetch(t, http.DefaultClient, req)
			if a.status != http.StatusUnauthorized {
				t.Fatalf("status %d %s", a.status, a.body)
			}
			if a.header.Get("X-Shopify-Retry-Invalid-Session-Request") != "1" {
				t.Error("no X-Shopify-Retry-Invalid-Session-Request: 1")
			}
			if a.errorMessage(t) == "" {
				t.Error("no reason given")
			}
		})
	}
	if g := e.emu.Grants(); g != (shopifytest.GrantCounts{}) {
		t.Errorf("an invalid session token reached Shopify: %+v", g)
	}
	if _, err := e.st.ShopByDomain(context.Background(), "shopify", shopBerlin); err != store.ErrNotFound {
		t.Errorf("an invalid session token created the shop: %v", err)
	}

	// Within the 10 s leeway the token is good.
	for name, override := range map[string]map[string]any{
		"expired 5 s ago":  {"exp": ts(-5 * time.Second), "nbf": ts(-time.Minute), "iat": ts(-time.Minute)},
		"nbf in 5 s":       {"nbf": ts(5 * time.Second)},
		"aud in an array":  {"aud": []string{app.ClientID}},
		"user is optional": {"sub": nil},
	} {
		if a := e.api(t, with(override), "/api/requests"); a.status != http.StatusOK {
			t.Errorf("%s: %d %s", name, a.status, a.body)
		}
	}
}

func TestSessionShopUnknownToShopify(t *testing.T) {
	e := newAppEnv(t, store.SQLite)
	// A well-signed token for a shop Shopify does not know: token exchange
	// is refused, so the session is not good.
	a := e.api(t, e.sessionToken("ghost.myshopify.com"), "/api/requests")
	if a.status != http.StatusUnauthorized || a.header.Get("X-Shopify-Retry-Invalid-Session-Request") != "1" {
		t.Errorf("status %d %s", a.status, a.body)
	}
	if _, err := e.st.ShopByDomain(context.Background(), "shopify", "ghost.myshopify.com"); err != store.ErrNotFound {
		t.Errorf("shop stored: %v", err)
	}
}

func TestSessionExchangesAgainWithoutUsableToken(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name  string
		spoil func(e *appEnv, sh *store.Shop) error
	}{
		{"uninstalled", func(e *appEnv, sh *store.Shop) error {
			if err := e.st.MarkShopUninstalled(ctx, sh.ID, e.clock.Now()); err != nil {
				return err
			}
			return e.st.SetCredentials(ctx, sh.ID, nil)
		}},
		{"needs re-authentication", func(e *appEnv, sh *store.Shop) error {
			return e.st.SetShopStatus(ctx, sh.ID, store.ShopNeedsReauth)
		}},
		{"no credentials", func(e *appEnv, sh *store.Shop) error { return e.st.SetCredentials(ctx, sh.ID, nil) }},
		{"refresh token expired", func(e *appEnv, sh *store.Shop) error {
			return e.st.SetCredentials(ctx, sh.ID, shopify.Credentials{
				AccessToken: "shpat_old", ExpiresAt: e.clock.Now().Add(-time.Hour),
				RefreshToken: "shprt_old", RefreshExpiresAt: e.clock.Now().Add(-time.Minute),
			})
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newAppEnv(t, store.SQLite)
			sh := e.install(t, shopBerlin)
			if err := c.spoil(e, sh); err != nil {
				t.Fatal(err)
			}
			requestsOf(t, e.api(t, e.sessionToken(shopBerlin), "/api/requests"))
			if g := e.emu.Grants(); g.TokenExchange != 1 {
				t.Errorf("grants %+v", g)
			}
			got := e.shop(t, shopBerlin)
			if got.ID != sh.ID || got.Status != store.ShopActive || got.UninstalledAt != nil {
				t.Errorf("shop after exchange %+v", got)
			}
			cl, err := e.app.AdminClient(got)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := cl.Shop(ctx); err != nil {
				t.Errorf("the exchanged token does not work: %v", err)
			}
		})
	}
}

func TestSessionExchangeMissingScopes(t *testing.T) {
	// Lethe requires a scope the merchant's managed installation lacks.
	e := newAppEnv(t, store.SQLite, "read_customers", "read_orders", "read_all_orders")
	a := e.api(t, e.sessionToken(shopBerlin), "/api/requests")
	if a.status != http.StatusForbidden || !strings.Contains(a.errorMessage(t), "read_all_orders") {
		t.Errorf("status %d %s", a.status, a.body)
	}
	if _, err := e.st.ShopByDomain(context.Background(), "shopify", shopBerlin); err != store.ErrNotFound {
		t.Errorf("shop stored despite missing scopes: %v", err)
	}
}

// TestSessionAPIScopedToShop runs the whole chain: session token → token
// exchange → tenant → admin API, for two shops.
func TestSessionAPIScopedToShop(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			e := newAppEnv(t, dialect)
			ctx := context.Background()
			requestsOf(t, e.api(t, e.sessionToken(shopBerlin), "/api/requests"))
			requestsOf(t, e.api(t, e.sessionToken(shopWien), "/api/requests"))
			wien := e.shop(t, shopWien)
			r := &store.Request{
				ShopID: wien.ID, Type: store.TypeAccess, Source: "shopify",
				Subject:    store.Subject{CustomerID: "gid://shopify/Customer/1", Email: "anna@example.com", OrderIDs: []string{"gid://shopify/Order/7"}},
				ReceivedAt: e.clock.Now(), DueAt: store.DayOf(2026, 12, 2), ExtendedDueAt: store.DayOf(2027, 2, 2),
			}
			if err := e.st.CreateRequest(ctx, r); err != nil {
				t.Fatal(err)
			}
			path := fmt.Sprintf("/api/requests/%d", r.ID)

			// Berlin sees nothing of Wien's.
			if got := requestsOf(t, e.api(t, e.sessionToken(shopBerlin), "/api/requests")); len(got) != 0 {
				t.Errorf("shop A lists shop B's requests: %v", got)
			}
			if a := e.api(t, e.sessionToken(shopBerlin), path); a.status != http.StatusNotFound {
				t.Errorf("shop A reads shop B's request: %d %s", a.status, a.body)
			}
			// Wien sees its own.
			got := requestsOf(t, e.api(t, e.sessionToken(shopWien), "/api/requests"))
			if len(got) != 1 || got[0]["id"] != float64(r.ID) {
				t.Fatalf("shop B's list %v", got)
			}
			a := e.api(t, e.sessionToken(shopWien), path)
			if a.status != http.StatusOK || !strings.Contains(a.body, `"email":"anna@example.com"`) {
				t.Errorf("shop B's request: %d %s", a.status, a.body)
			}
			if strings.Contains(e.logs.String(), "anna@example.com") {
				t.Error("personal data in the logs")
			}
		})
	}
}
