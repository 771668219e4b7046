package shopify

import (
	"strings"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/shopify/admin"
)

// orderItems maps one order to its documents:
//
//   - invoice — paid, partially paid or (partly) refunded orders: the
//     §14(4) UStG contents;
//   - order_confirmation — every order: the confirmation as sent, plus the
//     contact fields (e-mail, phone, note, custom attributes) no duty
//     covers;
//   - payment_record — orders money moved for: gateways, amount, status;
//   - technical_data — the client IP and browser language, when recorded;
//   - warranty_data — orders with a successful fulfilment (Delivered);
//   - open_order — orders still being performed (unpaid, unfulfilled or an
//     open return, not cancelled).
//
// Every item of an open order is Open: the contract still needs all of it,
// so none may be cut down to its keep list yet.
func (m *mapper) orderItems(o *admin.DiscoveryOrder) []gdpr.Item {
	v := m.view(o)
	var items []gdpr.Item
	if invoicedStatuses[o.DisplayFinancialStatus] {
		items = append(items, m.invoiceItem(v))
	}
	items = append(items, m.confirmationItem(v))
	if paymentStatuses[o.DisplayFinancialStatus] {
		items = append(items, m.paymentItem(v))
	}
	if strings.TrimSpace(o.ClientIP) != "" {
		items = append(items, m.technicalItem(v))
	}
	if v.delivered != nil {
		items = append(items, m.warrantyItem(v))
	}
	if len(v.openReasons) > 0 {
		items = append(items, m.openItem(v))
		for i := range items {
			items[i].Open = true
		}
	}
	// Every document of the order names who received its data: the payment
	// method it was paid with, the carrier that shipped it (the answer
	// names them per order, CJEU C-154/21).
	disclosed := disclosures(o)
	for i := range items {
		items[i].Disclosed = disclosed
	}
	return items
}

// disclosures are the order's payment methods and carriers as Shopify
// records them; never nil, so an order without either says so.
func disclosures(o *admin.DiscoveryOrder) []gdpr.Disclosure {
	out := []gdpr.Disclosure{}
	seen := map[gdpr.Disclosure]bool{}
	add := func(d gdpr.Disclosure) {
		if d.Name = strings.TrimSpace(d.Name); d.Name != "" && !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	for _, g := range o.PaymentGatewayNames {
		add(gdpr.Disclosure{Kind: gdpr.DisclosedPayment, Name: g})
	}
	for _, f := range o.Fulfillments {
		for _, t := range f.TrackingInfo {
			add(gdpr.Disclosure{Kind: gdpr.DisclosedCarrier, Name: t.Company})
		}
	}
	return out
}

// Financial and fulfilment states (OrderDisplayFinancialStatus,
// OrderDisplayFulfillmentStatus, ReturnStatus).
var (
	invoicedStatuses = map[string]bool{"PAID": true, "PARTIALLY_PAID": true, "PARTIALLY_REFUNDED": true, "REFUNDED": true}
	paymentStatuses  = map[string]bool{"PAID": true, "PARTIALLY_PAID": true, "PARTIALLY_REFUNDED": true, "REFUNDED": true, "AUTHORIZED": true}
	unpaidStatuses   = map[string]bool{"PENDING": true, "AUTHORIZED": true, "PARTIALLY_PAID": true}
	settledStatuses  = map[string]bool{"REFUNDED": true, "VOIDED": true} // nothing left to deliver
	doneFulfillment  = map[string]bool{"FULFILLED": true, "RESTOCKED": true}
	openReturn       = map[string]bool{"OPEN": true, "REQUESTED": true}
)

func (m *mapper) base(v *orderView, rt retention.RecordType, f fields) gdpr.Item {
	return gdpr.Item{System: System, RecordType: rt, RecordID: v.o.ID, Fields: f, Date: v.date}
}

func (m *mapper) invoiceItem(v *orderView) gdpr.Item {
	f := fields{}
	f.Set(retention.FieldSellerName, m.sellerName)
	f.Set(retention.FieldSellerAddress, m.sellerAddress)
	f.Set(retention.FieldBuyerName, v.buyerName)
	f.Set(retention.FieldBuyerAddress, address(v.o.BillingAddress))
	f.Set(retention.FieldInvoiceDate, v.date.String())
	f.Set(retention.FieldInvoiceNumber, v.o.Name)
	f.Set(retention.FieldLineItems, v.lineItems())
	f.Set(retention.FieldNetAmounts, v.netAmounts())
	if v.reductions.Sign() > 0 {
		f.Set(retention.FieldAgreedReductions, decStr(v.reductions))
	}
	f.Set(retention.FieldTaxRates, v.taxRates())
	f.Set(retention.FieldTaxAmounts, v.taxAmounts())
	f.Set(retention.FieldCurrency, v.currency)
	f.Set(retention.FieldDeliveryDate, m.day(v.shipped))
	return m.base(v, retention.Invoice, f)
}

func (m *mapper) confirmationItem(v *orderView) gdpr.Item {
	o := v.o
	f := fields{}
	f.Set(retention.FieldOrderNumber, o.Name)
	f.Set(retention.FieldOrderDate, v.date.String())
	f.Set(retention.FieldSellerName, m.sellerName)
	f.Set(retention.FieldSellerAddress, m.sellerAddress)
	f.Set(retention.FieldBuyerName, v.buyerName)
	f.Set(retention.FieldBuyerAddress, address(o.BillingAddress))
	f.Set(retention.FieldShippingAddress, address(o.ShippingAddress))
	f.Set(retention.FieldLineItems, v.lineItems())
	f.Set(retention.FieldTotalAmount, decStr(v.total))
	f.Set(retention.FieldCurrency, v.currency)
	f.Set(retention.FieldPaymentMethod, strings.Join(o.PaymentGatewayNames, ", "))
	// Not covered by the duty to keep business letters: erased on request.
	f.Set("email", o.Email)
	f.Set("phone", o.Phone)
	f.Set("note", o.Note)
	f.Set("custom_attributes", attributes(o.CustomAttributes))
	if o.BillingAddress != nil {
		f.Set("billing_phone", o.BillingAddress.Phone)
	}
	if o.ShippingAddress != nil {
		f.Set("shipping_phone", o.ShippingAddress.Phone)
	}
	f.Set("tags", o.Tags)
	f.Set("financial_status", o.DisplayFinancialStatus)
	f.Set("fulfillment_status", o.DisplayFulfillmentStatus)
	f.Set("cancelled_at", m.stamp(o.CancelledAt))
	return m.base(v, retention.OrderConfirmation, f)
}

func (m *mapper) paymentItem(v *orderView) gdpr.Item {
	o := v.o
	f := fields{}
	f.Set(retention.FieldPaymentDate, v.date.String())
	f.Set(retention.FieldPaymentType, paymentType(o.DisplayFinancialStatus))
	f.Set(retention.FieldAmount, decStr(v.total))
	f.Set(retention.FieldCurrency, v.currency)
	f.Set(retention.FieldPaymentMethod, strings.Join(o.PaymentGatewayNames, ", "))
	if invoicedStatuses[o.DisplayFinancialStatus] {
		f.Set(retention.FieldInvoiceNumber, o.Name)
	}
	f.Set(retention.FieldOrderNumber, o.Name)
	f.Set(retention.FieldPayerName, v.buyerName)
	f.Set("financial_status", o.DisplayFinancialStatus)
	f.Set("payment_gateways", o.PaymentGatewayNames)
	return m.base(v, retention.PaymentRecord, f)
}

func paymentType(status string) string {
	switch status {
	case "REFUNDED":
		return "payment, refund"
	case "PARTIALLY_REFUNDED":
		return "payment, partial refund"
	case "AUTHORIZED":
		return "authorization"
	case "PARTIALLY_PAID":
		return "partial payment"
	}
	return "payment"
}

func (m *mapper) technicalItem(v *orderView) gdpr.Item {
	f := fields{}
	f.Set("client_ip", v.o.ClientIP)
	f.Set("customer_locale", v.o.CustomerLocale)
	f.Set(retention.FieldOrderNumber, v.o.Name)
	return m.base(v, retention.TechnicalData, f)
}

func (m *mapper) warrantyItem(v *orderView) gdpr.Item {
	f := fields{}
	f.Set(retention.FieldOrderNumber, v.o.Name)
	f.Set(retention.FieldBuyerName, v.buyerName)
	f.Set(retention.FieldLineItems, v.lineItems())
	f.Set(retention.FieldDeliveryDate, v.delivered.String())
	f.Set(retention.FieldTotalAmount, decStr(v.total))
	f.Set(retention.FieldCurrency, v.currency)
	var carriers, numbers []string
	for _, fl := range v.o.Fulfillments {
		for _, t := range fl.TrackingInfo {
			carriers = appendNew(carriers, t.Company)
			numbers = appendNew(numbers, t.Number)
		}
	}
	f.Set("carriers", carriers)
	f.Set("tracking_numbers", numbers)
	f.Set("delivery_date_basis", v.deliveredBasis)
	it := m.base(v, retention.WarrantyData, f)
	it.Delivered = v.delivered
	return it
}

func (m *mapper) openItem(v *orderView) gdpr.Item {
	o := v.o
	f := fields{}
	f.Set(retention.FieldOrderNumber, o.Name)
	f.Set(retention.FieldOrderDate, v.date.String())
	f.Set("open_reasons", v.openReasons)
	f.Set("financial_status", o.DisplayFinancialStatus)
	f.Set("fulfillment_status", o.DisplayFulfillmentStatus)
	f.Set(retention.FieldBuyerName, v.buyerName)
	f.Set(retention.FieldBuyerAddress, address(o.BillingAddress))
	f.Set(retention.FieldShippingAddress, address(o.ShippingAddress))
	f.Set("email", o.Email)
	f.Set("phone", o.Phone)
	f.Set(retention.FieldLineItems, v.lineItems())
	f.Set(retention.FieldTotalAmount, decStr(v.total))
	f.Set(retention.FieldCurrency, v.currency)
	return m.base(v, retention.OpenOrder, f)
}

func attributes(as []admin.Attribute) []map[string]any {
	var out []map[string]any
	for _, a := range as {
		out = append(out, map[string]any{"key": a.Key, "value": a.Value})
	}
	return out
}

func appendNew(list []string, s string) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return list
	}
	for _, have := range list {
		if have == s {
			return list
		}
	}
	return append(list, s)
}
