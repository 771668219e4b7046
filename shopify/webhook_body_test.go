package shopify_test

import (
	"testing"

	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/shopify"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

// Webhook bodies are checked as data: a customer e-mail with a NUL
// character, or a body that is not valid UTF-8 (which JSON decoding would
// replace silently), is 400 and recorded as malformed, creating nothing.
func TestWebhookBodiesAreCheckedAsData(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			in := newIntake(t, dialect)
			dom := in.shop.Domain
			prefix := `{"shop_id":1,"shop_domain":"` + dom + `","customer":{"id":191167,`
			cases := []struct {
				name, topic, body string
			}{
				{"NUL in the e-mail", shopify.TopicDataRequest, prefix + `"email":"jane\u0000@example.com"},"data_request":{"id":7}}`},
				{"NUL in the phone", shopify.TopicRedact, prefix + `"phone":"+49\u0000170"},"orders_to_redact":[]}`},
				{"invalid UTF-8 in the e-mail", shopify.TopicDataRequest, prefix + "\"email\":\"jane\xff@example.com\"},\"data_request\":{\"id\":8}}"},
				{"invalid UTF-8 in a key", shopify.TopicRedact, prefix + "\"email\":\"jane@example.com\",\"n\xc3\":1},\"orders_to_redact\":[]}"},
			}
			for i, c := range cases {
				code, body := in.send(t, c.topic, dom, nil, shopifytest.WebhookOptions{Body: []byte(c.body)})
				if code != 400 {
					t.Errorf("%s: status %d (%s), want 400", c.name, code, body)
				}
				if n := in.count(t, "webhook_deliveries", "status = 'malformed'"); n != int64(i+1) {
					t.Errorf("%s: %d malformed deliveries recorded, want %d", c.name, n, i+1)
				}
			}
			if n := in.count(t, "requests", "1 = 1"); n != 0 {
				t.Errorf("%d requests created", n)
			}
		})
	}
}
