package main

import (
	"strings"
	"sync/atomic"
	"testing"

	"github.com/lethe-gdpr/lethe/app/testenv/browser"
)

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
	if href := p.Attr(`nav a[href^="/app?"]`, "href"); !strings.Contains(href, "shop="+s.domain) || !strings.Contains(href, "embedded=1") {
		t.Errorf("an embedded panel link is %q: without shop and embedded a plain navigation cannot bounce for a token", href)
	}
	p.ClickTo(`nav a[href^="/app?"]`, "h1") // the inbox again (its link carries shop and host): stays in English
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
