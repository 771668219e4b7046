package main

import (
	"encoding/base64"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/mail/mailtest"
	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/app/testenv/browser"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

// The panel's browser tests: the running binary (stack: `lethe serve` with
// the Shopify emulator and a real SMTP server) driven by headless Chromium
// (app/testenv/browser). Each test opens pages as a merchant does, asserts
// their texts, saves a screenshot per language under screenshots/ and runs
// axe-core on every page it loads.
//
// Embedded mode: Shopify loads the panel in the admin's iframe as
// /app?embedded=1&shop=…&host=…&id_token=…&locale=…, and App Bridge
// (https://cdn.shopify.com/shopifycloud/app-bridge.js) gives the page
// window.shopify.idToken(), a fresh session token for each request. The
// real App Bridge cannot be loaded here: the tests run offline, and it
// works only inside the Shopify admin's frame. So the browser blocks
// cdn.shopify.com (the script fails at once, as offline) and a stand-in
// defines window.shopify.idToken() answering a fresh token signed with the
// app's secret, the one call of App Bridge the panel uses (panel.js).

// Adding a page: one line in embeddedPages (or openPages,
// browser_pages_test.go) has it opened in both languages, on a laptop and a
// phone, checked by axe-core and photographed. Adding a flow: a test that
// starts a browserStack, opens a page, acts with the harness (Fill, Click,
// ClickTo — which waits for the page or htmx swap the click leads to —,
// Select, Press) and asserts, for example
//
//	func TestBrowserRefuseRequest(t *testing.T) {
//		s := startBrowserStack(t)
//		for _, l := range langs {
//			t.Run(l.code, func(t *testing.T) {
//				r, _ := s.customerRequest(int64(len(l.code)), "de")
//				p := s.embeddedPage(t, browser.Options{})
//				p.Open(s.embeddedURL(fmt.Sprintf("/app/requests/%d", r.ID), l.locale), "main h1")
//				p.Fill("#refuse-reason", "Offenkundig unbegründet")
//				p.ClickTo("#refuse button[type=submit]", "#flash .banner")
//				p.WaitText("main", map[string]string{"de": "Abgelehnt", "en": "Refused"}[l.code])
//				p.Screenshot(l.code)
//				p.Axe()
//			})
//		}
//	}

// browserStack is a stack with a Chromium beside it.
type browserStack struct {
	*stack
	smtp *mailtest.Server
	b    *browser.Browser
}

// startBrowserStack starts Chromium first (a missing one skips before the
// stack costs anything), then the stack.
func startBrowserStack(t *testing.T) *browserStack {
	t.Helper()
	b := browser.Start(t)
	s, smtp := startStack(t, testenv.MemoryRedis, nil)
	return &browserStack{stack: s, smtp: smtp, b: b}
}

// appBridgeStandIn is the test's App Bridge: idToken() asks the test for a
// fresh session token (window.__letheSessionToken, a Go func).
const appBridgeStandIn = `window.shopify = {idToken: () => window.__letheSessionToken()};`

// token is a fresh session token of domain for the stack's app.
func (s *stack) token(domain string) string {
	return shopifytest.SessionToken(domain, s.app.ClientID, s.app.ClientSecret, time.Now())
}

// embeddedPage is a tab that loads the panel as the Shopify admin does, for
// the stack's current shop: App Bridge's CDN blocked, its stand-in giving
// fresh session tokens.
func (s *browserStack) embeddedPage(t testing.TB, o browser.Options) *browser.Page {
	t.Helper()
	domain := s.domain
	o.Block = append(o.Block, "https://cdn.shopify.com/*")
	o.Scripts = append(o.Scripts, appBridgeStandIn)
	if o.Funcs == nil {
		o.Funcs = map[string]func() string{}
	}
	if o.Funcs["__letheSessionToken"] == nil {
		o.Funcs["__letheSessionToken"] = func() string { return s.token(domain) }
	}
	return s.b.Page(t, o)
}

// embeddedURL is path of the panel as the Shopify admin opens it for the
// current shop in locale (de-DE, en): embedded=1, shop, host and a session
// token as id_token.
func (s *stack) embeddedURL(path, locale string) string {
	q := url.Values{}
	q.Set("embedded", "1")
	q.Set("shop", s.domain)
	q.Set("host", base64.RawURLEncoding.EncodeToString([]byte("admin.shopify.com/store/"+strings.TrimSuffix(s.domain, ".myshopify.com"))))
	q.Set("id_token", s.token(s.domain))
	q.Set("locale", locale)
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return s.base + path + sep + q.Encode()
}

// langs are the panel's languages as Shopify's locale parameter names them.
var langs = []struct{ code, locale string }{{"de", "de-DE"}, {"en", "en"}}
