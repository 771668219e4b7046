package woocommerce

import (
	"sort"
	"strconv"
	"strings"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	gdpranswer "github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
)

// Order statuses (wc_get_order_statuses without the wc- prefix).
var (
	invoicedStatuses = map[string]bool{"processing": true, "completed": true, "refunded": true}
	openStatuses     = map[string]bool{"pending": true, "processing": true, "on-hold": true, "checkout-draft": true}
)

// orderItems maps one order and its notes to documents:
//
//   - invoice — paid orders (processing, completed, refunded);
//   - order_confirmation — every order, with the contact fields no duty
//     covers;
//   - payment_record — orders money moved for (a payment date, or paid);
//   - technical_data — the client's IP address and user agent, when
//     recorded;
//   - warranty_data — completed orders (delivered on completion);
//   - open_order — orders still being performed (pending, processing, on
//     hold);
//   - business_letter — every note sent to the customer;
//   - order_note — every private note (not sent), one item each.
//
// Every item of an open order is Open. Every item names the order's
// payment method and carrier (Disclosed).
func (m *mapper) orderItems(o *Order, notes []Note) []gdpr.Item {
	var items []gdpr.Item
	if invoicedStatuses[o.Status] {
		items = append(items, m.invoiceItem(o))
	}
	items = append(items, m.confirmationItem(o))
	if invoicedStatuses[o.Status] || !o.DatePaid.IsZero() {
		items = append(items, m.paymentItem(o))
	}
	if strings.TrimSpace(o.CustomerIPAddress) != "" || strings.TrimSpace(o.CustomerUserAgent) != "" {
		items = append(items, m.technicalItem(o))
	}
	if o.Status == "completed" {
		items = append(items, m.warrantyItem(o))
	}
	for i := range notes {
		if notes[i].CustomerNote {
			items = append(items, m.noteItem(o, &notes[i]))
		} else {
			items = append(items, m.orderNoteItem(o, &notes[i]))
		}
	}
	if openStatuses[o.Status] {
		items = append(items, m.openItem(o))
		for i := range items {
			items[i].Open = true
		}
	}
	disclosed := disclosures(o)
	for i := range items {
		items[i].Disclosed = disclosed
	}
	return items
}

// disclosures are the order's payment method (its code when the rules core
// knows it, else its title) and the carriers its shipping methods name;
// never nil. A shipping method the rules core does not know as a carrier
// ("Versandkostenpauschale", local pickup) names nobody.
func disclosures(o *Order) []gdpr.Disclosure {
	out := []gdpr.Disclosure{}
	seen := map[gdpr.Disclosure]bool{}
	add := func(d gdpr.Disclosure) {
		if d.Name = strings.TrimSpace(d.Name); d.Name != "" && !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	if _, ok := gdpranswer.Lookup(gdpr.DisclosedPayment, o.PaymentMethod); ok || strings.TrimSpace(o.PaymentMethodTitle) == "" {
		add(gdpr.Disclosure{Kind: gdpr.DisclosedPayment, Name: o.PaymentMethod})
	} else {
		add(gdpr.Disclosure{Kind: gdpr.DisclosedPayment, Name: o.PaymentMethodTitle})
	}
	for _, s := range o.ShippingLines {
		if _, ok := gdpranswer.Lookup(gdpr.DisclosedCarrier, s.MethodTitle); ok {
			add(gdpr.Disclosure{Kind: gdpr.DisclosedCarrier, Name: s.MethodTitle})
		}
	}
	return out
}

// recipientsOf lists the recipients of the orders once each, payment
// providers first.
func recipientsOf(orders []Order) []gdpranswer.Recipient {
	seen := map[string]bool{}
	var out []gdpranswer.Recipient
	for i := range orders {
		for _, d := range disclosures(&orders[i]) {
			for _, r := range gdpranswer.Resolve(d) {
				k := r.Category + "\x00" + strings.ToLower(r.Name)
				if !seen[k] {
					seen[k] = true
					out = append(out, r)
				}
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Category != out[j].Category {
			return out[i].Category > out[j].Category
		}
		return out[i].Name < out[j].Name
	})
	return out
}

func (m *mapper) base(o *Order, rt retention.RecordType, f fields) gdpr.Item {
	return gdpr.Item{System: Platform, RecordType: rt, RecordID: id(o.ID), Fields: f, Date: m.date(o.DateCreated)}
}

func number(o *Order) string {
	if n := strings.TrimSpace(o.Number); n != "" {
		return n
	}
	return id(o.ID)
}

func lineItems(o *Order) []map[string]any {
	var out []map[string]any
	for _, l := range o.LineItems {
		row := fields{}
		row.Set("name", l.Name)
		row.Set("sku", l.SKU)
		row["quantity"] = l.Quantity
		row.Set("net_amount", l.Total)
		row.Set("tax_amount", l.TotalTax)
		row.Set("tax_class", l.TaxClass)
		out = append(out, row)
	}
	for _, s := range o.ShippingLines {
		row := fields{"name": s.MethodTitle, "quantity": 1.0}
		row.Set("net_amount", s.Total)
		row.Set("tax_amount", s.TotalTax)
		out = append(out, row)
	}
	return out
}

func taxRates(o *Order) []map[string]any {
	var out []map[string]any
	for _, t := range o.TaxLines {
		row := fields{"tax_rate": t.RatePercent}
		row.Set("label", t.Label)
		row.Set("tax_amount", t.TaxTotal)
		row.Set("shipping_tax", t.ShippingTaxTotal)
		out = append(out, row)
	}
	return out
}

// netTotal is the order's total without tax, as a decimal string.
func netTotal(o *Order) string {
	total, err1 := strconv.ParseFloat(o.Total, 64)
	tax, err2 := strconv.ParseFloat(o.TotalTax, 64)
	if err1 != nil || err2 != nil {
		return ""
	}
	return strconv.FormatFloat(total-tax, 'f', 2, 64)
}

func (m *mapper) invoiceItem(o *Order) gdpr.Item {
	f := fields{}
	f.Set(retention.FieldSellerName, m.sellerName)
	f.Set(retention.FieldSellerAddress, m.sellerAddress)
	f.Set(retention.FieldBuyerName, personName(o.Billing))
	f.Set(retention.FieldBuyerAddress, address(o.Billing))
	f.Set(retention.FieldInvoiceDate, m.day(o.DateCreated))
	f.Set(retention.FieldInvoiceNumber, number(o))
	f.Set(retention.FieldLineItems, lineItems(o))
	f.Set(retention.FieldNetAmounts, netTotal(o))
	if o.DiscountTotal != "" && o.DiscountTotal != "0.00" && o.DiscountTotal != "0" {
		f.Set(retention.FieldAgreedReductions, o.DiscountTotal)
	}
	f.Set(retention.FieldTaxRates, taxRates(o))
	f.Set(retention.FieldTaxAmounts, o.TotalTax)
	f.Set(retention.FieldCurrency, o.Currency)
	f.Set(retention.FieldDeliveryDate, m.day(o.DateCompleted))
	return m.base(o, retention.Invoice, f)
}

func (m *mapper) confirmationItem(o *Order) gdpr.Item {
	f := fields{}
	f.Set(retention.FieldOrderNumber, number(o))
	f.Set(retention.FieldOrderDate, m.day(o.DateCreated))
	f.Set(retention.FieldSellerName, m.sellerName)
	f.Set(retention.FieldSellerAddress, m.sellerAddress)
	f.Set(retention.FieldBuyerName, personName(o.Billing))
	f.Set(retention.FieldBuyerAddress, address(o.Billing))
	f.Set(retention.FieldShippingAddress, address(o.Shipping))
	f.Set(retention.FieldLineItems, lineItems(o))
	f.Set(retention.FieldTotalAmount, o.Total)
	f.Set(retention.FieldCurrency, o.Currency)
	f.Set(retention.FieldPaymentMethod, o.PaymentMethodTitle)
	// Not covered by the duty to keep business letters: erased on request.
	f.Set("email", o.Billing.Email)
	f.Set("billing_phone", o.Billing.Phone)
	f.Set("shipping_phone", o.Shipping.Phone)
	f.Set("customer_note", o.CustomerNote)
	f.Set("metafields", metaRows(o.MetaData))
	f.Set("order_status", o.Status)
	f.Set("created_via", o.CreatedVia)
	return m.base(o, retention.OrderConfirmation, f)
}

func (m *mapper) paymentItem(o *Order) gdpr.Item {
	f := fields{}
	paid := o.DatePaid
	if paid.IsZero() {
		paid = o.DateCreated
	}
	f.Set(retention.FieldPaymentDate, m.day(paid))
	typ := "payment"
	if o.Status == "refunded" {
		typ = "payment, refund"
	} else if len(o.Refunds) > 0 {
		typ = "payment, partial refund"
	}
	f.Set(retention.FieldPaymentType, typ)
	f.Set(retention.FieldAmount, o.Total)
	f.Set(retention.FieldCurrency, o.Currency)
	f.Set(retention.FieldPaymentMethod, o.PaymentMethodTitle)
	if invoicedStatuses[o.Status] {
		f.Set(retention.FieldInvoiceNumber, number(o))
	}
	f.Set(retention.FieldOrderNumber, number(o))
	f.Set(retention.FieldPayerName, personName(o.Billing))
	f.Set("payment_method_code", o.PaymentMethod)
	f.Set(retention.FieldTransactionID, o.TransactionID)
	return m.base(o, retention.PaymentRecord, f)
}

// technicalItem: the IP address and user agent, which WooCommerce's REST
// API cannot change (read-only fields).
func (m *mapper) technicalItem(o *Order) gdpr.Item {
	f := fields{}
	f.Set("client_ip", o.CustomerIPAddress)
	f.Set("user_agent", o.CustomerUserAgent)
	f.Set(retention.FieldOrderNumber, number(o))
	return m.base(o, retention.TechnicalData, f)
}

func (m *mapper) warrantyItem(o *Order) gdpr.Item {
	f := fields{}
	f.Set(retention.FieldOrderNumber, number(o))
	f.Set(retention.FieldBuyerName, personName(o.Billing))
	f.Set(retention.FieldLineItems, lineItems(o))
	f.Set(retention.FieldDeliveryDate, m.day(o.DateCompleted))
	f.Set(retention.FieldTotalAmount, o.Total)
	f.Set(retention.FieldCurrency, o.Currency)
	var methods []string
	for _, s := range o.ShippingLines {
		methods = append(methods, s.MethodTitle)
	}
	f.Set("shipping_methods", methods)
	f.Set("delivery_date_basis", "order completed")
	it := m.base(o, retention.WarrantyData, f)
	it.Delivered = m.datePtr(o.DateCompleted)
	return it
}

func (m *mapper) openItem(o *Order) gdpr.Item {
	f := fields{}
	f.Set(retention.FieldOrderNumber, number(o))
	f.Set(retention.FieldOrderDate, m.day(o.DateCreated))
	f.Set("order_status", o.Status)
	f.Set(retention.FieldBuyerName, personName(o.Billing))
	f.Set(retention.FieldBuyerAddress, address(o.Billing))
	f.Set(retention.FieldShippingAddress, address(o.Shipping))
	f.Set("email", o.Billing.Email)
	f.Set("phone", o.Billing.Phone)
	f.Set(retention.FieldLineItems, lineItems(o))
	f.Set(retention.FieldTotalAmount, o.Total)
	f.Set(retention.FieldCurrency, o.Currency)
	return m.base(o, retention.OpenOrder, f)
}

// noteItem is a note the shop sent to the customer about the order:
// business correspondence.
func (m *mapper) noteItem(o *Order, n *Note) gdpr.Item {
	f := fields{}
	f.Set(retention.FieldOrderNumber, number(o))
	date := m.date(n.DateCreated)
	if date.IsZero() {
		date = m.date(o.DateCreated)
	}
	f.Set(retention.FieldLetterDate, date.String())
	sender := m.sellerName
	if a := strings.TrimSpace(n.Author); a != "" && sender != "" {
		sender = a + ", " + sender
	} else if a != "" {
		sender = a
	}
	f.Set(retention.FieldSender, sender)
	f.Set(retention.FieldRecipient, o.Billing.Email)
	f.Set(retention.FieldBody, n.Note)
	f.Set("sent_at", m.stamp(n.DateCreated))
	return gdpr.Item{System: Platform, RecordType: retention.BusinessLetter, RecordID: noteRecordID(o, n), Fields: f, Date: date}
}
