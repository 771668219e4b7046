package woocommerce_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/app/step"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/woocommerce"
	"github.com/lethe-gdpr/lethe/woocommerce/wctest"
)

// pluginEnv is Lethe with the WooCommerce routes, a connected store whose
// companion plugin (the emulator's) holds the shop's secret and Lethe's
// webhook URL, and a queue that records what it is handed.
type pluginEnv struct {
	st       *store.Store
	emu      *wctest.Emulator
	app      *woocommerce.App
	shop     *store.Shop
	secret   string
	url      string // the webhook URL
	client   *http.Client
	handler  http.Handler // Lethe's server, to serve a request in the test's goroutine
	logs     *syncBuffer
	mu       sync.Mutex
	enqueued []*store.Step
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
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

func newPluginEnv(t *testing.T, dialect string) *pluginEnv {
	t.Helper()
	p := &pluginEnv{st: testenv.Store(t, dialect), logs: &syncBuffer{}}
	log := slog.New(slog.NewTextHandler(p.logs, nil))
	srv := server.New(server.Deps{Log: log})
	ts := httptest.NewTLSServer(srv.Handler())
	t.Cleanup(ts.Close)
	p.client, p.handler = ts.Client(), srv.Handler()
	p.emu = wctest.StartTLS(t, wctest.Options{CallbackClient: ts.Client()})
	p.app = woocommerce.NewApp(woocommerce.AppConfig{PublicURL: ts.URL, HTTPClient: p.emu.Client}, p.st, log)
	p.app.Enqueue = func(_ context.Context, steps ...*store.Step) error {
		p.mu.Lock()
		defer p.mu.Unlock()
		p.enqueued = append(p.enqueued, steps...)
		return nil
	}
	p.app.Mount(srv.Echo())
	ce := &connectEnv{st: p.st, emu: p.emu, url: ts.URL}
	if res := p.emu.Approve(ce.start(t, ce.merchant(t))); res.Status != http.StatusFound {
		t.Fatalf("approve: %+v", res)
	}
	sh, err := p.st.ShopByDomain(ctx, woocommerce.Platform, ce.host())
	if err != nil {
		t.Fatal(err)
	}
	var cr woocommerce.Credentials
	if err := p.st.OpenCredentials(sh, &cr); err != nil || len(cr.PluginSecret) != 43 {
		t.Fatalf("credentials: %v, secret %q", err, cr.PluginSecret)
	}
	p.shop, p.secret, p.url = sh, cr.PluginSecret, p.app.WebhookURL(sh.ID)
	if p.url != ts.URL+"/webhooks/woocommerce/"+strconv.FormatInt(sh.ID, 10) {
		t.Fatalf("webhook URL %s", p.url)
	}
	p.emu.InstallPlugin(p.secret)
	p.emu.SetPluginWebhook(p.url)
	return p
}

// requests are the shop's requests, oldest first.
func (p *pluginEnv) requests(t *testing.T) []store.Request {
	t.Helper()
	var rs []store.Request
	if err := p.st.GormForTests().Where("shop_id = ?", p.shop.ID).Order("id").Find(&rs).Error; err != nil {
		t.Fatal(err)
	}
	return rs
}

// post sends body to url signed with secret and a delivery id.
func (p *pluginEnv) post(t *testing.T, url string, body []byte, secret, delivery string) (int, map[string]string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set(woocommerce.PluginSignatureHeader, woocommerce.SignPlugin(body, secret))
	}
	if delivery != "" {
		req.Header.Set(woocommerce.PluginDeliveryHeader, delivery)
	}
	resp, err := p.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	out := map[string]string{}
	var raw map[string]any
	_ = json.Unmarshal(b, &raw)
	for k, v := range raw {
		if s, ok := v.(string); ok {
			out[k] = s
		}
	}
	return resp.StatusCode, out
}

// postRaw delivers body to the shop's webhook, signed with its secret,
// and returns Lethe's status and answer as they are.
func (p *pluginEnv) postRaw(t *testing.T, body []byte, delivery string) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, p.url, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(woocommerce.PluginSignatureHeader, woocommerce.SignPlugin(body, p.secret))
	req.Header.Set(woocommerce.PluginDeliveryHeader, delivery)
	resp, err := p.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// body is a delivery of WordPress request id, signed now.
func body(id int64, action, email, requested string, mod ...func(map[string]any)) []byte {
	m := map[string]any{
		"version": 1, "timestamp": time.Now().Unix(), "site_url": "https://kaffee-lindner.example", "request_id": id,
		"action": action, "email": email, "requested_at": requested, "confirmed_at": time.Now().UTC().Format(time.RFC3339),
	}
	for _, f := range mod {
		f(m)
	}
	b, _ := json.Marshal(m)
	return b
}

// A confirmed WordPress request reaches Lethe through the plugin as a
// request counted from the day the person asked in WordPress, of the
// action's type, from WooCommerce by way of WordPress, with WordPress's id
// kept to close it later; nothing personal is logged.
func TestWebhookTakesConfirmedRequests(t *testing.T) {
	dialects(t, func(t *testing.T, dialect string) {
		p := newPluginEnv(t, dialect)
		asked := time.Now().Add(-72 * time.Hour).UTC().Truncate(time.Second)
		for _, c := range []struct{ action, typ, email string }{
			{woocommerce.ActionExport, store.TypeAccess, "anna.schmidt@example.de"},
			{woocommerce.ActionRemove, store.TypeErasure, "lukas.weber@example.de"},
		} {
			id := p.emu.CreatePrivacyRequest(c.action, c.email)
			p.emu.SetPrivacyRequestDate(id, asked)
			d, ok := p.emu.ConfirmPrivacyRequest(id)
			if !ok || d.Status != http.StatusOK || !strings.Contains(d.Body, `"status":"accepted"`) {
				t.Fatalf("%s: delivery %+v", c.action, d)
			}
			rs := p.requests(t)
			r := rs[len(rs)-1]
			if !strings.Contains(d.Body, `"request":"`+strconv.FormatInt(r.ID, 10)+`"`) {
				t.Errorf("%s: answer %s names another request than %d", c.action, d.Body, r.ID)
			}
			full, err := p.st.Request(ctx, p.shop.ID, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			if full.Type != c.typ || !full.ReceivedAt.Equal(asked) || full.Source != woocommerce.Platform || full.Channel != woocommerce.ChannelWordPress ||
				full.ExternalID != strconv.FormatInt(id, 10) || full.CloseSystem != woocommerce.Platform || full.Initiator != "" || full.Automatic ||
				full.Receipt != "" || full.Status != store.StatusReceived || full.Subject.Email != c.email {
				t.Fatalf("%s: request %+v", c.action, full)
			}
			pr, _ := p.emu.PrivacyRequest(id)
			if pr.Status != wctest.RequestConfirmed || len(p.emu.PluginQueue()) != 0 {
				t.Fatalf("%s: WordPress request %+v, queue %v", c.action, pr, p.emu.PluginQueue())
			}
		}
		p.mu.Lock()
		if len(p.enqueued) != 2 || p.enqueued[0].Kind != step.Discover || p.enqueued[1].Kind != step.Discover {
			t.Fatalf("enqueued %+v", p.enqueued)
		}
		p.mu.Unlock()
		if logs := p.logs.String(); strings.Contains(logs, "example.de") || !strings.Contains(logs, "woocommerce privacy request") {
			t.Fatalf("logs: %s", logs)
		}
	})
}

// A WordPress request delivered again — the same delivery, or another one
// of the same request id, also many at once — is a duplicate: one request.
func TestWebhookDeduplicates(t *testing.T) {
	dialects(t, func(t *testing.T, dialect string) {
		p := newPluginEnv(t, dialect)
		b := body(7, woocommerce.ActionExport, "anna.schmidt@example.de", "2026-11-30T09:15:00Z")
		if code, out := p.post(t, p.url, b, p.secret, "d-1"); code != 200 || out["status"] != "accepted" {
			t.Fatalf("first: %d %v", code, out)
		}
		if code, out := p.post(t, p.url, b, p.secret, "d-1"); code != 200 || out["status"] != "duplicate" {
			t.Fatalf("same delivery again: %d %v", code, out)
		}
		if code, out := p.post(t, p.url, body(7, woocommerce.ActionExport, "anna.schmidt@example.de", "2026-11-30T09:15:00Z"), p.secret, "d-2"); code != 200 || out["status"] != "duplicate" {
			t.Fatalf("same request, another delivery: %d %v", code, out)
		}
		var wg sync.WaitGroup
		codes := make(chan string, 8)
		for i := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				code, out := p.post(t, p.url, body(8, woocommerce.ActionRemove, "lukas.weber@example.de", "2026-11-30T10:00:00Z"), p.secret, "c-"+strconv.Itoa(i))
				codes <- strconv.Itoa(code) + " " + out["status"]
			}()
		}
		wg.Wait()
		close(codes)
		accepted := 0
		for c := range codes {
			switch c {
			case "200 accepted":
				accepted++
			case "200 duplicate":
			default:
				t.Errorf("concurrent delivery: %s", c)
			}
		}
		if rs := p.requests(t); accepted != 1 || len(rs) != 2 {
			t.Fatalf("%d accepted, %d requests", accepted, len(rs))
		}
	})
}

// What is not a valid delivery of this shop's plugin is refused with the
// reason, WordPress-style, and creates nothing.
func TestWebhookRefuses(t *testing.T) {
	p := newPluginEnv(t, store.SQLite)
	good := func(mod ...func(map[string]any)) []byte {
		return body(9, woocommerce.ActionExport, "anna.schmidt@example.de", "2026-11-30T09:15:00Z", mod...)
	}
	other := &store.Shop{Platform: "shopify", Domain: "muster.myshopify.com"}
	if err := p.st.UpsertShop(ctx, other); err != nil {
		t.Fatal(err)
	}
	base := strings.TrimSuffix(p.url, strconv.FormatInt(p.shop.ID, 10))
	tests := []struct {
		name, url, secret, delivery string
		body                        []byte
		status                      int
		code, says                  string
	}{
		{"unknown shop", base + "999999", p.secret, "x", good(), 404, "lethe_unknown_shop", ""},
		{"not a number", base + "abc", p.secret, "x", good(), 404, "lethe_unknown_shop", ""},
		{"a Shopify shop", base + strconv.FormatInt(other.ID, 10), p.secret, "x", good(), 404, "lethe_unknown_shop", ""},
		{"unsigned", p.url, "", "x", good(), 401, "lethe_bad_signature", "signature header is missing"},
		{"wrong secret", p.url, woocommerce.NewPluginSecret(), "x", good(), 401, "lethe_bad_signature", "does not match"},
		{"replayed", p.url, p.secret, "x", good(func(m map[string]any) { m["timestamp"] = time.Now().Add(-10 * time.Minute).Unix() }), 401, "lethe_bad_signature", "timestamp"},
		{"too large", p.url, p.secret, "x", append(good(), bytes.Repeat([]byte(" "), woocommerce.MaxWebhookBytes)...), 413, "lethe_too_large", ""},
		{"no JSON object", p.url, p.secret, "x", []byte(`[1,2]`), 401, "lethe_bad_signature", "JSON object"},
		{"version", p.url, p.secret, "x", good(func(m map[string]any) { m["version"] = 2 }), 400, "lethe_invalid", "version"},
		{"action", p.url, p.secret, "x", good(func(m map[string]any) { m["action"] = "delete_everything" }), 400, "lethe_invalid", "action"},
		{"email", p.url, p.secret, "x", good(func(m map[string]any) { m["email"] = "Anna <anna@example.de>" }), 400, "lethe_invalid", "email"},
		{"no email", p.url, p.secret, "x", good(func(m map[string]any) { delete(m, "email") }), 400, "lethe_invalid", "email"},
		{"request id", p.url, p.secret, "x", good(func(m map[string]any) { m["request_id"] = -3 }), 400, "lethe_invalid", "request_id"},
		{"request id text", p.url, p.secret, "x", good(func(m map[string]any) { m["request_id"] = "seven" }), 400, "lethe_invalid", "request_id"},
		{"requested_at", p.url, p.secret, "x", good(func(m map[string]any) { m["requested_at"] = "2026-11-30 09:15:00" }), 400, "lethe_invalid", "requested_at"},
		{"requested in the future", p.url, p.secret, "x", good(func(m map[string]any) { m["requested_at"] = time.Now().Add(time.Hour).Format(time.RFC3339) }), 400, "lethe_invalid", "future"},
		{"no delivery id", p.url, p.secret, "", good(), 400, "lethe_invalid", "X-Lethe-Delivery"},
	}
	for _, tt := range tests {
		code, out := p.post(t, tt.url, tt.body, tt.secret, tt.delivery)
		if code != tt.status || out["code"] != tt.code || !strings.Contains(out["message"], tt.says) {
			t.Errorf("%s: %d %v, want %d %s (%q)", tt.name, code, out, tt.status, tt.code, tt.says)
		}
		if strings.Contains(out["message"], "anna") {
			t.Errorf("%s: the answer repeats the e-mail address: %q", tt.name, out["message"])
		}
	}
	if rs := p.requests(t); len(rs) != 0 {
		t.Fatalf("refused deliveries created %d requests", len(rs))
	}
	if strings.Contains(p.logs.String(), "anna") {
		t.Fatalf("logs hold the e-mail address: %s", p.logs.String())
	}
}

// The plugin keeps what Lethe refused (a wrong secret pasted) and delivers
// it once the merchant fixed it; the request still counts from the day the
// person asked.
func TestWebhookQueueDeliversAfterTheFix(t *testing.T) {
	p := newPluginEnv(t, store.SQLite)
	p.emu.InstallPlugin(woocommerce.NewPluginSecret()) // pasted wrong
	id := p.emu.CreatePrivacyRequest(woocommerce.ActionExport, "anna.schmidt@example.de")
	asked, _ := p.emu.PrivacyRequest(id)
	d, _ := p.emu.ConfirmPrivacyRequest(id)
	if d.Status != http.StatusUnauthorized || len(p.emu.PluginQueue()) != 1 || len(p.requests(t)) != 0 {
		t.Fatalf("wrong secret: %+v, queue %v", d, p.emu.PluginQueue())
	}
	p.emu.InstallPlugin(p.secret)
	ds := p.emu.DeliverQueued()
	if len(ds) != 1 || !ds[0].Accepted() || ds[0].DeliveryID != d.DeliveryID || len(p.emu.PluginQueue()) != 0 {
		t.Fatalf("after the fix: %+v, queue %v", ds, p.emu.PluginQueue())
	}
	if rs := p.requests(t); len(rs) != 1 || !rs[0].ReceivedAt.Equal(asked.RequestedAt) {
		t.Fatalf("requests %+v, want one received %s", rs, asked.RequestedAt)
	}
}
