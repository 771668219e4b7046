package main

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv/browser"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

// panelPage is a page of the panel TestBrowserPages opens in both
// languages, on a laptop and on a phone: it must show its heading in the
// language, pass axe-core and not scroll sideways.
type panelPage struct {
	name  string            // the screenshots' name
	path  string            // under /app; {request} and {email} stand for the seeded request and its answer's draft
	ready string            // a selector that is there once the page is
	h1    map[string]string // lang → a text of the page's h1
	// beside: the page opens beside the panel (the e-mail's preview, a
	// download): no frame, no App Bridge, no heading of the panel; it is in
	// the language of its reader (lang), not the merchant's.
	beside bool
	lang   string
	// phone, when set, checks more of the page on a phone.
	phone func(t *testing.T, p *browser.Page)
}

// embeddedPages: add a page of the panel here to have it opened, checked
// and photographed in both languages.
var embeddedPages = []panelPage{
	{name: "inbox", path: "/app", ready: "#inbox-list", h1: map[string]string{"de": "Anfragen", "en": "Requests"}, phone: inboxOnAPhone},
	{name: "new-request", path: "/app/requests/new", ready: "#n-email", h1: map[string]string{"de": "Neue Anfrage erfassen", "en": "Enter a new request"}},
	{name: "onboarding", path: "/app/onboarding", ready: "#f-legal_name", h1: map[string]string{"de": "Einrichtung", "en": "Setup"}},
	{name: "settings", path: "/app/settings", ready: "#s-profile", h1: map[string]string{"de": "Einstellungen", "en": "Settings"}},
	{name: "settings-profile", path: "/app/settings/profile", ready: "#f-legal_name", h1: map[string]string{"de": "Unternehmen und Datenschutzbeauftragte(r)", "en": "Business and data protection officer"}},
	{name: "settings-authority", path: "/app/settings/authority", ready: "main form", h1: map[string]string{"de": "Bundesland und Aufsichtsbehörde", "en": "Federal state and supervisory authority"}},
	{name: "settings-recipients", path: "/app/settings/recipients", ready: "main form", h1: map[string]string{"de": "Empfänger", "en": "Recipients"}},
	{name: "settings-automation", path: "/app/settings/automation", ready: "#f-auto_send", h1: map[string]string{"de": "Automatisierung", "en": "Automation"}},
	{name: "settings-retention", path: "/app/settings/retention", ready: "main form", h1: map[string]string{"de": "Aufbewahrungsfristen", "en": "Retention periods"}},
	{name: "settings-tokens", path: "/app/settings/tokens", ready: "#f-name", h1: map[string]string{"de": "API-Tokens", "en": "API tokens"}},
	{name: "archive", path: "/app/archive", ready: "#ar-months", h1: map[string]string{"de": "Archiv", "en": "Archive"}},
	{name: "inbox-filtered", path: "/app/requests?overdue=true&type=access&source=shopify&sort=-received", ready: "#inbox-list",
		h1: map[string]string{"de": "Anfragen", "en": "Requests"}},
	{name: "request", path: "/app/requests/{request}", ready: "#h-emails", h1: map[string]string{"de": "Anfrage Nr.", "en": "Request no."}},
	// The request page in the states that show its other forms: identity
	// held (the mismatch and the verify and close forms), the day of
	// receipt unknown (Shopify's customers/redact: the receipt form), the
	// answer sent (the resend form).
	{name: "request-identity", path: "/app/requests/{identity}", ready: "#identity", h1: map[string]string{"de": "Anfrage Nr.", "en": "Request no."}},
	{name: "request-receipt", path: "/app/requests/{receipt}", ready: "#receipt", h1: map[string]string{"de": "Anfrage Nr.", "en": "Request no."}},
	{name: "request-resend", path: "/app/requests/{resend}", ready: "#resend", h1: map[string]string{"de": "Anfrage Nr.", "en": "Request no."}},
	{name: "email-preview", path: "/app/requests/{request}/emails/{email}/preview", ready: "body", beside: true, lang: "de"},
}

// openPages: the pages that need no session (login, and after it the
// invitation and password reset), opened standalone with ?lang=. The
// invitation's and the new password's pages have no path of their own:
// TestBrowserPages makes their links (links).
var openPages = []panelPage{
	{name: "login", path: "/app/login", ready: "main h1", h1: map[string]string{"de": "Anmelden", "en": "Log in"}},
	{name: "invite", ready: "#pw-new", h1: map[string]string{"de": "Willkommen bei Lethe", "en": "Welcome to Lethe"}},
	{name: "reset", path: "/app/reset", ready: "#reset-email", h1: map[string]string{"de": "Passwort zurücksetzen", "en": "Reset your password"}},
	{name: "reset-password", ready: "#pw-new", h1: map[string]string{"de": "Neues Passwort festlegen", "en": "Set a new password"}},
}

// Every page of the panel shows in the merchant's language (embedded:
// Shopify's locale, with App Bridge's meta tag; the open pages: ?lang=),
// passes axe-core and does not scroll sideways on a phone; each is
// photographed in both languages, on a laptop and a phone.
func TestBrowserPages(t *testing.T) {
	s := startBrowserStack(t)
	r, _ := s.customerRequest(1, "de") // a row in the inbox, a request page with its answer's draft
	s.waitStatus(r.ID, "ready")
	var es struct {
		Emails []struct {
			ID   int64  `json:"id"`
			Kind string `json:"kind"`
		}
	}
	s.api("GET", fmt.Sprintf("/api/requests/%d/emails", r.ID), "", &es)
	var answer int64
	for _, e := range es.Emails {
		if e.Kind == "access_answer" {
			answer = e.ID
		}
	}
	if answer == 0 {
		t.Fatalf("request %d has no answer draft: %+v", r.ID, es.Emails)
	}
	identity, receipt, resend := s.formStates(t)
	paths := strings.NewReplacer("{request}", fmt.Sprint(r.ID), "{email}", fmt.Sprint(answer),
		"{identity}", fmt.Sprint(identity), "{receipt}", fmt.Sprint(receipt), "{resend}", fmt.Sprint(resend))
	s.inviteUser(t, "vergessen@moebel-mueller.de")
	links := map[string]string{ // the open pages reached by a link
		"invite":         s.inviteUser(t, "neu@moebel-mueller.de"),
		"reset-password": s.resetLink(t, "vergessen@moebel-mueller.de"),
	}
	for _, pg := range embeddedPages {
		for _, l := range langs {
			t.Run("embedded-"+pg.name+"-"+l.code, func(t *testing.T) {
				t.Parallel() // the pages only read: tabs side by side
				p := s.embeddedPage(t, browser.Options{})
				p.Open(s.embeddedURL(paths.Replace(pg.path), l.locale), pg.ready)
				if got := p.Attr(`meta[name="shopify-api-key"]`, "content"); got != s.app.ClientID && !pg.beside {
					t.Errorf("App Bridge's meta tag names %q, want the app's API key %q", got, s.app.ClientID)
				}
				checkPage(t, p, pg, l.code)
			})
		}
	}
	for _, pg := range openPages {
		for _, l := range langs {
			t.Run("open-"+pg.name+"-"+l.code, func(t *testing.T) {
				t.Parallel()
				p := s.b.Page(t, browser.Options{})
				u := s.base + pg.path
				if link, ok := links[pg.name]; ok {
					u = link
				}
				p.Open(u+"?lang="+l.code, pg.ready)
				checkPage(t, p, pg, l.code)
			})
		}
	}
}

// formStates makes the requests whose pages show the identity, receipt and
// resend forms, through the API and Shopify's webhooks as they arise: a
// manual request naming a customer's number with another address (held,
// identity_unverified), Shopify's customers/redact (the day of receipt
// unknown), and an access request whose answer was sent.
func (s *browserStack) formStates(t *testing.T) (identity, receipt, resend int64) {
	t.Helper()
	held := s.shopper("Greta", "Held", "greta.held@example.de", "de")
	body := fmt.Sprintf(`{"type":"access","email":"jemand@anders.example","customer_id":"%d","locale":"de","channel":"e-mail"}`, held)
	var created apiRequest
	if code := s.api("POST", "/api/requests", body, &created); code != http.StatusCreated {
		t.Fatalf("intake: %d", code)
	}
	identity = created.ID

	gone := s.shopper("Rolf", "Redact", "rolf.redact@example.de", "de")
	c, orders := s.emu.CustomerWebhook(s.domain, gone)
	before := map[int64]bool{}
	for _, r := range s.requests() {
		before[r.ID] = true
	}
	resp, err := shopifytest.SendWebhook(context.Background(), s.base+"/webhooks/shopify", "customers/redact", s.domain,
		shopifytest.CustomersRedact(1, s.domain, c, orders), s.app.ClientSecret)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("customers/redact: %v %v", resp, err)
	}
	resp.Body.Close()
	for _, r := range s.requests() {
		if !before[r.ID] && r.Type == "erasure" {
			receipt = r.ID
		}
	}

	sent := s.shopper("Sven", "Gesendet", "sven.gesendet@example.de", "de")
	resend = s.webhookRequest(sent, "sven.gesendet@example.de")
	s.waitStatus(resend, "ready")
	var es struct {
		Emails []struct {
			ID   int64  `json:"id"`
			Kind string `json:"kind"`
		}
	}
	s.api("GET", fmt.Sprintf("/api/requests/%d/emails", resend), "", &es)
	for _, e := range es.Emails {
		if e.Kind == "access_answer" {
			if code := s.api("POST", fmt.Sprintf("/api/requests/%d/emails/%d/send", resend, e.ID), "", nil); code != http.StatusAccepted {
				t.Fatalf("send the answer: %d", code)
			}
		}
	}
	s.waitStatus(resend, "answered")
	s.waitStatus(identity, store.StatusIdentityUnverified)
	if receipt == 0 {
		t.Fatal("customers/redact created no request")
	}
	return identity, receipt, resend
}

// checkPage checks a loaded page's language, heading and texts (none
// missing from the catalog), runs axe-core and saves the screenshot on a
// laptop, then turns the page into a phone's, checks it for sideways
// scrolling and saves that screenshot.
func checkPage(t *testing.T, p *browser.Page, pg panelPage, lang string) {
	t.Helper()
	want := lang
	if pg.lang != "" {
		want = pg.lang
	}
	if got := p.Attr("html", "lang"); got != want {
		t.Errorf("html lang %q, want %q", got, want)
	}
	if pg.h1 != nil {
		if got := p.Text("h1"); !strings.Contains(got, pg.h1[lang]) {
			t.Errorf("h1 %q, want %q", got, pg.h1[lang])
		}
	}
	checkTexts(t, p)
	p.Screenshot(lang)
	p.Axe()
	p.Phone(true)
	p.NoHorizontalScroll()
	if pg.phone != nil {
		pg.phone(t, p)
	}
	p.Screenshot(lang + "-phone")
}

// inboxOnAPhone: the masked addresses in the Person column are not broken
// inside a word ("k•••@e•••.d e"): each part (addressParts) stays on one
// line, the first row's short address is whole; and the table fits its
// card (no scrolling inside it either).
func inboxOnAPhone(t *testing.T, p *browser.Page) {
	t.Helper()
	const lines = `(el => { const r = document.createRange(); r.selectNodeContents(el);
		return new Set([...r.getClientRects()].map(c => Math.round(c.bottom))).size; })`
	if n := browser.Eval[int](p, lines+`(document.querySelector("#inbox-list td.subject"))`); n != 1 {
		t.Errorf("the first masked address takes %d lines on a phone, want 1", n)
	}
	parts := browser.Eval[[]int](p, `[...document.querySelectorAll("#inbox-list td.subject .nowrap")].map(`+lines+`)`)
	for _, n := range parts {
		if n != 1 {
			t.Errorf("a part of a masked address takes more than one line on a phone: %v", parts)
			break
		}
	}
	if len(parts) == 0 {
		t.Error("no masked address in parts in the inbox")
	}
	tableFits(t, p, "#inbox-list")
}

// tableFits: the table in the box sel fits it on a phone, no scrolling
// inside it either.
func tableFits(t *testing.T, p *browser.Page, sel string) {
	t.Helper()
	w := browser.Eval[map[string]int](p, `(() => { const l = document.querySelector(`+"`"+sel+"`"+`); return {scroll: l.scrollWidth, client: l.clientWidth}; })()`)
	if w["scroll"] > w["client"] {
		t.Errorf("the table in %s scrolls inside its box on a phone: %d px in %d", sel, w["scroll"], w["client"])
	}
}
