package main

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

// panelGet requests path of the panel as the embedded app does: the first
// load with the session token as ?id_token= (header empty), or an htmx
// request with it as Authorization: Bearer. Redirects are not followed.
func (s *stack) panelGet(path, token string, htmx bool) (int, http.Header, string) {
	s.t.Helper()
	u := s.base + path
	if token != "" && !htmx {
		sep := "?"
		if strings.Contains(path, "?") {
			sep = "&"
		}
		u += sep + "id_token=" + url.QueryEscape(token)
	}
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	if htmx {
		req.Header.Set("HX-Request", "true")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

// apiGet calls the admin API with token (no token exchange, no retries).
func (s *stack) apiGet(path, token string) int {
	s.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, s.base+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// The embedded panel answers only a valid session token of an installed
// shop, shows a shop only its own requests, and lets only that shop's
// admin frame it.
func TestPanelEmbeddedRefusals(t *testing.T) {
	s, _ := startStack(t, testenv.MemoryRedis, nil)
	shopA := s.domain
	reqA, emailA := s.customerRequest(1, "de")
	shopB := "zweiter-laden.myshopify.com"
	s.installShop(shopB, shopifytest.ShopOptions{Name: "Zweiter Laden", Email: "info@zweiter-laden.de",
		Timezone: "Europe/Berlin", Country: "DE", City: "Leipzig", Address1: "Markt 1", Zip: "04109"})
	s.domain = shopA
	now := time.Now()
	good := func() string { return s.token(shopA) }

	t.Run("without a valid session token", func(t *testing.T) {
		old := now.Add(-10 * time.Minute)
		bad := map[string]string{
			"expired": shopifytest.SessionTokenWithClaims(shopA, s.app.ClientID, s.app.ClientSecret, now,
				map[string]any{"exp": now.Add(-5 * time.Minute).Unix(), "nbf": old.Unix(), "iat": old.Unix()}),
			"wrong signature":        shopifytest.SessionToken(shopA, s.app.ClientID, "shpss_not_the_secret", now),
			"another app's token":    shopifytest.SessionToken(shopA, "another-app", "shpss_another_apps_secret", now),
			"another API key signed": shopifytest.SessionToken(shopA, "another-app", s.app.ClientSecret, now),
			"not a token":            "not-a-jwt",
			"tampered":               good()[:len(good())-4] + "AAAA",
		}
		for name, tok := range bad {
			for _, htmx := range []bool{false, true} {
				code, h, body := s.panelGet("/app", tok, htmx)
				if code != http.StatusUnauthorized {
					t.Errorf("%s (htmx %v): %d, want 401", name, htmx, code)
				}
				if strings.Contains(body, "Möbel Müller") || strings.Contains(body, fmt.Sprintf("/app/requests/%d", reqA.ID)) {
					t.Errorf("%s (htmx %v): the refusal shows the shop's data:\n%s", name, htmx, body)
				}
				if !strings.HasPrefix(h.Get("WWW-Authenticate"), "Bearer") {
					t.Errorf("%s (htmx %v): WWW-Authenticate %q", name, htmx, h.Get("WWW-Authenticate"))
				}
			}
			if code := s.apiGet("/api/requests", tok); code != http.StatusUnauthorized {
				t.Errorf("%s: API %d, want 401", name, code)
			}
		}
		// No token at all: a plain load goes to the login, an embedded one
		// to Shopify's bounce page for a token; neither shows the inbox.
		code, h, body := s.panelGet("/app", "", false)
		if code != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/app/login") {
			t.Errorf("no token: %d to %q, want 303 to the login", code, h.Get("Location"))
		}
		if strings.Contains(body, "inbox-list") {
			t.Error("no token: the answer shows the inbox")
		}
		code, h, _ = s.panelGet("/app", "", true)
		if code != http.StatusUnauthorized || !strings.HasPrefix(h.Get("HX-Redirect"), "/app/login") {
			t.Errorf("no token (htmx): %d, HX-Redirect %q, want 401 to the login", code, h.Get("HX-Redirect"))
		}
		code, h, _ = s.panelGet("/app?embedded=1&shop="+shopA, "", false)
		if code != http.StatusSeeOther || !strings.Contains(h.Get("Location"), "shopify-reload=") {
			t.Errorf("embedded without a token: %d to %q, want the bounce", code, h.Get("Location"))
		}
		code, _, body = s.panelGet(h.Get("Location"), "", false)
		if code != http.StatusOK || !strings.Contains(body, `name="shopify-api-key" content="`+s.app.ClientID+`"`) || strings.Contains(body, "inbox") {
			t.Errorf("bounce page: %d\n%s", code, body)
		}
		// The good token passes, in both ways.
		for _, htmx := range []bool{false, true} {
			if code, _, body := s.panelGet("/app", good(), htmx); code != http.StatusOK || !strings.Contains(body, fmt.Sprintf("/app/requests/%d", reqA.ID)) {
				t.Errorf("valid token (htmx %v): %d, want 200 with the request", htmx, code)
			}
		}
	})

	t.Run("another shop's request by id", func(t *testing.T) {
		id := fmt.Sprint(reqA.ID)
		if code := s.apiGet("/api/requests/"+id, good()); code != http.StatusOK {
			t.Fatalf("shop A reads its request: %d", code)
		}
		tokB := s.token(shopB)
		for _, path := range []string{"/api/requests/" + id, "/api/requests/" + id + "/report.json"} {
			if code := s.apiGet(path, tokB); code != http.StatusNotFound {
				t.Errorf("shop B: GET %s: %d, want 404", path, code)
			}
		}
		for _, htmx := range []bool{false, true} {
			code, _, body := s.panelGet("/app/requests/"+id, tokB, htmx)
			if code != http.StatusNotFound {
				t.Errorf("shop B: /app/requests/%s (htmx %v): %d, want 404", id, htmx, code)
			}
			if strings.Contains(body, emailA) || strings.Contains(body, mask(emailA)) {
				t.Errorf("shop B sees shop A's customer:\n%s", body)
			}
		}
		// Shop B's own inbox does not list it.
		if _, _, body := s.panelGet("/app", tokB, false); strings.Contains(body, "/app/requests/"+id) {
			t.Error("shop B's inbox lists shop A's request")
		}
		// Shop A reads it where shop B got the 404, as a first load and by
		// htmx.
		for _, htmx := range []bool{false, true} {
			code, _, body := s.panelGet("/app/requests/"+id, good(), htmx)
			if code != http.StatusOK || !strings.Contains(body, emailA) {
				t.Errorf("shop A's own request page (htmx %v): %d, want 200 with its customer", htmx, code)
			}
		}
	})

	t.Run("frame-ancestors", func(t *testing.T) {
		want := "frame-ancestors https://" + shopA + " https://admin.shopify.com;"
		_, h, _ := s.panelGet("/app?embedded=1&shop="+shopA+"&locale=de-DE", good(), false)
		if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, want) || strings.Contains(csp, shopB) {
			t.Errorf("embedded page's CSP %q, want %q", csp, want)
		}
		_, h, _ = s.panelGet("/app", s.token(shopB), true)
		if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors https://"+shopB+" https://admin.shopify.com;") || strings.Contains(csp, shopA) {
			t.Errorf("shop B's CSP %q names another frame", csp)
		}
		_, h, _ = s.panelGet("/app?embedded=1&shop="+shopA+"&shopify-reload=%2Fapp", "", false)
		if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors https://"+shopA+" https://admin.shopify.com") {
			t.Errorf("bounce page's CSP %q", csp)
		}
		_, h, _ = s.panelGet("/app/login", "", false)
		if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("standalone login's CSP %q, want frame-ancestors 'none'", csp)
		}
	})
}

// mask is the inbox's masking of an e-mail address, as far as a test needs
// it: the local part's first letter and the domain's.
func mask(email string) string {
	local, domain, _ := strings.Cut(email, "@")
	if local == "" || domain == "" {
		return email
	}
	return local[:1] + "•••@" + domain[:1]
}
