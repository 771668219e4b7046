package shopify

import (
	"sort"
	"strings"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/shopify/admin"
)

// Recipient categories the connector reports (classify reads them).
const (
	CategoryPaymentProvider = answer.CategoryPaymentProvider
	CategoryCarrier         = answer.CategoryCarrier
)

// GatewayRecipient is the recipient of a payment gateway code, from the
// rules core's table of known providers (answer.Lookup; Shopify Payments
// is Stripe Payments Europe); ok is false for methods without a provider
// (a bank transfer reaches the shop's own bank, a gift card nobody).
// Unknown codes are named by the code, with the category.
func GatewayRecipient(code string) (answer.Recipient, bool) {
	for _, r := range answer.Resolve(gdpr.Disclosure{Kind: gdpr.DisclosedPayment, Name: code}) {
		if r.Category == CategoryPaymentProvider {
			return r, true
		}
	}
	return answer.Recipient{}, false
}

// recipientsOf lists the recipients of the orders — payment providers with
// their onward transfers, the shop's bank for bank transfers, carriers —
// once each, sorted by category and name.
func recipientsOf(orders []*admin.DiscoveryOrder) []answer.Recipient {
	seen := map[string]bool{}
	var out []answer.Recipient
	addR := func(r answer.Recipient) {
		k := r.Category + "\x00" + strings.ToLower(r.Name)
		if seen[k] {
			return
		}
		seen[k] = true
		out = append(out, r)
	}
	for _, o := range orders {
		for _, d := range disclosures(o) {
			for _, r := range answer.Resolve(d) {
				addR(r)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Category != out[j].Category {
			return out[i].Category > out[j].Category // payment providers first
		}
		return out[i].Name < out[j].Name
	})
	return out
}
