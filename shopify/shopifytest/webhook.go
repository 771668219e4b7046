package shopifytest

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"time"

	"github.com/lethe-gdpr/lethe/shopify/schema"
)

// Webhook topics Lethe handles.
const (
	TopicCustomersDataRequest = "customers/data_request"
	TopicCustomersRedact      = "customers/redact"
	TopicShopRedact           = "shop/redact"
	TopicAppUninstalled       = "app/uninstalled"
)

// WebhookHMAC is the X-Shopify-Hmac-Sha256 of a body: base64 HMAC-SHA256
// keyed with the app secret.
func WebhookHMAC(body []byte, secret string) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// WebhookOptions override what SendWebhookWith sends, for negative tests.
type WebhookOptions struct {
	// Body, when set, is sent as is instead of the JSON of the payload.
	Body []byte
	// WebhookID and EventID replace the generated unique ids (send the same
	// WebhookID twice to test deduplication).
	WebhookID string
	EventID   string
	// HMAC replaces the computed signature; "-" omits the header.
	HMAC        string
	TriggeredAt time.Time
	APIVersion  string
}

// SendWebhook delivers a webhook as Shopify does: POST with a JSON body and
// every header Shopify sets, signed with secret. The caller closes the body.
func SendWebhook(ctx context.Context, url, topic, shopDomain string, payload any, secret string) (*http.Response, error) {
	return SendWebhookWith(ctx, url, topic, shopDomain, payload, secret, WebhookOptions{})
}

// SendWebhookWith is SendWebhook with overrides.
func SendWebhookWith(ctx context.Context, url, topic, shopDomain string, payload any, secret string, o WebhookOptions) (*http.Response, error) {
	body := o.Body
	if body == nil {
		var err error
		if body, err = json.Marshal(payload); err != nil {
			return nil, err
		}
	}
	if o.WebhookID == "" {
		o.WebhookID = uuidLike()
	}
	if o.EventID == "" {
		o.EventID = uuidLike()
	}
	if o.TriggeredAt.IsZero() {
		o.TriggeredAt = time.Now()
	}
	if o.APIVersion == "" {
		o.APIVersion = schema.Version
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	h := req.Header
	h.Set("Content-Type", "application/json")
	h.Set("User-Agent", "Shopify-Captain-Hook")
	h.Set("X-Shopify-Topic", topic)
	h.Set("X-Shopify-Shop-Domain", shopDomain)
	h.Set("X-Shopify-API-Version", o.APIVersion)
	h.Set("X-Shopify-Webhook-Id", o.WebhookID)
	h.Set("X-Shopify-Event-Id", o.EventID)
	h.Set("X-Shopify-Triggered-At", o.TriggeredAt.UTC().Format("2006-01-02T15:04:05.000000000Z"))
	switch o.HMAC {
	case "":
		h.Set("X-Shopify-Hmac-Sha256", WebhookHMAC(body, secret))
	case "-":
	default:
		h.Set("X-Shopify-Hmac-Sha256", o.HMAC)
	}
	return http.DefaultClient.Do(req)
}

// uuidLike returns a random id in UUID form, like Shopify's webhook ids.
func uuidLike() string {
	h := randomHex(16)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}
