package main

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv/browser"
	"github.com/lethe-gdpr/lethe/woocommerce/wctest"
)

// The standalone panel of a WooCommerce shop in the browser: the running
// binary with a store connected through wc-auth (wooStack), its merchant
// logged in through the invitation the connect flow led to. The browser
// reaches Lethe's listener directly: the TLS-terminating proxy in front of
// Lethe's public https URL is the test (behindTLS), and Chromium cannot use
// it, so the https links are opened as the plain http the proxy forwards.

// systems is the settings' card of the connected systems.
const systems = `section[aria-labelledby="s-systems"]`

// wooPanelURL is u (Lethe's public https URL or a link under it) as the
// browser opens it: at the listener, over plain http.
func (s *wooStack) wooPanelURL(u string) string {
	return "http://" + strings.TrimPrefix(u, "https://")
}

// intake enters a request as the merchant does with an API token.
func (s *wooStack) intake(typ, email, locale string) int64 {
	s.t.Helper()
	var created apiRequest
	body := fmt.Sprintf(`{"type":%q,"email":%q,"locale":%q,"channel":"e-mail"}`, typ, email, locale)
	if code, b := s.api("POST", "/api/requests", body, &created); code != http.StatusCreated {
		s.t.Fatalf("intake: %d %s", code, b)
	}
	return created.ID
}

// checkWooPage checks the page as it is loaded: its language, no text
// missing from the catalog, axe-core, no sideways scrolling on a phone;
// and photographs it as name in lang on a laptop and a phone. The page is
// a laptop's again afterwards.
func checkWooPage(t *testing.T, p *browser.Page, name, lang string) {
	t.Helper()
	if got := p.Attr("html", "lang"); got != lang {
		t.Errorf("%s: html lang %q, want %q", name, got, lang)
	}
	checkTexts(t, p)
	p.Screenshot(name + "-" + lang)
	p.Axe()
	p.Phone(true)
	p.NoHorizontalScroll()
	p.Axe() // the phone's layout too (tables stacked, the navigation below the brand)
	// Nothing scrolls sideways inside its card either.
	if wide := browser.Eval[[]string](p, `[...document.querySelectorAll(".table-wrap")].filter(w => w.scrollWidth > w.clientWidth + 1).map(w => w.closest("section")?.getAttribute("aria-labelledby") || "?")`); len(wide) > 0 {
		t.Errorf("%s: tables scroll sideways inside their cards on a phone: %v", name, wide)
	}
	// The standalone panel's navigation fits a phone in two lines at most.
	if rows := browser.Eval[int](p, `new Set([...document.querySelectorAll(".top nav a")].map(a => Math.round(a.getBoundingClientRect().top))).size`); rows > 2 {
		t.Errorf("%s: the navigation takes %d lines on a phone", name, rows)
	}
	p.Screenshot(name + "-" + lang + "-phone")
	p.Phone(false)
}

// TestBrowserWooCommerce opens the panel of a connected WooCommerce store
// in German and in English: the inbox; the settings with the companion
// plugin's setup (the webhook URL and the secret, the secret behind a
// disclosure, both copied with their buttons; whether the plugin answers
// its ping, then after it was removed); the request page of an access
// request the store was searched for without the plugin (what could not be
// searched); the request page of an erasure that ran without the plugin
// (the orders and fields left to erase by hand); and, once the merchant
// revoked Lethe's key, the banner on every page, the inbox row and the
// request page of a request that waits for the reconnection.
func TestBrowserWooCommerce(t *testing.T) {
	b := browser.Start(t)
	s := startWooStack(t, wctest.Options{}, map[string]string{"LETHE_RETRY_DELAY": "200ms"})
	anna := s.emu.SeedGerman()
	erika := s.emu.SeedErasure()
	webhook := s.public + "/webhooks/woocommerce/" + strconv.FormatInt(s.shopID, 10)
	s.emu.SetPluginWebhook(webhook) // the merchant pasted both into the plugin
	panel := s.wooPanelURL(s.public)
	start := time.Now()

	// Erika's erasure is discovered while the plugin is there.
	erasure := s.intake("erasure", erika.Email, "de")

	// The merchant answers the invitation and sets a password.
	if !strings.HasPrefix(s.invite, s.public+"/app/invite/") {
		t.Fatalf("the connect flow led to %q, not to an invitation", s.invite)
	}
	p := b.Page(t, browser.Options{})
	p.AllowClipboard()
	p.Open(s.wooPanelURL(s.invite)+"?lang=de", "#pw-new")
	p.WaitText("h1", "Willkommen bei Lethe")
	checkWooPage(t, p, "invite", "de")
	pw := "Kaffee und Kuchen am Sonntag"
	p.Fill("#pw-new", pw)
	p.Fill("#pw-repeat", pw)
	p.ClickTo("main form button[type=submit]", "main h1")
	if got := p.Location(); !strings.HasSuffix(got, "/app/onboarding") {
		t.Fatalf("the first login leads to %s, want the onboarding", got)
	}

	// The settings: the plugin's setup, the plugin answering.
	for _, l := range langs {
		p.Open(panel+"/app/settings?lang="+l.code, "#s-systems")
		p.WaitText(systems, byLang(l.code, "Plugin „Lethe Privacy“ für WordPress", "The “Lethe Privacy” plugin for WordPress"))
		p.WaitText("#s-setup-0", byLang(l.code, "Antwortet", "Answers"))
		p.WaitText(".setup", "Plugin "+wctest.PluginVersion+" · WordPress ")
		if got := p.Attr(".setup a[download]", "href"); got != s.public+"/woocommerce/lethe-privacy.zip" {
			t.Errorf("the plugin's download link is %q", got)
		}
		if got := browser.Eval[string](p, `document.getElementById("setup-0-0").value`); got != webhook {
			t.Errorf("the webhook URL shown is %q, want %q", got, webhook)
		}
		if browser.Eval[bool](p, `document.getElementById("setup-0-1").checkVisibility()`) {
			t.Error("the secret shows before the merchant opens its disclosure")
		}
		checkWooPage(t, p, "settings", l.code)

		// Both values copied with their buttons; the secret once shown.
		p.Click(`button[data-copy="setup-0-0"]`)
		p.WaitText(`button[data-copy="setup-0-0"]`, byLang(l.code, "Kopiert", "Copied"))
		if got := p.Clipboard(); got != webhook {
			t.Errorf("the copy button copied %q, want the webhook URL", got)
		}
		p.Click(".setup details summary")
		p.WaitVisible("#setup-0-1")
		if got := browser.Eval[string](p, `document.getElementById("setup-0-1").value`); got != s.secret {
			t.Error("the secret shown is not the shop's")
		}
		p.Click(`button[data-copy="setup-0-1"]`)
		p.WaitText(`button[data-copy="setup-0-1"]`, byLang(l.code, "Kopiert", "Copied"))
		if got := p.Clipboard(); got != s.secret {
			t.Error("the copy button did not copy the secret")
		}
		p.Screenshot("settings-" + l.code + "-copied")
	}

	// The merchant removes the plugin: Anna's access request is searched
	// without it, Erika's erasure runs without it.
	s.waitStatus(erasure, store.StatusAwaitingReview)
	s.emu.UninstallPlugin()
	access := s.intake("access", anna.AnnaEmail, "de")
	if code, b := s.api("POST", fmt.Sprintf("/api/requests/%d/plan/approve", erasure), "", nil); code != http.StatusAccepted {
		t.Fatalf("approve: %d %s", code, b)
	}
	s.waitStatus(access, store.StatusReady)
	s.waitStatus(erasure, store.StatusCompleted)
	t.Logf("requests done %.1f s after the start", time.Since(start).Seconds())

	for _, l := range langs {
		p.Open(panel+"/app/settings?lang="+l.code, "#s-systems")
		p.WaitText("#s-setup-0", byLang(l.code, "Antwortet nicht", "Does not answer"))
		p.WaitText(".setup", byLang(l.code, "Das Plugin antwortet nicht: Es ist im Shop nicht installiert oder nicht aktiviert.",
			"The plugin does not answer: it is not installed or not activated in the store."))
		checkWooPage(t, p, "settings-missing", l.code)

		p.Open(fmt.Sprintf("%s/app/requests/%d?lang=%s", panel, access, l.code), "#progress")
		p.WaitText("#progress", byLang(l.code, "Nicht alles konnte durchsucht werden:", "Not everything could be searched:"))
		p.WaitText("#progress", byLang(l.code, "Das Plugin „Lethe Privacy“ ist in diesem Shop nicht installiert oder nicht eingerichtet. Deshalb wurden nicht durchsucht: Kommentare der Person (außer Produktbewertungen)",
			"The “Lethe Privacy” plugin is not installed or not set up in this store, so these were not searched: the person's comments (other than product reviews)"))
		// Each law a row's records cite is named once.
		if cells := browser.Eval[[]string](p, `[...document.querySelectorAll('section[aria-labelledby="h-data"] td')].map(td => td.innerText).filter(t => {
			const parts = t.split(/;|\n/).map(s => s.trim()).filter(Boolean); return new Set(parts).size < parts.length; })`); len(cells) > 0 {
			t.Errorf("the data found repeat their citations: %q", cells)
		}
		checkWooPage(t, p, "request-limits", l.code)

		p.Open(fmt.Sprintf("%s/app/requests/%d?lang=%s", panel, erasure, l.code), ".timeline")
		for _, id := range erika.Kept {
			p.WaitText(".timeline", byLang(l.code, "Bestellung #", "order #")+strconv.FormatInt(id, 10))
		}
		p.WaitText(".timeline", byLang(l.code, "IP-Adresse", "IP address"))
		// Why, once, above the records; a comment by its number.
		why := byLang(l.code, "Nur das Plugin „Lethe Privacy“ kann dies löschen", "Only the “Lethe Privacy” plugin can erase this")
		if n := browser.Eval[int](p, fmt.Sprintf(`[...document.querySelectorAll(".timeline .left-why")].filter(e => e.innerText.startsWith(%q)).length`, why)); n != 1 {
			t.Errorf("the reason the plugin is missing is given %d times, want once above its records", n)
		}
		p.WaitText(".timeline ul.left", byLang(l.code, "Kommentar ", "comment ")+strconv.FormatInt(erika.Comment, 10))
		if text := p.Text(".timeline"); strings.Contains(text, "comment/") || strings.Contains(text, "analytics/") {
			t.Errorf("the timeline names Lethe's record ids: %s", text)
		}
		checkWooPage(t, p, "request-left", l.code)

		p.Open(panel+"/app?lang="+l.code, "#inbox-list")
		p.WaitText("#inbox-list", byLang(l.code, "Antwort bereit", "Answer ready"))
		checkWooPage(t, p, "inbox", l.code)
	}

	// The merchant revokes Lethe's key in WooCommerce: a new request waits.
	if keys := s.emu.Keys(); len(keys) != 1 || !s.emu.RevokeKey(keys[0].ConsumerKey) {
		t.Fatalf("keys %+v", keys)
	}
	waiting := s.intake("access", "niemand@example.de", "de")
	wait(t, "the request waits for the reconnection", func() bool {
		var r struct {
			WaitReason string `json:"wait_reason"`
		}
		s.api("GET", fmt.Sprintf("/api/requests/%d", waiting), "", &r)
		return r.WaitReason == "reconnect:woocommerce"
	})
	reconnect := s.public + "/woocommerce/connect?store_url="
	for _, l := range langs {
		banner := byLang(l.code, "Ihr Shop muss wieder mit WooCommerce verbunden werden.", "Your shop must be connected to WooCommerce again.")
		waits := byLang(l.code, "Wartet, bis WooCommerce wieder verbunden ist", "Waiting for WooCommerce to be connected again")
		p.Open(panel+"/app?lang="+l.code, "#inbox-list")
		p.WaitText("#reconnect", banner)
		p.WaitText("#inbox-list", waits)
		if got := p.Attr("#reconnect a", "href"); !strings.HasPrefix(got, reconnect) {
			t.Errorf("the banner's link is %q, want the connect flow", got)
		}
		checkWooPage(t, p, "inbox-reconnect", l.code)

		p.Open(fmt.Sprintf("%s/app/requests/%d?lang=%s", panel, waiting, l.code), "#waiting")
		p.WaitText("#reconnect", banner)
		p.WaitText("#waiting", waits)
		checkWooPage(t, p, "request-reconnect", l.code)

		// The settings say how to reconnect as WooCommerce has it, not
		// Shopify's way (opening the app in the shop's admin).
		p.Open(panel+"/app/settings?lang="+l.code, "#s-systems")
		p.WaitText("#reconnect", banner)
		p.WaitText(systems, byLang(l.code, "Anmeldung erneuern", "needs re-authentication"))
		p.WaitText(systems, byLang(l.code, "Melden Sie sich in WordPress als Administrator an", "log in to WordPress as an administrator"))
		if got := p.Attr(systems+" ul a", "href"); !strings.HasPrefix(got, reconnect) {
			t.Errorf("the settings' reconnect link is %q", got)
		}
		checkWooPage(t, p, "settings-reconnect", l.code)
	}
	t.Logf("%.1f s in all", time.Since(start).Seconds())
}
