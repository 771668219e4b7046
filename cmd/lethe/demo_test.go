package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/mail/mailtest"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

// syncBuffer is an io.Writer the test reads while the demo writes.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startDemo runs `lethe demo` in-process on a free port until the test
// ends, and returns it once both requests have arrived and settled.
func startDemo(t *testing.T) (*demoRun, *syncBuffer) {
	t.Helper()
	clearEnv(t)
	t.Setenv("LETHE_ADDR", freeAddr(t))
	// A real installation's settings in the environment do not reach the demo.
	t.Setenv("LETHE_DATABASE_URL", "postgres://lethe@127.0.0.1:1/elsewhere")
	t.Setenv("LETHE_SMTP_URL", "smtp://127.0.0.1:1")
	ctx, cancel := context.WithCancel(context.Background())
	out, errs := &syncBuffer{}, &syncBuffer{}
	ready := make(chan *demoRun, 1)
	done := make(chan int, 1)
	go func() { done <- demo(ctx, out, errs, func(d *demoRun) { ready <- d }) }()
	stop := func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("demo exited with %d: %s", code, errs.String())
			}
		case <-time.After(60 * time.Second):
			t.Error("the demo did not stop")
		}
	}
	select {
	case d := <-ready:
		t.Cleanup(func() {
			stop()
			if _, err := os.Stat(d.dir); !os.IsNotExist(err) {
				t.Errorf("the demo's folder %s is still there (%v)", d.dir, err)
			}
		})
		return d, out
	case code := <-done:
		cancel()
		t.Fatalf("the demo exited with %d before its requests arrived:\n%s\n%s", code, out.String(), errs.String())
	case <-time.After(90 * time.Second):
		stop()
		t.Fatalf("the demo's requests did not arrive:\n%s\n%s", out.String(), errs.String())
	}
	return nil, nil
}

// get sends a GET as the demo shop's merchant in the embedded admin (a
// Shopify session token) and returns the status and body.
func (d *demoRun) get(t *testing.T, path string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, d.base+path, nil)
	req.Header.Set("Authorization", "Bearer "+shopifytest.SessionToken(demoDomain, d.app.ClientID, d.app.ClientSecret, time.Now()))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// addressMarkup is the markup that lets an address break only between its
// parts in a narrow column.
var addressMarkup = regexp.MustCompile(`<span class="nowrap">|</span><wbr>|<wbr>`)

// waitDemoMail waits for a caught message to to whose subject contains subject.
func waitDemoMail(smtp *mailtest.Server, to, subject string) (mailtest.Message, bool) {
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		for _, m := range smtp.Messages() {
			for _, rcpt := range m.EnvelopeTo {
				if rcpt == to && strings.Contains(m.Subject, subject) {
					return m, true
				}
			}
		}
	}
	return mailtest.Message{}, false
}

// `lethe demo` with no configuration installs the demo shop, receives a
// data request and an erasure request as Shopify's webhooks, works on
// both as for a real shop, and catches the e-mails it sends, which the
// panel's mailbox lists in German and in English.
func TestDemoShowsBothRequestsAndTheirMail(t *testing.T) {
	started := time.Now()
	d, out := startDemo(t)
	t.Logf("both requests settled %s after the start", time.Since(started).Round(time.Millisecond))

	// What it printed: the panel, a way in, what happens, how to stop.
	text := out.String()
	for _, want := range []string{d.base + "/app", d.base + "/app/mail", "customers/data_request", "customers/redact",
		"Ctrl-C", "Both requests have arrived", demoShop.Company, d.people.accessName, d.people.erasureName} {
		if !strings.Contains(text, want) {
			t.Errorf("the demo's output lacks %q:\n%s", want, text)
		}
	}
	if d.login.Link != "" {
		if !strings.Contains(text, d.login.Link) {
			t.Errorf("the output lacks the login link:\n%s", text)
		}
	} else if d.login.APIToken == "" || !strings.Contains(text, "Bearer "+d.login.APIToken) {
		t.Errorf("no login link and no API token printed:\n%s", text)
	}

	// The shop was installed through the token exchange and is ready.
	if g := d.emu.Grants(); g.TokenExchange != 1 || !d.emu.Installed(demoDomain) {
		t.Errorf("grants %+v, installed %v: not installed by one token exchange", g, d.emu.Installed(demoDomain))
	}
	if d.shop.Region != "HH" {
		t.Errorf("the demo shop's state is %q, want HH from its postcode", d.shop.Region)
	}

	// Both requests, as the admin API shows them.
	var list struct{ Requests []apiRequest }
	if code, body := d.get(t, "/api/requests"); code != 200 || json.Unmarshal([]byte(body), &list) != nil {
		t.Fatalf("GET /api/requests: %d %s", code, body)
	}
	byType := map[string]apiRequest{}
	for _, r := range list.Requests {
		byType[r.Type] = r
	}
	if len(list.Requests) != 2 || byType["access"].ID == 0 || byType["erasure"].ID == 0 {
		t.Fatalf("requests %+v, want one access and one erasure", list.Requests)
	}
	// Automatic sending is off by default: the answer waits for the
	// merchant's review (with it on, it would be answered).
	if s := byType["access"].Status; s != store.StatusReady {
		t.Errorf("the access request is %q, want ready (auto_send is off)", s)
	}
	if s := byType["erasure"].Status; s != store.StatusCompleted {
		t.Errorf("the erasure request is %q (failure %q), want completed", s, byType["erasure"].Failure)
	}

	// The answer found the customer's guest orders by her e-mail address.
	if code, body := d.get(t, fmt.Sprintf("/api/requests/%d/report.json", byType["access"].ID)); code != 200 ||
		!strings.Contains(body, "198.51.100.23") {
		t.Errorf("report.json: %d, lacks the guest orders:\n%.2000s", code, body)
	}

	// The e-mails: a notice to the merchant, the erasure's confirmation to
	// the customer.
	notice, ok := waitDemoMail(d.smtp, demoShop.Email, "Neue Datenschutzanfrage")
	if !ok {
		t.Fatalf("no merchant notice among %d caught messages", len(d.smtp.Messages()))
	}
	erasure, _ := d.emu.CustomerWebhook(demoDomain, d.people.erasure)
	confirmation, ok := waitDemoMail(d.smtp, erasure.Email, "")
	if !ok {
		t.Errorf("no e-mail to the erased customer among %d caught messages", len(d.smtp.Messages()))
	}

	// The panel's mailbox lists them, in German and in English.
	for _, c := range []struct{ lang, title string }{{"de", "Postfach (Demo)"}, {"en", "Mailbox (demo)"}} {
		code, body := d.get(t, "/app/mail?lang="+c.lang)
		if code != 200 {
			t.Fatalf("/app/mail?lang=%s: %d %s", c.lang, code, body)
		}
		body = addressMarkup.ReplaceAllString(body, "") // an address is written in parts that break between them
		for _, want := range []string{"<h1>" + c.title + "</h1>", htmlEscaped(notice.Subject), demoShop.Email, htmlEscaped(confirmation.Subject)} {
			if !strings.Contains(body, want) {
				t.Errorf("/app/mail?lang=%s lacks %q:\n%s", c.lang, want, body)
			}
		}
	}
	// One message's text.
	if code, body := d.get(t, "/app/mail/1?lang=en"); code != 200 || !strings.Contains(body, "The e-mail&#39;s text") {
		t.Errorf("/app/mail/1: %d %s", code, body)
	}

	// The one-time login: the printed link sets a password and logs in;
	// the panel shows both requests, and its mailbox the caught mail.
	if d.login.Link == "" {
		t.Fatalf("no login link (%s): the demo's visitor cannot get into the panel", d.login.Problem)
	}
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	visit := func(path string) (int, string) {
		resp, err := browser.Get(path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	// The printed URL's root is the product: the one-time login page
	// itself while its link is unused (its form sets the password), a
	// redirect to the panel after.
	root := func() *http.Response {
		resp, err := browser.Get(d.base + "/?lang=de")
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	first := root()
	b, _ := io.ReadAll(first.Body)
	first.Body.Close()
	code, page := first.StatusCode, string(b)
	linkPath := strings.TrimPrefix(d.login.Link, d.base)
	csrf := regexp.MustCompile(`name="_csrf" value="([^"]+)"`).FindStringSubmatch(page)
	if code != 200 || csrf == nil || !strings.Contains(page, "<h1>Willkommen bei Lethe</h1>") ||
		!strings.Contains(page, htmlEscaped(d.login.Email)) || !strings.Contains(page, `action="`+linkPath+`"`) {
		t.Fatalf("/ before the login: %d, want 200 with the login page for %s posting to %s:\n%s", code, d.login.Email, linkPath, page)
	}
	if loc := first.Header.Get("Location"); loc != "" {
		t.Errorf("/ before the login redirects to %q", loc)
	}
	if code, page := visit(d.login.Link + "?lang=de"); code != 200 || !strings.Contains(page, htmlEscaped(d.login.Email)) {
		t.Fatalf("the login link: %d %s", code, page)
	}
	resp, err := browser.PostForm(d.login.Link, url.Values{"_csrf": {csrf[1]}, "password": {"demo-passwort-123"}, "password2": {"demo-passwort-123"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/app") {
		t.Fatalf("setting the password: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	after := root()
	after.Body.Close()
	if loc := after.Header.Get("Location"); after.StatusCode != http.StatusSeeOther || loc != "/app" {
		t.Errorf("/ after the login: %d to %q, want 303 to /app", after.StatusCode, loc)
	}
	code, page = visit(d.base + "/app?lang=de&status=all")
	if code != 200 || !strings.Contains(page, "<h1>Anfragen</h1>") {
		t.Fatalf("the inbox after the login: %d %s", code, page)
	}
	for _, r := range list.Requests {
		if !strings.Contains(page, fmt.Sprintf(`href="/app/requests/%d"`, r.ID)) {
			t.Errorf("the inbox after the login lacks request %d (%s):\n%s", r.ID, r.Type, page)
		}
	}
	code, page = visit(d.base + "/app/mail?lang=de")
	if code != 200 || !strings.Contains(page, "<h1>Postfach (Demo)</h1>") || !strings.Contains(page, htmlEscaped(notice.Subject)) ||
		!strings.Contains(page, htmlEscaped(confirmation.Subject)) {
		t.Errorf("the mailbox after the login: %d %s", code, page)
	}
}

// The demo's address: LETHE_ADDR or 127.0.0.1:8080, and a free port on
// the same host when that one is taken.
func TestDemoListenTakesAFreePortWhenBusy(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	t.Setenv("LETHE_ADDR", busy.Addr().String())
	ln, moved, err := demoListen()
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if ln.Addr().String() == busy.Addr().String() || !strings.Contains(moved, busy.Addr().String()+" is in use") ||
		!strings.Contains(moved, ln.Addr().String()) {
		t.Errorf("listening on %s, said %q", ln.Addr(), moved)
	}
	if got := baseURL(ln); got != "http://"+ln.Addr().String() {
		t.Errorf("base URL %s", got)
	}
	t.Setenv("LETHE_ADDR", "localhost")
	if _, _, err := demoListen(); err == nil || !strings.Contains(err.Error(), "LETHE_ADDR") {
		t.Errorf("a bad LETHE_ADDR: %v", err)
	}
}

// The demo is the embedded default whatever the environment holds for a
// real installation; options it does not set keep the environment's value.
func TestDemoConfigIgnoresARealInstallation(t *testing.T) {
	clearEnv(t)
	for k, v := range map[string]string{
		"LETHE_DATABASE_URL": "postgres://lethe@db/lethe", "LETHE_REDIS_URL": "redis://redis:6379/0", "LETHE_SECRET_KEY": testKey,
		"LETHE_SMTP_URL": "smtp://mail.example.com:587", "SHOPIFY_API_KEY": "real", "SHOPIFY_API_SECRET": "real-secret",
		"LETHE_PUBLIC_URL": "https://lethe.example.com", "LETHE_DATA_DIR": "/var/lib/lethe", "LETHE_WORKER_CONCURRENCY": "3",
	} {
		t.Setenv(k, v)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	emu := &shopifytest.Emulator{URL: "http://127.0.0.1:9"}
	app := demoApp()
	cfg, err := demoConfig(ln, t.TempDir(), "smtp://127.0.0.1:2525?tls=none", emu, app)
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.Embedded() || cfg.RedisURL != "" || cfg.SecretKey != nil || cfg.DataDir == "/var/lib/lethe" {
		t.Errorf("not the embedded default: %+v", cfg)
	}
	if cfg.SMTPURL != "smtp://127.0.0.1:2525?tls=none" || cfg.Shopify.APISecret != app.ClientSecret || cfg.Shopify.APIOrigin != emu.URL ||
		cfg.PublicURL.String() != baseURL(ln) || cfg.LogLevel != "warn" {
		t.Errorf("demo options not set: %+v", cfg)
	}
	if cfg.WorkerConcurrency != 3 {
		t.Errorf("LETHE_WORKER_CONCURRENCY not kept: %d", cfg.WorkerConcurrency)
	}
	if a, b := demoApp(), demoApp(); a.ClientSecret == b.ClientSecret || !strings.HasPrefix(a.ClientSecret, "shpss_") {
		t.Errorf("the demo's app secret is not made fresh: %q %q", a.ClientSecret, b.ClientSecret)
	}
}

func TestHelpListsDemo(t *testing.T) {
	code, out, _ := runCmd(t, "help")
	if code != 0 || !strings.Contains(out, "  demo") {
		t.Fatalf("help lacks demo: %q", out)
	}
	if code, out, _ := runCmd(t, "demo", "-h"); code != 0 || !strings.Contains(out, "lethe serve") {
		t.Fatalf("demo -h: %d %q", code, out)
	}
	if code, _, stderr := runCmd(t, "demo", "extra"); code != 2 || !strings.Contains(stderr, "no arguments") {
		t.Fatalf("demo extra: %d %q", code, stderr)
	}
}
