package shopifytest_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

const shopQuery = `query { shop { name } }`

func tokenRequest(t *testing.T, e *shopifytest.Emulator, form url.Values) (int, map[string]any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, e.URL+"/admin/oauth/access_token", strings.NewReader(form.Encode()))
	req.Host = testShop
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return doJSON(t, req)
}

func creds(e *shopifytest.Emulator, kv ...string) url.Values {
	v := url.Values{"client_id": {e.App().ClientID}, "client_secret": {e.App().ClientSecret}}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v
}

func TestAuthorizationCodeInstallEndToEnd(t *testing.T) {
	e, clock := newEmulator(t)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	q := url.Values{"client_id": {e.App().ClientID}, "scope": {"read_customers,read_orders"}, "redirect_uri": {"https://lethe.example/shopify/callback"}, "state": {"nonce-1"}}
	req, _ := http.NewRequest(http.MethodGet, e.URL+"/admin/oauth/authorize?"+q.Encode(), nil)
	req.Host = testShop
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("authorize status %d", resp.StatusCode)
	}
	loc, _ := url.Parse(resp.Header.Get("Location"))
	params := loc.Query()
	if loc.Host != "lethe.example" || params.Get("state") != "nonce-1" || params.Get("shop") != testShop || params.Get("code") == "" || params.Get("host") == "" {
		t.Fatalf("redirect = %s", loc)
	}
	if params.Get("timestamp") != "1793610000" {
		t.Errorf("timestamp = %s, want the emulator clock's", params.Get("timestamp"))
	}
	if got := shopifytest.SignQuery(params, e.App().ClientSecret); got != params.Get("hmac") {
		t.Fatalf("hmac %s does not verify (want %s)", params.Get("hmac"), got)
	}
	if ar := e.AuthorizeRequests(); len(ar) != 1 || ar[0].Scope != "read_customers,read_orders" || ar[0].State != "nonce-1" {
		t.Errorf("authorize requests = %+v", ar)
	}

	status, body := tokenRequest(t, e, creds(e, "code", params.Get("code"), "expiring", "1"))
	if status != 200 || body["scope"] != "read_customers,read_orders" || body["expires_in"] != 3600.0 ||
		body["refresh_token"] == nil || body["refresh_token_expires_in"] != 7776000.0 {
		t.Fatalf("token answer %d %v", status, body)
	}
	token := body["access_token"].(string)
	if !e.Installed(testShop) {
		t.Error("shop not installed after the grant")
	}
	if status, _ := gql(t, e, testShop, token, shopQuery, nil); status != 200 {
		t.Fatalf("fresh token refused: %d", status)
	}
	// A code works once.
	status, body = tokenRequest(t, e, creds(e, "code", params.Get("code")))
	if status != 400 || body["error"] != "invalid_request" || body["error_description"] == nil {
		t.Fatalf("reused code: %d %v", status, body)
	}
	// The token really expires on the emulator's clock.
	clock.Advance(time.Hour)
	if status, body := gql(t, e, testShop, token, shopQuery, nil); status != 401 || body["errors"] != "[API] Invalid API key or access token (unrecognized login or wrong password)" {
		t.Fatalf("expired token: %d %v", status, body)
	}
	if g := e.Grants(); g.AuthorizationCode != 1 || g.Refresh != 0 {
		t.Errorf("grants = %+v", g)
	}
}

func TestTokenEndpointRejectsWrongCredentials(t *testing.T) {
	e, _ := newEmulator(t)
	code := e.NewAuthorizationCode(testShop)
	tests := []struct {
		name string
		form url.Values
		want string
	}{
		{"wrong secret", url.Values{"client_id": {e.App().ClientID}, "client_secret": {"nope"}, "code": {code}}, "invalid_client"},
		{"wrong client", url.Values{"client_id": {"other"}, "client_secret": {e.App().ClientSecret}, "code": {code}}, "invalid_client"},
		{"missing secret", url.Values{"client_id": {e.App().ClientID}, "code": {code}}, "invalid_request"},
		{"unknown code", creds(e, "code", "deadbeef"), "invalid_request"},
		{"unknown grant", creds(e, "grant_type", "password"), "unsupported_grant_type"},
		{"bad refresh token", creds(e, "grant_type", "refresh_token", "refresh_token", "shprt_x"), "invalid_grant"},
	}
	for _, tt := range tests {
		status, body := tokenRequest(t, e, tt.form)
		if status != 400 || body["error"] != tt.want || body["error_description"] == "" {
			t.Errorf("%s: %d %v, want 400 %s", tt.name, status, body, tt.want)
		}
	}
	// The code survived the failed attempts and works with the right secret,
	// sent as JSON.
	status, body := post(t, e, testShop, "/admin/oauth/access_token", nil, map[string]any{
		"client_id": e.App().ClientID, "client_secret": e.App().ClientSecret, "code": code,
	})
	if status != 200 || body["access_token"] == nil || body["refresh_token"] != nil {
		t.Fatalf("JSON code grant: %d %v", status, body)
	}
}

func TestRefreshRotatesTokens(t *testing.T) {
	e, clock := newEmulator(t)
	set := e.InstallApp(testShop, true)
	clock.Advance(50 * time.Minute)
	status, body := tokenRequest(t, e, creds(e, "grant_type", "refresh_token", "refresh_token", set.RefreshToken))
	if status != 200 || body["refresh_token"] == set.RefreshToken || body["access_token"] == set.AccessToken {
		t.Fatalf("refresh: %d %v", status, body)
	}
	newAccess, newRefresh := body["access_token"].(string), body["refresh_token"].(string)
	// A lost answer can be recovered: until the new token is used, the old
	// refresh token answers the same pair again.
	status, again := tokenRequest(t, e, creds(e, "grant_type", "refresh_token", "refresh_token", set.RefreshToken))
	if status != 200 || again["access_token"] != newAccess {
		t.Fatalf("retry of refresh: %d %v", status, again)
	}
	if status, _ := gql(t, e, testShop, newAccess, shopQuery, nil); status != 200 {
		t.Fatal("new token refused")
	}
	status, body = tokenRequest(t, e, creds(e, "grant_type", "refresh_token", "refresh_token", set.RefreshToken))
	if status != 400 || body["error"] != "invalid_grant" {
		t.Fatalf("spent refresh token after use of its replacement: %d %v", status, body)
	}
	if g := e.Grants(); g.Refresh != 1 {
		t.Errorf("refresh grants = %d, want 1", g.Refresh)
	}
	// Refresh tokens expire after 90 days.
	clock.Advance(91 * 24 * time.Hour)
	status, body = tokenRequest(t, e, creds(e, "grant_type", "refresh_token", "refresh_token", newRefresh))
	if status != 400 || body["error"] != "invalid_grant" {
		t.Fatalf("expired refresh token: %d %v", status, body)
	}
}

func TestTokenExchangeValidatesSessionToken(t *testing.T) {
	e, clock := newEmulator(t)
	app := e.App()
	exchange := func(subject, requested string) (int, map[string]any) {
		return tokenRequest(t, e, creds(e,
			"grant_type", shopifytest.GrantTypeTokenExchange,
			"subject_token", subject,
			"subject_token_type", shopifytest.SubjectTokenTypeIDToken,
			"requested_token_type", requested,
			"expiring", "1"))
	}
	now := clock.Now()
	bad := map[string]string{
		"wrong secret": shopifytest.SessionToken(testShop, app.ClientID, "other-secret", now),
		"wrong aud":    shopifytest.SessionToken(testShop, "other-app", app.ClientSecret, now),
		"expired":      shopifytest.SessionToken(testShop, app.ClientID, app.ClientSecret, now.Add(-2*time.Minute)),
		"other shop":   shopifytest.SessionToken("other.myshopify.com", app.ClientID, app.ClientSecret, now),
		"iss != dest":  shopifytest.SessionTokenWithClaims(testShop, app.ClientID, app.ClientSecret, now, map[string]any{"iss": "https://other.myshopify.com/admin"}),
		"garbage":      "not.a.jwt",
	}
	for name, tok := range bad {
		if status, body := exchange(tok, shopifytest.TokenTypeOffline); status != 400 || body["error"] != "invalid_subject_token" {
			t.Errorf("%s: %d %v", name, status, body)
		}
	}
	// 10 s of clock skew is tolerated.
	skewed := shopifytest.SessionToken(testShop, app.ClientID, app.ClientSecret, now.Add(-65*time.Second))
	status, body := exchange(skewed, shopifytest.TokenTypeOffline)
	if status != 200 || body["expires_in"] != 3600.0 || body["refresh_token"] == nil {
		t.Fatalf("offline exchange: %d %v", status, body)
	}
	status, body = exchange(shopifytest.SessionToken(testShop, app.ClientID, app.ClientSecret, now), shopifytest.TokenTypeOnline)
	if status != 200 || body["associated_user"] == nil || body["refresh_token"] != nil {
		t.Fatalf("online exchange: %d %v", status, body)
	}
	if g := e.Grants(); g.TokenExchange != 2 {
		t.Errorf("exchange grants = %d", g.TokenExchange)
	}
}

func TestUnknownShopAndVersion(t *testing.T) {
	e, _ := newEmulator(t)
	tok := e.InstallApp(testShop, false).AccessToken
	if status, _ := gql(t, e, "nobody.myshopify.com", tok, shopQuery, nil); status != 404 {
		t.Errorf("unknown shop: %d", status)
	}
	status, _ := post(t, e, testShop, "/admin/api/2019-04/graphql.json", map[string]string{"X-Shopify-Access-Token": tok}, map[string]any{"query": shopQuery})
	if status != 404 {
		t.Errorf("unsupported version: %d", status)
	}
	if status, _ := gql(t, e, testShop, "", shopQuery, nil); status != 401 {
		t.Errorf("missing token: %d", status)
	}
	other := "second.myshopify.com"
	e.AddShop(other, shopifytest.ShopOptions{})
	otherTok := e.InstallApp(other, false).AccessToken
	if status, _ := gql(t, e, testShop, otherTok, shopQuery, nil); status != 401 {
		t.Errorf("another shop's token accepted: %d", status)
	}
}
