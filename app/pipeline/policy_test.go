package pipeline

import (
	"testing"

	"github.com/lethe-gdpr/lethe/app/store"
)

// TestPolicyComesFromTheRecordedFacts: whether a plan runs by policy and the
// confirmation goes out at once follows from the facts recorded at intake
// and the shop's settings, never from the request's source.
func TestPolicyComesFromTheRecordedFacts(t *testing.T) {
	review := &store.Shop{}
	autoErase := &store.Shop{Settings: `{"auto_erase":true}`}
	autoSend := &store.Shop{Settings: `{"auto_send":true}`}
	shopifyRedact := &store.Request{Type: store.TypeErasure, Source: "shopify", Initiator: "shopify", Automatic: true}
	for _, c := range []struct {
		name   string
		shop   *store.Shop
		req    *store.Request
		by     string
		atOnce bool
	}{
		{"Shopify's customers/redact", review, shopifyRedact, "system:shopify-redact", true},
		{"another platform's own redact", review, &store.Request{Source: "woocommerce", Initiator: "woocommerce", Automatic: true}, "system:woocommerce-redact", true},
		{"manual request with the facts set", review, &store.Request{Source: "manual", Initiator: "shopify", Automatic: true}, "system:shopify-redact", true},
		{"automatic without initiator", review, &store.Request{Source: "form", Automatic: true}, "system:automatic", true},
		{"source shopify without the facts", review, &store.Request{Source: "shopify"}, "", false},
		{"platform's own request under review", review, &store.Request{Source: "shopify", Initiator: "shopify"}, "", false},
		{"manual, shop erases automatically", autoErase, &store.Request{Source: "manual"}, "system:auto-erase", false},
		{"manual, shop sends without review", autoSend, &store.Request{Source: "manual"}, "", true},
		{"manual, merchant reviews", review, &store.Request{Source: "manual"}, "", false},
	} {
		if got := approvedBy(c.shop, c.req); got != c.by {
			t.Errorf("%s: approved by %q, want %q", c.name, got, c.by)
		}
		if got := confirmsAtOnce(c.shop, c.req); got != c.atOnce {
			t.Errorf("%s: confirms at once %t, want %t", c.name, got, c.atOnce)
		}
	}
}
