package woocommerce_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/ratelimit"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/woocommerce"
)

// serveFrom delivers body to the shop's webhook from the client address
// remote, signed with secret, in the test's goroutine; it returns the
// status and the answer's WordPress error code.
func (p *pluginEnv) serveFrom(t *testing.T, remote string, body []byte, secret string) (int, string) {
	t.Helper()
	path := p.url[strings.Index(p.url, "/webhooks/"):]
	req := httptest.NewRequest(http.MethodPost, path, bytes.NewReader(body))
	req.RemoteAddr = remote + ":40000"
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(woocommerce.PluginSignatureHeader, woocommerce.SignPlugin(body, secret))
	req.Header.Set(woocommerce.PluginDeliveryHeader, "0b6f3c8e-4f0a-4d59-9a55-6d1c0f1f7a21")
	rec := httptest.NewRecorder()
	p.handler.ServeHTTP(rec, req)
	var code string
	if i := strings.Index(rec.Body.String(), `"code":"`); i >= 0 {
		code = strings.SplitN(rec.Body.String()[i+8:], `"`, 2)[0]
	}
	return rec.Code, code
}

// Refused deliveries of the plugin's webhook count against their client
// address: beyond the limit they are answered 429 in WordPress's shape,
// while a valid delivery from the same address is still taken and another
// address is not limited. Each reason is logged once a minute with a
// count, not once per refusal, and without anything personal.
func TestRefusedWebhooksAreLimitedAndSampled(t *testing.T) {
	p := newPluginEnv(t, store.SQLite)
	asked := time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)
	forged := body(501, woocommerce.ActionExport, "anna.schmidt@example.de", asked)
	const attacker, other = "198.51.100.7", "203.0.113.9"

	for i := range ratelimit.DefaultRejectBurst {
		if code, wp := p.serveFrom(t, attacker, forged, "not-the-secret"); code != 401 || wp != "lethe_bad_signature" {
			t.Fatalf("refusal %d: %d %s, want 401 lethe_bad_signature", i+1, code, wp)
		}
	}
	if code, wp := p.serveFrom(t, attacker, forged, "not-the-secret"); code != 429 || wp != "lethe_rate_limited" {
		t.Fatalf("past the limit: %d %s, want 429 lethe_rate_limited", code, wp)
	}
	if code, _ := p.serveFrom(t, attacker, body(502, woocommerce.ActionExport, "anna.schmidt@example.de", asked), p.secret); code != 200 {
		t.Fatalf("a valid delivery from a limited address: status %d, want 200", code)
	}
	if code, wp := p.serveFrom(t, other, forged, "not-the-secret"); code != 401 || wp != "lethe_bad_signature" {
		t.Fatalf("another address: %d %s, want 401", code, wp)
	}
	if code, wp := p.serveFrom(t, other, []byte(`{"version":1}`), p.secret); code != 401 || wp != "lethe_bad_signature" {
		t.Fatalf("no timestamp: %d %s", code, wp)
	}
	if rs := p.requests(t); len(rs) != 1 || rs[0].ExternalID != strconv.Itoa(502) {
		t.Fatalf("requests %+v, want the valid one", rs)
	}

	logs := p.logs.String()
	if n := strings.Count(logs, `msg="webhook rejected" platform=woocommerce reason=bad_signature status=401`); n != 1 {
		t.Errorf("%d log lines for %d bad signatures, want 1:\n%s", n, ratelimit.DefaultRejectBurst+2, logs)
	}
	if n := strings.Count(logs, `msg="webhook rejected" platform=woocommerce reason=rate_limited status=429`); n != 1 {
		t.Errorf("%d log lines for the 429, want 1", n)
	}
	if strings.Contains(logs, "anna") || strings.Contains(logs, attacker) {
		t.Errorf("the logs hold personal data: %s", logs)
	}
}
