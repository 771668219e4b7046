package main

import (
	"strings"
	"sync/atomic"
	"testing"

	"github.com/lethe-gdpr/lethe/app/testenv/browser"
)

// panelPage is a page of the panel the browser opens embedded in both
// languages: it must show its heading, carry App Bridge's API key, look
// right on a laptop and a phone (screenshots) and pass axe-core.
type panelPage struct {
	name  string            // the screenshots' name
	path  string            // under /app
	ready string            // a selector that is there once the page is
	h1    map[string]string // lang → a text of the page's h1
}

// embeddedPages: add a page of the panel here to have it opened, checked
// and photographed in both languages.
var embeddedPages = []panelPage{
	{name: "inbox", path: "/app", ready: "#inbox-list", h1: map[string]string{"de": "Anfragen", "en": "Requests"}},
}

// Every page of the panel loaded as Shopify loads it (embedded=1, shop,
// host, id_token, locale) shows in Shopify's locale with App Bridge's meta
// tag, passes axe-core and does not scroll sideways on a phone.
func TestBrowserEmbeddedPages(t *testing.T) {
	s := startBrowserStack(t)
	s.customerRequest(1, "de") // a row in the inbox
	for _, pg := range embeddedPages {
		for _, l := range langs {
			t.Run(pg.name+"-"+l.code, func(t *testing.T) {
				p := s.embeddedPage(t, browser.Options{})
				p.Open(s.embeddedURL(pg.path, l.locale), pg.ready)
				if got := p.Attr("html", "lang"); got != l.code {
					t.Errorf("html lang %q, want %q", got, l.code)
				}
				if got := p.Attr(`meta[name="shopify-api-key"]`, "content"); got != s.app.ClientID {
					t.Errorf("App Bridge's meta tag names %q, want the app's API key %q", got, s.app.ClientID)
				}
				if got := p.Text("h1"); !strings.Contains(got, pg.h1[l.code]) {
					t.Errorf("h1 %q, want %q", got, pg.h1[l.code])
				}
				p.Screenshot(l.code)
				p.Axe()

				phone := s.embeddedPage(t, browser.Options{Phone: true})
				phone.Open(s.embeddedURL(pg.path, l.locale), pg.ready)
				phone.NoHorizontalScroll()
				phone.Screenshot(l.code + "-phone")
			})
		}
	}
}

// An htmx navigation inside the embedded panel asks App Bridge for a fresh
// session token and carries it: the next page renders (without a token the
// server would answer 401 and send the frame to the login), in the same
// document (no reload), in the language chosen.
func TestBrowserEmbeddedNavigationCarriesToken(t *testing.T) {
	s := startBrowserStack(t)
	var asked atomic.Int32
	p := s.embeddedPage(t, browser.Options{Funcs: map[string]func() string{
		"__letheSessionToken": func() string { asked.Add(1); return s.token(s.domain) }}})
	p.Open(s.embeddedURL("/app", "de-DE"), "#inbox-list")
	p.WaitText("h1", "Anfragen")
	browser.Eval[bool](p, `window.__sameDocument = true`)

	p.ClickTo(`a[hreflang="en"]`, "h1") // the language switch, boosted by htmx
	if got := p.Text("h1"); !strings.Contains(got, "Requests") {
		t.Fatalf("after the language switch the page is %q, want English", got)
	}
	if !browser.Eval[bool](p, `window.__sameDocument === true`) {
		t.Fatal("the language switch reloaded the page instead of an htmx request")
	}
	if asked.Load() == 0 {
		t.Fatal("the htmx request did not ask App Bridge for a session token")
	}
	before := asked.Load()
	if got := p.Attr("html", "lang"); got != "en" {
		t.Errorf("html lang %q after switching to English", got)
	}
	p.ClickTo(`nav a[href="/app"]`, "h1") // the inbox again: stays in English
	if asked.Load() == before {
		t.Error("the second htmx request did not ask for a fresh token")
	}
	if got := p.Text("h1"); !strings.Contains(got, "Requests") {
		t.Errorf("after a second navigation the page is %q, want English", got)
	}
	if !browser.Eval[bool](p, `window.__sameDocument === true`) {
		t.Error("the navigation reloaded the page")
	}
	p.Screenshot("en")
	p.Axe()
}
