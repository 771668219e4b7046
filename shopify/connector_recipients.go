package shopify

import (
	"sort"
	"strings"

	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/shopify/admin"
)

// Recipient categories the connector reports (classify reads them).
const (
	CategoryPaymentProvider = "payment provider"
	CategoryCarrier         = "carrier"
)

// knownGateways maps Shopify payment gateway codes to the legal entity
// that receives the payment data.
var knownGateways = map[string]answer.Recipient{
	"shopify_payments": {Name: "Shopify Payments (Stripe Payments Europe Ltd., Ireland)", Category: CategoryPaymentProvider, Country: "IE"},
	"paypal":           {Name: "PayPal (Europe) S.à r.l. et Cie, S.C.A., Luxembourg", Category: CategoryPaymentProvider, Country: "LU"},
	"klarna":           {Name: "Klarna Bank AB, Sweden", Category: CategoryPaymentProvider, Country: "SE"},
}

// noRecipientGateways are payment methods where no payment provider
// receives data (the merchant's own bank account, cash, gift cards, the
// test gateway).
var noRecipientGateways = map[string]bool{
	"manual": true, "bank_transfer": true, "bank_deposit": true, "money_order": true,
	"cash_on_delivery": true, "cash_on_delivery_(cod)": true, "cod": true,
	"gift_card": true, "bogus": true, "": true,
}

// gatewayKey normalises "Bank Deposit" → "bank_deposit".
func gatewayKey(code string) string {
	return strings.NewReplacer(" ", "_", "-", "_").Replace(strings.ToLower(strings.TrimSpace(code)))
}

// GatewayRecipient is the recipient of a payment gateway code; ok is false
// for methods without one (manual, bank transfer). Unknown codes are named
// by the code, with the category.
func GatewayRecipient(code string) (answer.Recipient, bool) {
	k := gatewayKey(code)
	if noRecipientGateways[k] {
		return answer.Recipient{}, false
	}
	if r, ok := knownGateways[k]; ok {
		return r, true
	}
	for prefix, r := range knownGateways { // paypal_express, klarna_payments …
		if strings.HasPrefix(k, prefix) {
			return r, true
		}
	}
	return answer.Recipient{Name: strings.TrimSpace(code), Category: CategoryPaymentProvider}, true
}

// recipientsOf lists the payment providers and carriers of the orders,
// once each, sorted by category and name.
func recipientsOf(orders []*admin.DiscoveryOrder) []answer.Recipient {
	seen := map[string]bool{}
	var out []answer.Recipient
	addR := func(r answer.Recipient) {
		k := r.Category + "\x00" + strings.ToLower(r.Name)
		if r.Name == "" || seen[k] {
			return
		}
		seen[k] = true
		out = append(out, r)
	}
	for _, o := range orders {
		for _, g := range o.PaymentGatewayNames {
			if r, ok := GatewayRecipient(g); ok {
				addR(r)
			}
		}
		for _, f := range o.Fulfillments {
			for _, t := range f.TrackingInfo {
				addR(answer.Recipient{Name: strings.TrimSpace(t.Company), Category: CategoryCarrier})
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
