package server_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/logging"
	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

// caughtMail is a fixed mailbox.
type caughtMail []server.CaughtMail

func (m caughtMail) Messages() []server.CaughtMail { return m }

// mailPanel serves the panel with mailbox on a real store; a request with
// Authorization: Bearer shop-<id> is that shop's embedded session (the test
// middleware stands in for the platform's session auth, tested in package
// shopify).
func mailPanel(t *testing.T, mailbox server.Mailbox) (string, *store.Shop) {
	t.Helper()
	st := testenv.Store(t, store.SQLite)
	sh := &store.Shop{Platform: "shopify", Domain: "nordlicht.myshopify.com", Timezone: "Europe/Berlin", Locale: "de"}
	if err := st.UpsertShop(context.Background(), sh); err != nil {
		t.Fatal(err)
	}
	session := func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			tok := strings.TrimPrefix(c.Request().Header.Get(echo.HeaderAuthorization), "Bearer ")
			id, err := strconv.ParseInt(strings.TrimPrefix(tok, "shop-"), 10, 64)
			if err != nil {
				return echo.NewHTTPError(http.StatusUnauthorized)
			}
			s, err := st.Shop(c.Request().Context(), id)
			if err != nil {
				return err
			}
			c.SetRequest(c.Request().WithContext(tenant.With(c.Request().Context(), tenant.Session{Shop: s})))
			return next(c)
		}
	}
	log := logging.New(io.Discard, "json", "error")
	srv := server.New(server.Deps{Log: log})
	p, err := server.NewPanel(server.NewAPI(st, nil, nil, time.Now), server.PanelConfig{Embedded: session, ShopifyAPIKey: "key",
		Log: log, Mailbox: mailbox})
	if err != nil {
		t.Fatal(err)
	}
	p.Mount(srv.Echo())
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts.URL, sh
}

func panelGet(t *testing.T, base string, sh *store.Shop, path string) (int, http.Header, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, base+path, nil)
	if sh != nil {
		req.Header.Set(echo.HeaderAuthorization, "Bearer shop-"+strconv.FormatInt(sh.ID, 10))
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

var demoMail = caughtMail{
	{From: "Lethe <no-reply@lethe.test>", To: "info@nordlicht-naturwaren.de", Subject: "Neue Datenschutzanfrage",
		Text: "Eine Auskunftsanfrage ist eingegangen.\nhttp://127.0.0.1:8080/app/requests/1", At: time.Date(2026, 3, 2, 9, 5, 0, 0, time.UTC)},
	{From: "Nordlicht <info@nordlicht-naturwaren.de>", To: "anna.schmidt1@example.com", Subject: "Ihre Daten wurden gelöscht",
		Text: "Guten Tag, <script>alert(1)</script>", HTML: "<p style=\"color:#333\">Guten Tag</p>", At: time.Date(2026, 3, 2, 9, 7, 0, 0, time.UTC)},
}

// The mailbox lists the caught messages newest first, with sender,
// recipient, subject and time in the shop's zone, in German and English.
func TestPanelMailListsCaughtMessagesNewestFirst(t *testing.T) {
	base, sh := mailPanel(t, demoMail)
	cases := []struct {
		lang string
		want []string
	}{
		{"de", []string{`<html lang="de">`, "<h1>Postfach (Demo)</h1>", "Empfangene E-Mails, neueste zuerst", "Betreff", "Empfangen",
			"02.03.2026, 10:07", "02.03.2026, 10:05", `href="/app/mail" aria-current="page">Postfach (Demo)</a>`}},
		{"en", []string{`<html lang="en">`, "<h1>Mailbox (demo)</h1>", "Caught e-mails, newest first", "Subject", "Received",
			"2 Mar 2026, 10:07", "2 Mar 2026, 10:05", `href="/app/mail" aria-current="page">Mailbox (demo)</a>`}},
	}
	for _, c := range cases {
		code, _, body := panelGet(t, base, sh, "/app/mail?lang="+c.lang)
		if code != http.StatusOK {
			t.Fatalf("%s: %d %s", c.lang, code, body)
		}
		for _, w := range append(c.want, `<span class="nowrap">anna.schmidt1@</span><wbr><span class="nowrap">example.com</span>`,
			`<span class="nowrap">info@</span><wbr><span class="nowrap">nordlicht-</span>`, "Lethe &lt;no-reply@lethe.test&gt;",
			`<a href="/app/mail/2">Ihre Daten wurden gelöscht</a>`, `<a href="/app/mail/1">Neue Datenschutzanfrage</a>`) {
			if !strings.Contains(body, w) {
				t.Errorf("%s: the mailbox lacks %q:\n%s", c.lang, w, body)
			}
		}
		if i, j := strings.Index(body, "/app/mail/2"), strings.Index(body, "/app/mail/1\""); i < 0 || j < 0 || i > j {
			t.Errorf("%s: not newest first", c.lang)
		}
	}
	empty, esh := mailPanel(t, caughtMail{})
	if code, _, b := panelGet(t, empty, esh, "/app/mail?lang=en"); code != http.StatusOK || !strings.Contains(b, "No e-mails yet.") {
		t.Errorf("empty mailbox: %d %s", code, b)
	}
}

// One message shows its headers and its text escaped; its HTML part is
// served alone under a sandboxing policy that allows no script and no
// loads.
func TestPanelMailShowsOneMessageSafely(t *testing.T) {
	base, sh := mailPanel(t, demoMail)
	code, _, body := panelGet(t, base, sh, "/app/mail/2?lang=de")
	if code != http.StatusOK {
		t.Fatalf("%d %s", code, body)
	}
	for _, w := range []string{"<h1>Ihre Daten wurden gelöscht</h1>", "Von", "An", "anna.schmidt1@example.com", "02.03.2026, 10:07",
		"Guten Tag, &lt;script&gt;alert(1)&lt;/script&gt;", `href="/app/mail/2.html"`, "HTML-Fassung öffnen", "Zurück zum Postfach"} {
		if !strings.Contains(body, w) {
			t.Errorf("the message page lacks %q:\n%s", w, body)
		}
	}
	if strings.Contains(body, "<script>alert") {
		t.Error("the text part is not escaped")
	}
	_, _, body = panelGet(t, base, sh, "/app/mail/1?lang=en")
	if !strings.Contains(body, "<h1>Neue Datenschutzanfrage</h1>") || !strings.Contains(body, "The e-mail&#39;s text") ||
		strings.Contains(body, "1.html") || !strings.Contains(body, "http://127.0.0.1:8080/app/requests/1") {
		t.Errorf("a text-only message:\n%s", body)
	}

	code, h, body := panelGet(t, base, sh, "/app/mail/2.html")
	csp := h.Get("Content-Security-Policy")
	if code != http.StatusOK || body != demoMail[1].HTML || !strings.HasPrefix(h.Get("Content-Type"), "text/html") {
		t.Fatalf("HTML part: %d %q %s", code, h.Get("Content-Type"), body)
	}
	for _, w := range []string{"default-src 'none'", "style-src 'unsafe-inline'", "sandbox", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, w) {
			t.Errorf("the HTML part's policy %q lacks %q", csp, w)
		}
	}
	if strings.Contains(csp, "script-src") || h.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("HTML part headers %v", h)
	}
	for _, path := range []string{"/app/mail/1.html", "/app/mail/3", "/app/mail/0", "/app/mail/x"} {
		if code, _, _ := panelGet(t, base, sh, path); code != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, code)
		}
	}
}

// The mailbox needs a session, and exists only in the demo.
func TestPanelMailNeedsSessionAndDemo(t *testing.T) {
	base, _ := mailPanel(t, demoMail)
	for _, path := range []string{"/app/mail", "/app/mail/1", "/app/mail/2.html"} {
		code, h, _ := panelGet(t, base, nil, path)
		if code != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/app/login") {
			t.Errorf("%s without a session: %d %s", path, code, h.Get("Location"))
		}
	}
	base, sh := mailPanel(t, nil)
	if code, _, _ := panelGet(t, base, sh, "/app/mail"); code != http.StatusNotFound {
		t.Errorf("/app/mail without a mailbox: %d", code)
	}
	if _, _, body := panelGet(t, base, sh, "/app?lang=en"); strings.Contains(body, "/app/mail") {
		t.Error("the nav links the mailbox outside the demo")
	}
}
