package classify

import (
	"strings"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
)

const (
	catPlatform       = "processor (hosting, shop platform)"
	catPlatformOnward = "sub-processor (onward transfer by Shopify International Limited)"
	catLethe          = "processor (handling of data protection requests)"
)

// platformRecipients are the default recipients of a system's data, by
// system name (data, not a decision): for Shopify, Shopify International
// Limited (Ireland) hosts the shop as processor and transfers data onward
// to Shopify Inc. in Canada, which the Commission's adequacy decision
// 2002/2/EC covers (Art. 45 GDPR; Shopify Data Processing Addendum,
// https://www.shopify.com/legal/dpa).
var platformRecipients = map[string][]answer.Recipient{
	"shopify": {
		{Name: "Shopify International Limited", Category: catPlatform, Country: "IE"},
		{Name: "Shopify Inc.", Category: catPlatformOnward, Country: "CA", ThirdCountry: true, Safeguards: answer.SafeguardCanada},
	},
	"lethe": {{Name: "Lethe", Category: catLethe}},
}

// recipientsFor selects the recipients of one item: the platform's, those
// the record itself names (the payment method its order was paid with,
// the carrier that shipped it — the actual recipients, CJEU C-154/21),
// else those the connector learned from all the data, and the merchant's.
func recipientsFor(it gdpr.Item, c Context) []answer.Recipient {
	var out []answer.Recipient
	if it.System == c.Platform || it.System == "lethe" {
		out = append(out, platformRecipients[it.System]...)
	}
	if it.Disclosed != nil {
		for _, d := range it.Disclosed {
			if (d.Kind == gdpr.DisclosedPayment && paymentTypes[it.RecordType]) || (d.Kind == gdpr.DisclosedCarrier && carrierTypes[it.RecordType]) {
				out = append(out, answer.Resolve(d)...)
			}
		}
	} else {
		out = append(out, foundFor(it, c.FoundRecipients)...)
	}
	for _, r := range c.ShopRecipients {
		if len(r.RecordTypes) == 0 || containsType(r.RecordTypes, it.RecordType) {
			out = append(out, r.Recipient)
		}
	}
	return dedupe(out)
}

// foundFor are the connector's recipients for an item that names none
// itself (an item stored before items named them): payment providers to
// payment, order and invoice items, carriers to order and warranty items,
// any other category to every item.
func foundFor(it gdpr.Item, found []answer.Recipient) []answer.Recipient {
	var out []answer.Recipient
	for _, r := range found {
		switch strings.ToLower(r.Category) {
		case CategoryPaymentProvider, answer.CategoryBank, answer.CategoryOnward:
			if paymentTypes[it.RecordType] {
				out = append(out, r)
			}
		case CategoryCarrier:
			if carrierTypes[it.RecordType] {
				out = append(out, r)
			}
		default:
			out = append(out, r)
		}
	}
	return out
}

func containsType(list []gdpr.RecordType, rt retention.RecordType) bool {
	for _, t := range list {
		if t == rt {
			return true
		}
	}
	return false
}

// dedupe keeps the first of recipients with the same name and category.
func dedupe(rs []answer.Recipient) []answer.Recipient {
	seen := map[string]bool{}
	out := []answer.Recipient{}
	for _, r := range rs {
		k := strings.ToLower(strings.TrimSpace(r.Name)) + "\x00" + strings.ToLower(strings.TrimSpace(r.Category))
		if seen[k] || (r.Name == "" && r.Category == "") {
			continue
		}
		seen[k] = true
		out = append(out, r)
	}
	return out
}

// PlatformRecipients are the default recipients of a system's data (a copy):
// for "shopify" its processor and sub-processor, for "lethe" Lethe itself.
func PlatformRecipients(system string) []answer.Recipient {
	return append([]answer.Recipient(nil), platformRecipients[system]...)
}
