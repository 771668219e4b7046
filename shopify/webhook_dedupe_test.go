package shopify_test

import (
	"encoding/json"
	"testing"

	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/shopify"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

// One event, one request: the deliveries of one event (same
// X-Shopify-Event-Id, other webhook ids) and a second delivery of the same
// data_request.id in the same shop are repeats; a retry of a delivery still
// gets 200; a customers/redact after the data request is another event.
func TestOneEventOneRequest(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			in := newIntake(t, dialect)
			dom := in.shop.Domain
			p := shopifytest.DataRequest(954889, dom, jane, nil, 9999)
			send := func(topic, shop string, payload any, webhook, event string) (int, string) {
				t.Helper()
				code, body := in.send(t, topic, shop, payload, shopifytest.WebhookOptions{WebhookID: webhook, EventID: event})
				var answer struct{ Status string }
				json.Unmarshal([]byte(body), &answer)
				return code, answer.Status
			}
			steps := []struct {
				name          string
				topic, shop   string
				payload       any
				webhook, evt  string
				status        string
				requests      int64 // of the shop, after the delivery
				otherRequests int64
			}{
				{"first delivery", shopify.TopicDataRequest, dom, p, "wh-a", "ev-1", "accepted", 1, 0},
				{"the same event, another webhook id", shopify.TopicDataRequest, dom, p, "wh-b", "ev-1", "duplicate", 1, 0},
				{"the same data_request.id, another event", shopify.TopicDataRequest, dom, p, "wh-c", "ev-2", "duplicate", 1, 0},
				{"a retry of the first delivery", shopify.TopicDataRequest, dom, p, "wh-a", "ev-1", "duplicate", 1, 0},
				{"the same data_request.id in another shop", shopify.TopicDataRequest, in.other.Domain,
					shopifytest.DataRequest(2, in.other.Domain, jane, nil, 9999), "wh-d", "ev-3", "accepted", 1, 1},
				{"customers/redact after the data request", shopify.TopicRedact, dom,
					shopifytest.CustomersRedact(954889, dom, jane, nil), "wh-e", "ev-4", "accepted", 2, 1},
				{"its other delivery", shopify.TopicRedact, dom,
					shopifytest.CustomersRedact(954889, dom, jane, nil), "wh-f", "ev-4", "duplicate", 2, 1},
			}
			for _, s := range steps {
				code, status := send(s.topic, s.shop, s.payload, s.webhook, s.evt)
				if code != 200 || status != s.status {
					t.Errorf("%s: %d %q, want 200 %q", s.name, code, status, s.status)
				}
				if n := in.count(t, "requests", "shop_id = ?", in.shop.ID); n != s.requests {
					t.Errorf("%s: %d requests, want %d", s.name, n, s.requests)
				}
				if n := in.count(t, "requests", "shop_id = ?", in.other.ID); n != s.otherRequests {
					t.Errorf("%s: %d requests in the other shop, want %d", s.name, n, s.otherRequests)
				}
			}
			// A repeat stores nothing: one delivery row per event.
			if n := in.count(t, "webhook_deliveries", "delivery_id IN ('wh-b', 'wh-c', 'wh-f')"); n != 0 {
				t.Errorf("repeats recorded %d deliveries", n)
			}
			if n := in.count(t, "steps", "1 = 1"); n != 3 {
				t.Errorf("%d steps, want one per request (3)", n)
			}
		})
	}
}
