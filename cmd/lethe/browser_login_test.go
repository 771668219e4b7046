package main

import (
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/testenv/browser"
)

// inviteUser creates a standalone user of the stack's shop as its admin
// does, with `lethe user create`, and answers the invitation link it
// prints.
func (s *browserStack) inviteUser(t *testing.T, email string) string {
	t.Helper()
	code, out, stderr := runCmd(t, "user", "create", "--shop", s.domain, "--email", email)
	link := strings.TrimSpace(out)
	if code != 0 || !strings.HasPrefix(link, s.base+"/app/invite/") {
		t.Fatalf("lethe user create: %d %q %q", code, out, stderr)
	}
	return link
}

// resetLinkRe finds the reset link in the e-mail.
var resetLinkRe = regexp.MustCompile(`http://[^\s"<>]+/app/reset/[A-Za-z0-9_-]+`)

// resetLink asks for a password reset of email on the reset page, as a
// browser without JavaScript does, and answers the link the e-mail brings.
func (s *browserStack) resetLink(t *testing.T, email string) string {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err := c.Get(s.base + "/app/reset")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := regexp.MustCompile(`name="_csrf" value="([^"]+)"`).FindSubmatch(page)
	if m == nil {
		t.Fatalf("the reset page has no form: %s", page)
	}
	resp, err = c.PostForm(s.base+"/app/reset", url.Values{"_csrf": {string(m[1])}, "email": {email}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("asking for a reset: %d", resp.StatusCode)
	}
	msg, ok := waitDemoMail(s.smtp, email, "")
	link := resetLinkRe.FindString(msg.Text)
	if !ok || link == "" {
		t.Fatalf("no reset e-mail with a link to %s", email)
	}
	return link
}

// The standalone panel, in the running binary, in each language: `lethe
// user create` prints an invitation; its link sets the password and leads
// into the onboarding; a form of another site is refused (403, nothing
// changed); the user logs out and in again with address and password and
// sees the inbox; five wrong passwords lock the account, so the sixth
// attempt is refused even with the right one (429, said in the page's
// language); the password reset's e-mail arrives and its link sets a new
// password, which logs in.
func TestBrowserStandaloneLogin(t *testing.T) {
	s := startBrowserStack(t)
	// Another site, whose page posts a form into the panel without the
	// panel's CSRF token (the browser sends the panel's cookies along).
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<!doctype html><html lang="en"><title>Elsewhere</title><main><h1>Win a prize</h1>
<form method="post" action="%s/app/settings/automation"><input type="hidden" name="auto_send_shown" value="1">
<input type="hidden" name="auto_send" value="1"><button type="submit">Claim it</button></form></main></html>`, s.base)
	}))
	t.Cleanup(other.Close)

	for _, l := range langs {
		t.Run(l.code, func(t *testing.T) {
			email := "inhaberin-" + l.code + "@moebel-mueller.de"
			first, second := "Erstes Passwort, lang genug "+l.code, "Zweites Passwort nach dem Zurücksetzen "+l.code
			link := s.inviteUser(t, email)
			p := s.b.Page(t, browser.Options{})

			// The invitation.
			p.Open(link+"?lang="+l.code, "#pw-new")
			p.WaitText("h1", byLang(l.code, "Willkommen bei Lethe", "Welcome to Lethe"))
			p.WaitText("main", email) // its axe and screenshots: TestBrowserPages
			p.Fill("#pw-new", first)
			p.Fill("#pw-repeat", first+"!")
			p.ClickTo("main form button[type=submit]", "#form-error")
			p.WaitText("#form-error", byLang(l.code, "Die beiden Passwörter stimmen nicht überein.", "The two passwords do not match."))
			p.Fill("#pw-new", first)
			p.Fill("#pw-repeat", first)
			p.ClickTo("main form button[type=submit]", "main h1")
			if got := p.Location(); !strings.HasSuffix(got, "/app/onboarding") {
				t.Fatalf("the first login leads to %s, want the onboarding", got)
			}
			p.WaitText("h1", byLang(l.code, "Einrichtung", "Setup"))
			p.WaitVisible(`form[action="/app/logout"] button`)

			// A form posted from another site: refused, nothing changed.
			p.Open(other.URL, "main button")
			p.ClickTo("main button", "main h1")
			if st := p.NavigationStatus(); st != http.StatusForbidden {
				t.Errorf("a form of another site answered %d, want 403", st)
			}
			p.WaitText("main", byLang(l.code, "Das Formular ist abgelaufen oder kam nicht von dieser Seite. Es wurde nichts geändert.",
				"The form has expired or did not come from this page. Nothing was changed."))
			p.Screenshot(l.code + "-csrf")
			p.Axe()
			var shop struct {
				Settings struct {
					AutoSend bool `json:"auto_send"`
				} `json:"settings"`
			}
			if s.api("GET", "/api/shop", "", &shop); shop.Settings.AutoSend {
				t.Error("the other site's form switched automatic sending on")
			}

			// Log out, log in again.
			p.Open(s.base+"/app", "#inbox-list")
			p.ClickTo(`form[action="/app/logout"] button`, "#login-email")
			p.WaitText("main", byLang(l.code, "Sie sind abgemeldet.", "You are logged out."))
			p.Fill("#login-email", email)
			p.Fill("#login-password", first)
			p.ClickTo("main form button[type=submit]", "#inbox-list")
			p.WaitText("h1", byLang(l.code, "Anfragen", "Requests"))
			p.Screenshot(l.code + "-inbox")
			p.Axe()
			p.ClickTo(`form[action="/app/logout"] button`, "#login-email")

			// Five wrong passwords, then the right one: refused.
			for i := 1; i <= 5; i++ {
				p.Fill("#login-email", email)
				p.Fill("#login-password", fmt.Sprintf("falsch geraten %d", i))
				p.ClickTo("main form button[type=submit]", "#form-error")
				if st := p.NavigationStatus(); st != http.StatusUnprocessableEntity {
					t.Errorf("wrong password %d answered %d, want 422", i, st)
				}
				p.WaitText("#form-error", byLang(l.code, "E-Mail-Adresse oder Passwort ist falsch.", "The e-mail address or the password is wrong."))
			}
			p.Fill("#login-email", email)
			p.Fill("#login-password", first)
			p.ClickTo("main form button[type=submit]", "#form-error")
			if st := p.NavigationStatus(); st != http.StatusTooManyRequests {
				t.Errorf("the sixth attempt answered %d, want 429", st)
			}
			p.WaitText("#form-error", byLang(l.code, "Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es in 15 Minuten erneut.",
				"Too many failed attempts to log in. Please try again in 15 minutes."))
			if p.Attr("#login-email", "value") != email {
				t.Error("the refused form lost the address typed")
			}
			p.Screenshot(l.code + "-limited")
			p.Axe()

			// The password reset: the link by e-mail, a new password.
			p.ClickTo(`main a[href="/app/reset"]`, "#reset-email")
			p.WaitText("h1", byLang(l.code, "Passwort zurücksetzen", "Reset your password"))
			p.Fill("#reset-email", email)
			p.ClickTo("main form button[type=submit]", "main .banner.success")
			p.WaitText("main", byLang(l.code, "Wenn es zu dieser Adresse eine Anmeldung gibt", "If there is a login for this address"))
			m, ok := waitDemoMail(s.smtp, email, "")
			if !ok {
				t.Fatalf("no reset e-mail to %s among %d messages", email, len(s.smtp.Messages()))
			}
			reset := resetLinkRe.FindString(m.Text)
			if reset == "" || !strings.HasPrefix(reset, s.base) {
				t.Fatalf("the reset e-mail has no link to %s: %s", s.base, m.Text)
			}
			if !strings.Contains(m.Subject+m.Text, byLang(l.code, "Passwort", "password")) {
				t.Errorf("the reset e-mail is not in the page's language: %s\n%s", m.Subject, m.Text)
			}
			p.Open(reset, "#pw-new")
			p.WaitText("h1", byLang(l.code, "Neues Passwort festlegen", "Set a new password"))
			p.WaitText("main", email)
			p.Fill("#pw-new", second)
			p.Fill("#pw-repeat", second)
			p.ClickTo("main form button[type=submit]", "#inbox-list")
			p.WaitText("h1", byLang(l.code, "Anfragen", "Requests"))

			// The new password logs in; the link is spent.
			p.ClickTo(`form[action="/app/logout"] button`, "#login-email")
			p.Fill("#login-email", email)
			p.Fill("#login-password", second)
			p.ClickTo("main form button[type=submit]", "#inbox-list")
			if st := p.Status(reset); st != http.StatusGone {
				t.Errorf("the reset link a second time: %d, want 410", st)
			}
			p.WaitText("h1", byLang(l.code, "Dieser Link gilt nicht mehr", "This link is no longer valid"))
		})
	}
}
