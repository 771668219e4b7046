package shopify_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/shopify"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

// serve delivers body from the client address remote, served in the
// test's goroutine; sig "" signs it with the app secret.
func (in *intake) serve(t *testing.T, remote, topic, webhookID string, body []byte, sig string) int {
	t.Helper()
	if sig == "" {
		sig = shopify.SignWebhook(body, secret)
	}
	req := httptest.NewRequest(http.MethodPost, "/webhooks/shopify", bytes.NewReader(body))
	req.RemoteAddr = remote + ":40000"
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Shopify-Topic", topic)
	req.Header.Set("X-Shopify-Shop-Domain", in.shop.Domain)
	req.Header.Set("X-Shopify-Webhook-Id", webhookID)
	req.Header.Set("X-Shopify-Hmac-Sha256", sig)
	rec := httptest.NewRecorder()
	in.h.ServeHTTP(rec, req)
	if rec.Code >= 400 {
		var answer struct{ Error struct{ Code string } }
		if json.Unmarshal(rec.Body.Bytes(), &answer); answer.Error.Code == "" {
			t.Fatalf("status %d without an error code: %s", rec.Code, rec.Body)
		}
	}
	return rec.Code
}

// Rejected deliveries count against their client address: beyond the
// limit they are answered 429, while a valid delivery from the same address
// is still taken and another address is not limited. Each reason is logged
// once (then counted), not once per rejection.
func TestRejectedWebhooksAreLimitedAndSampled(t *testing.T) {
	in := newIntake(t, store.SQLite)
	body, _ := json.Marshal(shopifytest.DataRequest(1, in.shop.Domain, jane, nil, 77))
	forged := shopify.SignWebhook(body, "not-the-secret")
	const attacker, other = "198.51.100.7", "203.0.113.9"

	for i := range shopify.DefaultRejectBurst {
		if code := in.serve(t, attacker, shopify.TopicDataRequest, "wh-forged", body, forged); code != 401 {
			t.Fatalf("rejection %d: status %d, want 401", i+1, code)
		}
	}
	if code := in.serve(t, attacker, shopify.TopicDataRequest, "wh-forged", body, forged); code != 429 {
		t.Fatalf("past the limit: status %d, want 429", code)
	}
	if code := in.serve(t, attacker, shopify.TopicDataRequest, "wh-valid", body, ""); code != 200 {
		t.Fatalf("a valid delivery from a limited address: status %d, want 200", code)
	}
	if code := in.serve(t, other, shopify.TopicDataRequest, "wh-forged", body, forged); code != 401 {
		t.Fatalf("another address: status %d, want 401", code)
	}
	if n := in.count(t, "requests", "shop_id = ?", in.shop.ID); n != 1 {
		t.Fatalf("%d requests, want 1", n)
	}

	logs := in.logs.String()
	if n := strings.Count(logs, `msg="webhook rejected" reason=bad_signature`); n != 1 {
		t.Errorf("%d log lines for %d bad signatures, want 1:\n%s", n, shopify.DefaultRejectBurst+1, logs)
	}
	if n := strings.Count(logs, `msg="webhook rejected" reason=rate_limited`); n != 1 {
		t.Errorf("%d log lines for the 429, want 1", n)
	}
}
