package main

import (
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/testenv/browser"
)

// panelPage is a page of the panel TestBrowserPages opens in both
// languages, on a laptop and on a phone: it must show its heading in the
// language, pass axe-core and not scroll sideways.
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

// openPages: the pages that need no session (login, and after it the
// invitation and password reset), opened standalone with ?lang=.
var openPages = []panelPage{
	{name: "login", path: "/app/login", ready: "main h1", h1: map[string]string{"de": "Anmelden", "en": "Log in"}},
}

// Every page of the panel shows in the merchant's language (embedded:
// Shopify's locale, with App Bridge's meta tag; the open pages: ?lang=),
// passes axe-core and does not scroll sideways on a phone; each is
// photographed in both languages, on a laptop and a phone.
func TestBrowserPages(t *testing.T) {
	s := startBrowserStack(t)
	s.customerRequest(1, "de") // a row in the inbox
	for _, pg := range embeddedPages {
		for _, l := range langs {
			t.Run("embedded-"+pg.name+"-"+l.code, func(t *testing.T) {
				for _, phone := range []bool{false, true} {
					p := s.embeddedPage(t, browser.Options{Phone: phone})
					p.Open(s.embeddedURL(pg.path, l.locale), pg.ready)
					if got := p.Attr(`meta[name="shopify-api-key"]`, "content"); got != s.app.ClientID {
						t.Errorf("App Bridge's meta tag names %q, want the app's API key %q", got, s.app.ClientID)
					}
					checkPage(t, p, pg, l.code, phone)
				}
			})
		}
	}
	for _, pg := range openPages {
		for _, l := range langs {
			t.Run("open-"+pg.name+"-"+l.code, func(t *testing.T) {
				for _, phone := range []bool{false, true} {
					p := s.b.Page(t, browser.Options{Phone: phone})
					p.Open(s.base+pg.path+"?lang="+l.code, pg.ready)
					checkPage(t, p, pg, l.code, phone)
				}
			})
		}
	}
}

// checkPage checks a loaded page's language and heading; on a laptop it
// runs axe-core, on a phone it checks for sideways scrolling; it saves the
// screenshot either way.
func checkPage(t *testing.T, p *browser.Page, pg panelPage, lang string, phone bool) {
	t.Helper()
	if got := p.Attr("html", "lang"); got != lang {
		t.Errorf("html lang %q, want %q", got, lang)
	}
	if got := p.Text("h1"); !strings.Contains(got, pg.h1[lang]) {
		t.Errorf("h1 %q, want %q", got, pg.h1[lang])
	}
	if phone {
		p.NoHorizontalScroll()
		p.Screenshot(lang + "-phone")
		return
	}
	p.Screenshot(lang)
	p.Axe()
}
