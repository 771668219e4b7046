package server_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/logging"
	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/app/step"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

// loginEnv is the panel in standalone mode on a real store: one shop with
// one user whose password is set.
type loginEnv struct {
	st    *store.Store
	l     *tenant.Logins
	url   string
	shop  *store.Shop
	mu    sync.Mutex
	steps []*store.Step // enqueued
}

const (
	loginEmail    = "inhaberin@moebel.example"
	loginPassword = "korrekt-pferd-batterie"
)

func newLoginEnv(t *testing.T, dialect string) *loginEnv {
	t.Helper()
	ctx := context.Background()
	st := testenv.Store(t, dialect)
	e := &loginEnv{st: st, l: tenant.NewLogins(st), shop: &store.Shop{Platform: "woocommerce", Domain: "moebel.example", Name: "Möbel Beispiel"}}
	if err := st.UpsertShop(ctx, e.shop); err != nil {
		t.Fatal(err)
	}
	srv := server.New(server.Deps{Log: logging.New(io.Discard, "json", "error")})
	enqueue := func(_ context.Context, steps ...*store.Step) error {
		e.mu.Lock()
		defer e.mu.Unlock()
		e.steps = append(e.steps, steps...)
		return nil
	}
	api := server.NewAPI(st, enqueue, nil, time.Now)
	panel, err := server.NewPanel(api, server.PanelConfig{Logins: e.l, PublicURL: "https://lethe.example"})
	if err != nil {
		t.Fatal(err)
	}
	panel.Mount(srv.Echo())
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	e.url = ts.URL
	id, err := e.l.CreateUser(ctx, e.shop.ID, loginEmail)
	if err != nil {
		t.Fatal(err)
	}
	link, err := e.l.InviteLink(ctx, id, "https://lethe.example")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.l.Redeem(ctx, store.LoginInvite, linkToken(t, link), loginPassword); err != nil {
		t.Fatal(err)
	}
	return e
}

var linkTokenRE = regexp.MustCompile(`/app/(?:invite|reset)/([A-Za-z0-9_-]{43})`)

func linkToken(t *testing.T, s string) string {
	t.Helper()
	m := linkTokenRE.FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("no link in %q", s)
	}
	return m[1]
}

// browser is a client with a cookie jar that does not follow redirects.
type browser struct {
	t   *testing.T
	e   *loginEnv
	c   *http.Client
	jar *cookiejar.Jar
}

func (e *loginEnv) browser(t *testing.T) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, e: e, jar: jar, c: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (b *browser) do(req *http.Request) (*http.Response, string) {
	b.t.Helper()
	resp, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(body)
}

func (b *browser) get(path string) (*http.Response, string) {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, b.e.url+path, nil)
	return b.do(req)
}

func (b *browser) post(path string, form url.Values) (*http.Response, string) {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, b.e.url+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

func (b *browser) cookie(name string) string {
	u, _ := url.Parse(b.e.url + "/app/")
	for _, c := range b.jar.Cookies(u) {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

var csrfField = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// csrf is the _csrf field of a page.
func (b *browser) csrf(body string) string {
	b.t.Helper()
	m := csrfField.FindStringSubmatch(body)
	if m == nil {
		b.t.Fatalf("no _csrf field in %s", body)
	}
	return m[1]
}

// login opens the login page in lang and logs in with password.
func (b *browser) login(lang, password string) (*http.Response, string) {
	b.t.Helper()
	_, page := b.get("/app/login?lang=" + lang)
	return b.post("/app/login", url.Values{"_csrf": {b.csrf(page)}, "email": {loginEmail}, "password": {password}, "next": {"/app"}})
}

// texts are the words each language's pages must show.
var loginTexts = map[string]struct{ title, email, forgot, inbox, empty, logout, wrong, limited, stale, out string }{
	"de": {"Anmelden", "E-Mail-Adresse", "Passwort vergessen?", "Anfragen", "Keine Anfragen.", "Abmelden",
		"E-Mail-Adresse oder Passwort ist falsch.", "Zu viele fehlgeschlagene Anmeldeversuche", "Das Formular ist abgelaufen", "Sie sind abgemeldet."},
	"en": {"Log in", "E-mail address", "Forgot your password?", "Requests", "No requests.", "Log out",
		"The e-mail address or the password is wrong.", "Too many failed attempts to log in", "The form has expired", "You are logged out."},
}

// The login page, the login (a fresh HttpOnly SameSite cookie, a new
// session id each time) and the inbox behind it, in both languages.
func TestPanelLoginOpensTheInbox(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		for _, lang := range []string{"de", "en"} {
			t.Run(dialect+"/"+lang, func(t *testing.T) {
				e := newLoginEnv(t, dialect)
				b := e.browser(t)
				want := loginTexts[lang]
				resp, _ := b.get("/app/requests?status=open")
				if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/app/login?next=%2Fapp%2Frequests%3Fstatus%3Dopen" {
					t.Fatalf("/app without a session: %d %q", resp.StatusCode, resp.Header.Get("Location"))
				}
				resp, page := b.get("/app/login?lang=" + lang + "&next=%2Fapp%2Frequests%3Fstatus%3Dopen")
				for _, s := range []string{`<html lang="` + lang + `">`, "<h1>" + want.title + "</h1>", `<label for="login-email">` + want.email + "</label>",
					want.forgot, `name="next" value="/app/requests?status=open"`, `autocomplete="current-password"`,
					`<form method="post" action="/app/login" hx-boost="false">`} {
					if !strings.Contains(page, s) {
						t.Errorf("login page lacks %q", s)
					}
				}
				if resp.StatusCode != 200 || b.cookie("lethe_form") == "" || b.csrf(page) != b.cookie("lethe_form") {
					t.Fatalf("login page: %d, form cookie %q", resp.StatusCode, b.cookie("lethe_form"))
				}
				if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") {
					t.Errorf("the login page may be framed: %s", csp)
				}

				resp, _ = b.post("/app/login", url.Values{"_csrf": {b.csrf(page)}, "email": {loginEmail}, "password": {loginPassword},
					"next": {"/app/requests?status=open"}})
				if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/app/requests?status=open" {
					t.Fatalf("login: %d %q", resp.StatusCode, resp.Header.Get("Location"))
				}
				var set *http.Cookie
				for _, c := range resp.Cookies() {
					if c.Name == "lethe_session" {
						set = c
					}
				}
				if set == nil || !set.HttpOnly || set.SameSite != http.SameSiteLaxMode || set.Path != "/app" || set.Value == "" {
					t.Fatalf("session cookie %+v", set)
				}
				if _, _, err := e.l.Open(context.Background(), set.Value); err != nil {
					t.Fatalf("the cookie opens no session: %v", err)
				}

				resp, inbox := b.get("/app")
				for _, s := range []string{"<h1>" + want.inbox + "</h1>", want.empty, want.logout, `<meta name="csrf-token"`} {
					if !strings.Contains(inbox, s) {
						t.Errorf("inbox lacks %q", s)
					}
				}
				if resp.StatusCode != 200 {
					t.Fatalf("inbox: %d", resp.StatusCode)
				}
				if resp, _ := b.get("/app/login"); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/app" {
					t.Errorf("login page with a session: %d %q", resp.StatusCode, resp.Header.Get("Location"))
				}

				// Logging in again (a second tab's form) rotates the id: the
				// old one is dead.
				b.post("/app/login", url.Values{"_csrf": {b.cookie("lethe_form")}, "email": {loginEmail}, "password": {loginPassword}})
				if now := b.cookie("lethe_session"); now == set.Value || now == "" {
					t.Fatal("a second login kept the session id")
				}
				if _, _, err := e.l.Open(context.Background(), set.Value); err == nil {
					t.Fatal("the session before the second login still opens")
				}
			})
		}
	}
}

// The login form without its pre-session token (or with another one) is
// refused (403) before the password is looked at; a session's form
// without the session's token too.
func TestPanelLoginRefusesWithoutCSRF(t *testing.T) {
	e := newLoginEnv(t, store.SQLite)
	for _, lang := range []string{"de", "en"} {
		b := e.browser(t)
		_, page := b.get("/app/login?lang=" + lang)
		for name, tok := range map[string]string{"none": "", "other": strings.Repeat("A", 43), "the session's": b.csrf(page) + "x"} {
			resp, body := b.post("/app/login", url.Values{"_csrf": {tok}, "email": {loginEmail}, "password": {loginPassword}})
			if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, loginTexts[lang].stale) || b.cookie("lethe_session") != "" {
				t.Fatalf("%s: %s token: %d %q", lang, name, resp.StatusCode, body)
			}
		}
		// Another site's form carries no cookie of ours: a token alone fails.
		nb := e.browser(t)
		if resp, _ := nb.post("/app/login", url.Values{"_csrf": {b.csrf(page)}, "email": {loginEmail}, "password": {loginPassword}}); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("token without its cookie: %d", resp.StatusCode)
		}
		if resp, _ := b.login(lang, loginPassword); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("login: %d", resp.StatusCode)
		}
		if resp, _ := b.post("/app/logout", url.Values{}); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("logout without CSRF: %d", resp.StatusCode)
		}
		if resp, _ := b.get("/app"); resp.StatusCode != 200 {
			t.Fatalf("the refused logout ended the session: %d", resp.StatusCode)
		}
	}
}

// Five wrong passwords answer 422; the sixth attempt 429, even with the
// right password.
func TestPanelLoginRateLimit(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			e := newLoginEnv(t, store.SQLite)
			b := e.browser(t)
			want := loginTexts[lang]
			for i := range 5 {
				resp, body := b.login(lang, "falsch-falsch-falsch")
				if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, want.wrong) ||
					!strings.Contains(body, `value="`+loginEmail+`"`) || !strings.Contains(body, `aria-invalid="true"`) {
					t.Fatalf("failure %d: %d %s", i+1, resp.StatusCode, body)
				}
			}
			resp, body := b.login(lang, loginPassword)
			if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, want.limited) || b.cookie("lethe_session") != "" {
				t.Fatalf("6th attempt: %d %s", resp.StatusCode, body)
			}
		})
	}
}

// Logout ends the session on the server and clears the cookie; the old
// cookie opens nothing afterwards.
func TestPanelLogout(t *testing.T) {
	e := newLoginEnv(t, store.SQLite)
	for _, lang := range []string{"de", "en"} {
		b := e.browser(t)
		b.login(lang, loginPassword)
		old := b.cookie("lethe_session")
		_, inbox := b.get("/app")
		resp, _ := b.post("/app/logout", url.Values{"_csrf": {b.csrf(inbox)}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/app/login?out=1" || b.cookie("lethe_session") != "" {
			t.Fatalf("logout: %d %q cookie %q", resp.StatusCode, resp.Header.Get("Location"), b.cookie("lethe_session"))
		}
		if _, page := b.get("/app/login?out=1"); !strings.Contains(page, loginTexts[lang].out) {
			t.Errorf("%s: no logged-out notice", lang)
		}
		if _, _, err := e.l.Open(context.Background(), old); err == nil {
			t.Fatal("the session survived the logout")
		}
		req, _ := http.NewRequest(http.MethodGet, e.url+"/app", nil)
		req.AddCookie(&http.Cookie{Name: "lethe_session", Value: old})
		if resp, _ := e.browser(t).do(req); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("the old cookie after logout: %d", resp.StatusCode)
		}
	}
}

// Asking for a reset link answers the same page whether the address has a
// login or not; the link sets a new password once and logs in.
func TestPanelPasswordReset(t *testing.T) {
	texts := map[string]struct{ title, sent, newTitle, mismatch, short, bad, ask string }{
		"de": {"Passwort zurücksetzen", "Wenn es zu dieser Adresse eine Anmeldung gibt", "Neues Passwort festlegen",
			"Die beiden Passwörter stimmen nicht überein.", "mindestens 12 Zeichen", "Dieser Link gilt nicht mehr", "Einen neuen Link anfordern"},
		"en": {"Reset your password", "If there is a login for this address", "Set a new password",
			"The two passwords do not match.", "at least 12 characters", "This link is no longer valid", "Ask for a new link"},
	}
	for _, dialect := range testenv.Dialects {
		for _, lang := range []string{"de", "en"} {
			t.Run(dialect+"/"+lang, func(t *testing.T) {
				e := newLoginEnv(t, dialect)
				want := texts[lang]
				b := e.browser(t)
				_, page := b.get("/app/reset?lang=" + lang)
				if !strings.Contains(page, "<h1>"+want.title+"</h1>") || !strings.Contains(page, `<label for="reset-email">`) {
					t.Fatalf("reset page: %s", page)
				}
				tok := b.csrf(page)
				unknown, uBody := b.post("/app/reset", url.Values{"_csrf": {tok}, "email": {"niemand@moebel.example"}})
				known, kBody := b.post("/app/reset", url.Values{"_csrf": {tok}, "email": {loginEmail}})
				if unknown.StatusCode != 200 || known.StatusCode != 200 || uBody != kBody || !strings.Contains(kBody, want.sent) {
					t.Fatalf("answers differ: %d %d\n%s\n---\n%s", unknown.StatusCode, known.StatusCode, uBody, kBody)
				}
				if strings.Contains(kBody, loginEmail) {
					t.Error("the answer repeats the address")
				}
				e.mu.Lock()
				steps := e.steps
				e.mu.Unlock()
				if len(steps) != 1 || steps[0].Kind != step.Send {
					t.Fatalf("enqueued %d steps, want the one e-mail", len(steps))
				}
				p, _ := step.Read(steps[0])
				m, err := e.st.Email(context.Background(), e.shop.ID, p.EmailID)
				if err != nil || m.To != loginEmail || m.Locale != lang {
					t.Fatalf("reset e-mail: %+v %v", m, err)
				}
				link := linkToken(t, m.BodyText)
				path := "/app/reset/" + link

				resp, page := b.get(path)
				if resp.StatusCode != 200 || !strings.Contains(page, "<h1>"+want.newTitle+"</h1>") || !strings.Contains(page, loginEmail) ||
					!strings.Contains(page, `autocomplete="new-password"`) {
					t.Fatalf("link page: %d %s", resp.StatusCode, page)
				}
				resp, page = b.post(path, url.Values{"_csrf": {tok}, "password": {"ein-ganz-neues-passwort"}, "password2": {"ein-anderes-passwort"}})
				if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, want.mismatch) {
					t.Fatalf("mismatch: %d %s", resp.StatusCode, page)
				}
				resp, page = b.post(path, url.Values{"_csrf": {tok}, "password": {"kurz"}, "password2": {"kurz"}})
				if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, want.short) {
					t.Fatalf("short: %d %s", resp.StatusCode, page)
				}
				if resp, _ := b.post(path, url.Values{"password": {"ein-ganz-neues-passwort"}, "password2": {"ein-ganz-neues-passwort"}}); resp.StatusCode != http.StatusForbidden {
					t.Fatalf("without CSRF: %d", resp.StatusCode)
				}
				resp, _ = b.post(path, url.Values{"_csrf": {tok}, "password": {"ein-ganz-neues-passwort"}, "password2": {"ein-ganz-neues-passwort"}})
				if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/app" || b.cookie("lethe_session") == "" {
					t.Fatalf("set: %d %q", resp.StatusCode, resp.Header.Get("Location"))
				}
				if resp, _ := b.get("/app"); resp.StatusCode != 200 {
					t.Fatalf("inbox after the reset: %d", resp.StatusCode)
				}
				resp, page = b.get(path)
				if resp.StatusCode != http.StatusGone || !strings.Contains(page, want.bad) || !strings.Contains(page, want.ask) {
					t.Fatalf("used link: %d %s", resp.StatusCode, page)
				}
				nb := e.browser(t)
				if resp, _ := nb.login(lang, "ein-ganz-neues-passwort"); resp.StatusCode != http.StatusSeeOther {
					t.Fatalf("login with the new password: %d", resp.StatusCode)
				}
			})
		}
	}
}

// An invitation link sets the first password and leads to the onboarding;
// it works once.
func TestPanelInvitation(t *testing.T) {
	texts := map[string]struct{ title, submit, bad string }{
		"de": {"Willkommen bei Lethe", "Passwort speichern und anmelden", "Bitten Sie die Person, die Sie eingeladen hat"},
		"en": {"Welcome to Lethe", "Save the password and log in", "Ask the person who invited you"},
	}
	e := newLoginEnv(t, store.SQLite)
	for i, lang := range []string{"de", "en"} {
		want := texts[lang]
		email := []string{"neu@moebel.example", "new@moebel.example"}[i]
		id, err := e.l.CreateUser(context.Background(), e.shop.ID, email)
		if err != nil {
			t.Fatal(err)
		}
		link, _ := e.l.InviteLink(context.Background(), id, "https://lethe.example")
		path := "/app/invite/" + linkToken(t, link)
		b := e.browser(t)
		resp, page := b.get(path + "?lang=" + lang)
		if resp.StatusCode != 200 || !strings.Contains(page, "<h1>"+want.title+"</h1>") || !strings.Contains(page, email) || !strings.Contains(page, want.submit) {
			t.Fatalf("%s invitation: %d %s", lang, resp.StatusCode, page)
		}
		resp, _ = b.post(path, url.Values{"_csrf": {b.csrf(page)}, "password": {"mein-erstes-passwort"}, "password2": {"mein-erstes-passwort"}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/app/onboarding" || b.cookie("lethe_session") == "" {
			t.Fatalf("%s redeem: %d %q", lang, resp.StatusCode, resp.Header.Get("Location"))
		}
		resp, page = b.get(path)
		if resp.StatusCode != http.StatusGone || !strings.Contains(page, want.bad) {
			t.Fatalf("%s used invitation: %d %s", lang, resp.StatusCode, page)
		}
	}
}

// After the login the panel goes only to its own pages.
func TestPanelLoginNextStaysLocal(t *testing.T) {
	e := newLoginEnv(t, store.SQLite)
	for next, want := range map[string]string{
		"/app/requests/7?tab=emails": "/app/requests/7?tab=emails",
		"https://evil.example/app":   "/app",
		"//evil.example/app":         "/app",
		"/\\evil.example":            "/app",
		"/app/../evil":               "/app",
		"/elsewhere":                 "/app",
		"/app/login?next=/app":       "/app",
		"javascript:alert(1)":        "/app",
	} {
		b := e.browser(t)
		_, page := b.get("/app/login")
		resp, _ := b.post("/app/login", url.Values{"_csrf": {b.csrf(page)}, "email": {loginEmail}, "password": {loginPassword}, "next": {next}})
		if got := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || got != want {
			t.Errorf("next=%q: %d %q, want %q", next, resp.StatusCode, got, want)
		}
	}
}
