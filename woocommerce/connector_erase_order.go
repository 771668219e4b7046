package woocommerce

import (
	"slices"
	"strings"

	"github.com/lethe-gdpr/lethe/app/gdpr/plan"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
)

// target is a piece of a WooCommerce order that an erasure changes, and so
// the way it is erased. The items of one order (connector_order.go) name
// the same piece under their own field names: the confirmation's "email"
// and the open order's "email" are both the billing e-mail.
type target string

const (
	tNone          target = ""               // order data that goes only with the order (numbers, dates, amounts, lines)
	tEmail         target = "billing_email"  // plugin
	tPhone         target = "billing_phone"  // plugin
	tShipping      target = "shipping"       // plugin (country, state and postcode stay)
	tShippingPhone target = "shipping_phone" // plugin, only with the whole shipping address
	tIP            target = "ip_address"     // plugin (read-only over REST)
	tUserAgent     target = "user_agent"     // plugin (read-only over REST)
	tCustomerNote  target = "customer_note"  // REST PUT with only customer_note: no recalculation
	tMeta          target = "meta"           // REST (the person's own meta) and plugin (the meta WooCommerce lists as personal)
	tPrivateNotes  target = "private_notes"  // REST DELETE per note (items discovered before private notes became order_note records)
	tBilling       target = "billing"        // the invoice address: only a PUT with billing changes it, which recalculates taxes
	tUnknown       target = "unknown_field"  // a field Lethe does not know how to erase here
)

// targetOf is the piece of the order an item's field is.
func targetOf(field string) target {
	switch field {
	case "email":
		return tEmail
	case "billing_phone", "phone":
		return tPhone
	case retention.FieldShippingAddress:
		return tShipping
	case "shipping_phone":
		return tShippingPhone
	case "client_ip":
		return tIP
	case "user_agent":
		return tUserAgent
	case "customer_note":
		return tCustomerNote
	case "metafields":
		return tMeta
	case "private_notes":
		return tPrivateNotes
	case retention.FieldBuyerName, retention.FieldBuyerAddress, retention.FieldPayerName, retention.FieldBuyerVATID, retention.FieldAccountHolder:
		return tBilling
	case retention.FieldSellerName, retention.FieldSellerAddress, retention.FieldSellerTaxNumber, retention.FieldSellerVATID,
		retention.FieldInvoiceDate, retention.FieldInvoiceNumber, retention.FieldLineItems, retention.FieldDeliveryDate,
		retention.FieldNetAmounts, retention.FieldAgreedReductions, retention.FieldTaxRates, retention.FieldTaxAmounts,
		retention.FieldTaxExemptionNote, retention.FieldCurrency, retention.FieldOrderNumber, retention.FieldOrderDate,
		retention.FieldTotalAmount, retention.FieldPaymentMethod, retention.FieldPaymentDate, retention.FieldPaymentType,
		retention.FieldAmount, retention.FieldTransactionID, retention.FieldTermsVersion,
		"order_status", "created_via", "payment_method_code", "shipping_methods", "delivery_date_basis":
		return tNone
	}
	return tUnknown
}

// pluginField is the erase route's field of a target.
var pluginField = map[target]string{
	tEmail: PluginBillingEmail, tPhone: PluginBillingPhone, tShipping: PluginShippingAddress,
	tIP: PluginIPAddress, tUserAgent: PluginUserAgent, tMeta: PluginOrderMeta,
}

// orderPlan is what the plan says of one order: its entries (letters, the
// notes sent to the customer, apart), and whether anything of it is kept.
type orderPlan struct {
	id      int64
	entries []plan.Entry
	letters map[int64]plan.Entry // note id → its entry
}

// kept reports whether the order stays in the store: some record of it is
// kept or deferred (a letter too: its note lives on the order), or the plan
// does not hold the order's own document, so nothing says the whole order
// may go.
func (o *orderPlan) kept() bool {
	core := false
	for _, e := range o.entries {
		if e.Action != retention.ActionErase {
			return true
		}
		core = core || e.RecordType == retention.OrderConfirmation || e.RecordType == retention.Invoice
	}
	for _, e := range o.letters {
		if e.Action != retention.ActionErase {
			return true
		}
	}
	return !core
}

// erase lists the targets of a kept order the plan erases: a field some
// record erases (an erased record: all its fields) and no kept or deferred
// record keeps.
func (o *orderPlan) erase() map[target]bool {
	wanted, needed := map[target]bool{}, map[target]bool{}
	for _, e := range o.entries {
		for _, f := range e.EraseFields {
			wanted[targetOf(f)] = true
		}
		if e.Action != retention.ActionErase {
			for _, f := range e.KeepFields {
				needed[targetOf(f)] = true
			}
		}
	}
	out := map[target]bool{}
	for t := range wanted {
		if t != tNone && !needed[t] {
			out[t] = true
		}
	}
	return out
}

// leftOf turns targets left in the store into the plan's words: per
// record of the order, the fields it erases that are one of those
// targets.
func (o *orderPlan) leftOf(targets map[target]bool, label, reason string) []plan.Left {
	var out []plan.Left
	for _, e := range o.entries {
		var fs []string
		for _, f := range e.EraseFields {
			if targets[targetOf(f)] {
				fs = append(fs, f)
			}
		}
		if len(fs) == 0 {
			continue
		}
		slices.Sort(fs)
		out = append(out, plan.Left{System: Platform, RecordType: e.RecordType, RecordID: e.RecordID, Label: label, Fields: fs, Reason: reason})
	}
	return out
}

// sameAddress reports whether the shipping address is the invoice address
// (the same person at the same place): it is kept then with the invoice.
func sameAddress(b, s Address) bool {
	norm := func(v string) string { return strings.ToLower(strings.Join(strings.Fields(v), " ")) }
	pairs := [][2]string{{b.FirstName, s.FirstName}, {b.LastName, s.LastName}, {b.Company, s.Company}, {b.Address1, s.Address1},
		{b.Address2, s.Address2}, {b.City, s.City}, {b.Postcode, s.Postcode}, {b.Country, s.Country}, {b.State, s.State}}
	for _, p := range pairs {
		if norm(p[0]) != norm(p[1]) {
			return false
		}
	}
	return true
}

// visibleMeta is the order meta a person can have entered (checkout fields,
// delivery notes): keys without the leading underscore of a plugin's own
// data, and not WooCommerce's own tax flag.
func visibleMeta(m Meta) bool {
	return m.Key != "" && !strings.HasPrefix(m.Key, "_") && m.Key != "is_vat_exempt" && len(m.Value) > 0 && string(m.Value) != "null" && string(m.Value) != `""`
}
