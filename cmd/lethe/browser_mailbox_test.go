package main

import (
	"testing"

	"github.com/lethe-gdpr/lethe/app/testenv/browser"
)

// demoPages are the pages only `lethe demo` has: its mailbox (the mail the
// in-process SMTP server caught) and one caught message. The browser
// stack of TestBrowserPages has no mailbox, so they are opened in the demo
// itself, embedded as the Shopify admin opens it.
var demoPages = []panelPage{
	{name: "mailbox", path: "/app/mail", ready: "main table", h1: map[string]string{"de": "Postfach (Demo)", "en": "Mailbox (demo)"},
		phone: func(t *testing.T, p *browser.Page) { tableFits(t, p, "#mail-list") }},
	{name: "mailbox-message", path: "/app/mail/1", ready: "main .card"}, // its h1 is the message's subject
}

// The demo's mailbox pages show in the merchant's language, pass axe-core
// and do not scroll sideways on a phone, as every page of the panel.
func TestBrowserDemoMailbox(t *testing.T) {
	b := browser.Start(t) // a missing Chromium skips before the demo starts
	d, _ := startDemo(t)
	s := &browserStack{stack: &stack{t: t, base: d.base, emu: d.emu, app: d.app, domain: demoDomain}, smtp: d.smtp, b: b}
	if _, ok := waitDemoMail(d.smtp, demoShop.Email, ""); !ok {
		t.Fatal("the demo caught no mail")
	}
	for _, pg := range demoPages {
		for _, l := range langs {
			t.Run(pg.name+"-"+l.code, func(t *testing.T) {
				p := s.embeddedPage(t, browser.Options{})
				p.Open(s.embeddedURL(pg.path, l.locale), pg.ready)
				if pg.name == "mailbox-message" && p.Text("h1") == "" {
					t.Error("the message's page has no heading")
				}
				checkPage(t, p, pg, l.code)
			})
		}
	}
}
