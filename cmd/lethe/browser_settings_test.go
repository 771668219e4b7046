package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/deadline"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv/browser"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

// The merchant's own pages in the embedded panel, each in German and in
// English, on one stack: the onboarding of a shop as its install leaves it,
// a setting changed and kept, an API token created and revoked, a request
// received by letter entered by hand, and the archive after an erasure.
func TestBrowserSettingsFlows(t *testing.T) {
	s := startBrowserStack(t)
	t.Run("onboarding", func(t *testing.T) { browserOnboarding(t, s) })
	t.Run("settings", func(t *testing.T) { browserSettings(t, s) })
	t.Run("tokens", func(t *testing.T) { browserTokens(t, s) })
	t.Run("new-request", func(t *testing.T) { browserNewRequest(t, s) })
	t.Run("archive", func(t *testing.T) { browserArchive(t, s) })
}

// forShop is the stack as seen by another shop of the emulator (its
// embedded pages, its API calls).
func (s *browserStack) forShop(domain string) *browserStack {
	st := *s.stack
	st.domain = domain
	return &browserStack{stack: &st, smtp: s.smtp, b: s.b}
}

// byLang picks the text of lang from a German and an English one.
func byLang(lang, de, en string) string {
	if lang == "de" {
		return de
	}
	return en
}

var germanMonths = []string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"}

// proseDate is d as the panel writes a date in lang.
func proseDate(lang string, d gdpr.Date) string {
	if lang == "de" {
		return fmt.Sprintf("%d. %s %d", d.Day(), germanMonths[d.Month()-1], d.Year())
	}
	return fmt.Sprintf("%d %s %d", d.Day(), d.Month(), d.Year())
}

// A shop whose postcode lies in two federal states, as its install leaves
// it: every page names what the setup lacks; the onboarding asks for the
// state (naming the candidates) and for what only the merchant knows; once
// saved, the inbox thanks and the setup banner is gone, and the settings
// show what was entered.
func browserOnboarding(t *testing.T, s *browserStack) {
	for _, l := range langs {
		t.Run(l.code, func(t *testing.T) {
			domain := "grenzladen-" + l.code + ".myshopify.com"
			s.emu.AddShop(domain, shopifytest.ShopOptions{Name: "Grenzladen", Company: "Grenzladen UG", Email: "info@grenzladen.example",
				Country: "DE", City: "Hamburg", Address1: "Am Deich 3", Zip: "21039"})
			g := s.forShop(domain)
			p := g.embeddedPage(t, browser.Options{})
			p.Open(g.embeddedURL("/app", l.locale), "#inbox-list") // the merchant opens the app: installed
			p.WaitText("main > .banner.warning", byLang(l.code, "Noch offen:", "Still missing:"))
			p.WaitText("main > .banner.warning", byLang(l.code, "Bundesland, Aufsichtsbehörde", "federal state, supervisory authority"))

			p.ClickTo(`main > .banner.warning a[href^="/app/onboarding"]`, "#f-state")
			p.WaitText("h1", byLang(l.code, "Einrichtung", "Setup"))
			p.WaitText("#h-state", byLang(l.code, "Die Postleitzahl 21039 liegt in mehreren Bundesländern", "The postcode 21039 lies in more than one federal state"))
			p.WaitText("#h-state", "Hamburg, Schleswig-Holstein")
			if v := browser.Eval[string](p, `document.querySelector("#f-state").value`); v != "" {
				t.Errorf("the state of an ambiguous postcode is preset to %q, want asked", v)
			}
			if got := browser.Eval[string](p, `document.querySelector("#f-legal_name").value`); got != "Grenzladen UG" {
				t.Errorf("legal name %q, want the shop address's company", got)
			}
			p.Screenshot(l.code)
			p.Axe()

			p.Select("#f-state", "HH")
			p.Fill("#f-dpo_name", "Dr. Dana Schutz")
			p.Fill("#f-dpo_email", "dsb@grenzladen.example")
			p.Fill(`[id="f-rec.0.name"]`, "Steuerbüro Nord")
			p.Fill(`[id="f-rec.0.category"]`, byLang(l.code, "Steuerberatung", "Tax adviser"))
			p.Fill(`[id="f-rec.0.country"]`, "DE")
			p.ClickTo(`form[action="/app/onboarding"] button[type=submit]`, "#flash .banner")
			p.WaitText("#flash", byLang(l.code, "Gespeichert. Vielen Dank", "Saved. Thank you"))
			if got := p.Text("h1"); !strings.Contains(got, byLang(l.code, "Anfragen", "Requests")) {
				t.Errorf("after the onboarding the page is %q, want the inbox", got)
			}
			if browser.Eval[bool](p, `!!document.querySelector("main > .banner.warning")`) {
				t.Errorf("the setup banner is still there: %s", p.Text("main > .banner.warning"))
			}
			p.Screenshot(l.code + "-done")
			p.Axe()

			p.ClickTo(`nav a[href^="/app/settings"]`, "#s-profile")
			for _, want := range []string{"Dr. Dana Schutz", "Steuerbüro Nord", "Hamburg", "Hamburgischer Beauftragter für Datenschutz"} {
				p.WaitText("main", want)
			}
			p.Open(g.embeddedURL("/app/onboarding", l.locale), "#f-state") // and again later: as saved
			if v := browser.Eval[string](p, `document.querySelector("#f-state").value`); v != "HH" {
				t.Errorf("the saved state is %q, want HH", v)
			}
		})
	}
}

// A switch of the automation changes and stays changed after a reload; a
// recipient outside the EEA without its safeguard is refused with the
// reason beside the field, with it saved and listed.
func browserSettings(t *testing.T, s *browserStack) {
	for i, l := range langs {
		t.Run(l.code, func(t *testing.T) {
			p := s.embeddedPage(t, browser.Options{})
			p.Open(s.embeddedURL("/app/settings/automation", l.locale), "#f-auto_send")
			was := browser.Eval[bool](p, `document.querySelector("#f-auto_send").checked`)
			if i == 0 && was {
				t.Fatal("a fresh install sends answers without review")
			}
			p.Click("#f-auto_send")
			p.ClickTo(`form[action="/app/settings/automation"] button[type=submit]`, "#flash .banner")
			p.WaitText("#flash", byLang(l.code, "Die Einstellungen sind gespeichert.", "The settings are saved."))
			on := byLang(l.code, "an", "on")
			if was {
				on = byLang(l.code, "aus", "off")
			}
			autoSend := `(() => { const dt = [...document.querySelectorAll("#s-automation ~ dl dt, #s-automation + dl dt")].find(e => e.innerText.includes(%q)); return dt ? dt.nextElementSibling.innerText : "" })()`
			label := byLang(l.code, "Antworten ohne Prüfung versenden", "Send answers without review")
			if got := browser.Eval[string](p, fmt.Sprintf(autoSend, label)); got != on {
				t.Errorf("the overview says %q for %q, want %q", got, label, on)
			}
			p.Open(s.embeddedURL("/app/settings", l.locale), "#s-automation") // reload
			if got := browser.Eval[string](p, fmt.Sprintf(autoSend, label)); got != on {
				t.Errorf("after a reload the overview says %q, want %q", got, on)
			}
			p.Open(s.embeddedURL("/app/settings/automation", l.locale), "#f-auto_send")
			if now := browser.Eval[bool](p, `document.querySelector("#f-auto_send").checked`); now == was {
				t.Errorf("the switch is %v again after a reload", now)
			}

			// A recipient: in the first empty row.
			p.Open(s.embeddedURL("/app/settings/recipients", l.locale), "main h1")
			n := browser.Eval[int](p, `document.querySelectorAll('input[name$=".remove"]').length`)
			f := func(field string) string { return fmt.Sprintf(`[id="f-rec.%d.%s"]`, n, field) }
			name := byLang(l.code, "Versand Schnell GmbH", "Mailchimp")
			p.Fill(f("name"), name)
			p.Fill(f("category"), byLang(l.code, "Versanddienstleister", "Newsletter service"))
			p.Fill(f("country"), byLang(l.code, "DE", "US"))
			if l.code == "en" { // outside the EEA: the safeguard is asked
				p.ClickTo(`form[action="/app/settings/recipients"] button[type=submit]`, "main .banner.critical")
				p.WaitText("main", "A transfer outside the EEA needs its safeguard (Art. 46 GDPR")
				p.Screenshot(l.code + "-refused")
				p.Axe()
				p.Fill(f("safeguards"), "Standard contractual clauses")
			}
			p.ClickTo(`form[action="/app/settings/recipients"] button[type=submit]`, "#flash .banner")
			p.WaitText("#flash", byLang(l.code, "Die Einstellungen sind gespeichert.", "The settings are saved."))
			p.WaitText("main", name)
			p.Open(s.embeddedURL("/app/settings", l.locale), "#s-recipients")
			p.WaitText("main", name)
		})
	}
}

// An API token is shown once, works against the admin API, is listed
// without its value after a reload, and once revoked (after a question)
// no longer works.
func browserTokens(t *testing.T, s *browserStack) {
	for _, l := range langs {
		t.Run(l.code, func(t *testing.T) {
			// window.confirm answers yes and keeps the question asked.
			p := s.embeddedPage(t, browser.Options{Scripts: []string{`window.confirm = q => { window.__asked = q; return true; };`}})
			p.Open(s.embeddedURL("/app/settings/tokens", l.locale), "#f-name")
			name := "Buchhaltung-" + l.code
			p.Fill("#f-name", name)
			p.ClickTo(`form[action="/app/settings/tokens"] button[type=submit]`, "#new-token")
			p.WaitText("main .banner.success", byLang(l.code, "nur dieses eine Mal angezeigt", "shown this once only"))
			tok := browser.Eval[string](p, `document.querySelector("#new-token").value`)
			if code := s.apiGet("/api/requests", tok); code != http.StatusOK {
				t.Fatalf("the new token: GET /api/requests %d", code)
			}
			p.Screenshot(l.code)
			p.Axe()

			p.Open(s.embeddedURL("/app/settings/tokens", l.locale), "main h1")
			if browser.Eval[bool](p, `!!document.querySelector("#new-token")`) || strings.Contains(p.Text("main"), tok) {
				t.Fatal("the token is shown a second time")
			}
			p.WaitText("main table", name)
			p.ClickTo(fmt.Sprintf(`button[aria-label*=%q]`, name), "#flash .banner")
			if q := browser.Eval[string](p, `window.__asked || ""`); !strings.Contains(q, byLang(l.code, "Diesen Token widerrufen?", "Revoke this token?")) {
				t.Errorf("revoking asked %q, want a question first", q)
			}
			p.WaitText("#flash", byLang(l.code, "Der API-Token ist widerrufen", "The API token is revoked"))
			if code := s.apiGet("/api/requests", tok); code != http.StatusUnauthorized {
				t.Errorf("the revoked token: GET /api/requests %d, want 401", code)
			}
			row := browser.Eval[string](p, fmt.Sprintf(`[...document.querySelectorAll("main tbody tr")].find(r => r.innerText.includes(%q)).innerText`, name))
			if !strings.Contains(row, byLang(l.code, "widerrufen am", "revoked on")) {
				t.Errorf("the revoked token's row says %q", row)
			}
			p.Screenshot(l.code + "-revoked")
		})
	}
}

// A request received by letter two weeks ago, entered in the form, is in
// the inbox, received then and due one month after receipt (moved to a
// working day).
func browserNewRequest(t *testing.T, s *browserStack) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	received := gdpr.FromTime(time.Now().In(berlin).AddDate(0, 0, -14), berlin)
	due := deadline.DueOn(received, gdpr.Place{Country: "DE", Region: "BY"}).Due
	for i, l := range langs {
		t.Run(l.code, func(t *testing.T) {
			typ := []string{store.TypeAccess, store.TypeErasure}[i]
			name := "Brief Schreiber " + l.code
			p := s.embeddedPage(t, browser.Options{})
			p.Open(s.embeddedURL("/app", l.locale), "#inbox-list")
			p.ClickTo(`main a.button[href^="/app/requests/new"]`, "#n-email")
			p.WaitText("h1", byLang(l.code, "Neue Anfrage erfassen", "Enter a new request")) // checked empty by TestBrowserPages
			p.Click(fmt.Sprintf(`input[name=type][value=%q]`, typ))
			p.Select("#n-channel", "letter")
			p.Select("#n-received", received.String()) // a date input takes its value as YYYY-MM-DD
			p.Select("#n-locale", l.code)
			p.Fill("#n-email", fmt.Sprintf("brief-%s@example.de", l.code))
			p.Fill("#n-name", name)
			p.ClickTo(`form[action="/app/requests"] button[type=submit]`, "main h1")
			var id int64
			if u, _ := url.Parse(p.Location()); u == nil || !strings.HasPrefix(u.Path, "/app/requests/") {
				t.Fatalf("after the form the page is %s: %s", p.Location(), p.Text("main"))
			} else {
				fmt.Sscanf(u.Path, "/app/requests/%d", &id)
			}
			p.WaitText("main", name)
			p.ClickTo(`nav a[href^="/app?"]`, "#inbox-list")
			row := browser.Eval[string](p, fmt.Sprintf(`(() => { const r = [...document.querySelectorAll("#inbox-list tbody tr")].find(r => r.querySelector("th").innerText.includes("#%d")); return r ? r.innerText : "" })()`, id))
			for _, want := range []string{proseDate(l.code, received), proseDate(l.code, due), byLang(l.code, "Brief", "Letter")} {
				if !strings.Contains(row, want) {
					t.Errorf("the inbox row lacks %q: %q", want, row)
				}
			}
			p.Screenshot(l.code)
		})
	}
}

// After Shopify's customers/redact for a customer with orders has run
// through the pipeline, the archive counts the kept records by the month
// they are purged in (as the admin API lists them); an export without a
// reason is refused with the reason why, with one it downloads the records.
func browserArchive(t *testing.T, s *browserStack) {
	e := seedErika(s.emu, s.domain)
	var orders []int64
	for id := range e.invoices {
		orders = append(orders, id)
	}
	pl := shopifytest.CustomersRedact(1, s.domain, shopifytest.WebhookCustomer{ID: e.customerID, Email: e.email}, orders)
	resp, err := shopifytest.SendWebhook(context.Background(), s.base+"/webhooks/shopify", "customers/redact", s.domain, pl, s.app.ClientSecret)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("redact webhook: %v %v", resp, err)
	}
	resp.Body.Close()
	s.waitStatus(s.requests()[0].ID, store.StatusCompleted)

	var archived struct {
		Records []struct {
			RetainUntil string `json:"retain_until"`
		}
	}
	if code := s.api("GET", "/api/archive?limit=500", "", &archived); code != 200 || len(archived.Records) == 0 {
		t.Fatalf("GET /api/archive: %d, %d records", code, len(archived.Records))
	}
	byMonth := map[string]int{}
	for _, r := range archived.Records {
		byMonth[r.RetainUntil[:7]]++
	}
	months := make([]string, 0, len(byMonth))
	for m := range byMonth {
		months = append(months, m)
	}
	sort.Strings(months)

	for _, l := range langs {
		t.Run(l.code, func(t *testing.T) {
			p := s.embeddedPage(t, browser.Options{})
			p.Open(s.embeddedURL("/app", l.locale), "#inbox-list")
			p.ClickTo(`nav a[href^="/app/archive"]`, "#ar-months")
			rows := browser.Eval[[]string](p, `[...document.querySelectorAll("section[aria-labelledby=ar-months] tbody tr")].map(r => r.innerText)`)
			if len(rows) != len(months) {
				t.Fatalf("the archive lists %d months %q, the API %d: %v", len(rows), rows, len(months), byMonth)
			}
			for i, m := range months {
				at, _ := time.Parse("2006-01", m)
				month := at.Format("January 2006")
				if l.code == "de" {
					month = germanMonths[at.Month()-1] + " " + at.Format("2006")
				}
				if cells := strings.Split(rows[i], "\t"); len(cells) < 2 || cells[0] != month || cells[1] != fmt.Sprint(byMonth[m]) {
					t.Errorf("row %d is %q, want %s with %d records", i, rows[i], month, byMonth[m])
				}
			}
			p.WaitText("main", byLang(l.code, fmt.Sprintf("%d Unterlagen im Archiv.", len(archived.Records)), fmt.Sprintf("%d records in the archive.", len(archived.Records))))
			p.Screenshot(l.code)
			p.Axe()

			// Without a reason: refused, saying why.
			p.ClickTo(`form[action^="/app/archive/export"] button[type=submit]`, "#e-reason")
			if st := p.NavigationStatus(); st != http.StatusBadRequest {
				t.Errorf("an export without a reason answered %d, want 400", st)
			}
			p.WaitText("#e-reason", byLang(l.code, "Ohne Grund wird nichts exportiert.", "Without a reason nothing is exported."))
			p.Screenshot(l.code + "-no-reason")
			p.Axe()

			// With one: the file.
			p.Fill("#f-reason", byLang(l.code, "Anfrage des Finanzamts zur Betriebsprüfung 2024", "The tax office's audit of 2024 asks for the invoices"))
			file, body := p.Download(func() { p.Click(`form[action^="/app/archive/export"] button[type=submit]`) })
			var export map[string]any
			if err := json.Unmarshal(body, &export); err != nil || !strings.HasSuffix(file, ".json") {
				t.Fatalf("the export %s is no JSON file: %v: %.300s", file, err, body)
			}
			if !strings.Contains(string(body), "Erika") && !strings.Contains(string(body), shopifytest.GID("Order", orders[0])) {
				t.Errorf("the export holds none of the archived records: %.500s", body)
			}
		})
	}
}
