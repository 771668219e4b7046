package wctest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// putOrder is PUT orders/<id> as WC_REST_Orders_Controller does it: the
// writable fields are set (billing and shipping field by field), read-only
// ones (customer_ip_address, customer_user_agent, totals, tax_lines, number,
// order_key, dates …) are silently ignored, and when the request contains
// billing, shipping, line_items, shipping_lines, fee_lines or coupon_lines
// the order runs calculate_totals(true): taxes recomputed from the tax
// location with today's rates.
func (e *Emulator) putOrder(c *call) (int, any, *wpError) {
	o := e.orders[c.ids[0]]
	if o == nil {
		return 0, nil, errOrderID()
	}
	next := *o
	next.LineItems = append([]LineItem(nil), o.LineItems...)
	str := func(name string, dst *string) *wpError {
		if !c.has(name) {
			return nil
		}
		if json.Unmarshal(c.body[name], dst) != nil {
			return errInvalidParam(name, name+" is not of type string.")
		}
		return nil
	}
	for name, dst := range map[string]*string{
		"customer_note": &next.CustomerNote, "payment_method": &next.PaymentMethod,
		"payment_method_title": &next.PaymentMethodTitle, "transaction_id": &next.TransactionID,
		"currency": &next.Currency,
	} {
		if err := str(name, dst); err != nil {
			return 0, nil, err
		}
	}
	if c.has("status") {
		var st string
		_ = json.Unmarshal(c.body["status"], &st)
		ok := false
		for _, v := range orderStatuses {
			ok = ok || v == st
		}
		if !ok {
			return 0, nil, errInvalidParam("status", "status is not one of "+strings.Join(orderStatuses, ", ")+".")
		}
		if st == "completed" && next.DateCompleted.IsZero() {
			next.DateCompleted = e.now().UTC()
		}
		next.Status = st
	}
	if c.has("customer_id") {
		var id int64
		if json.Unmarshal(c.body["customer_id"], &id) != nil {
			return 0, nil, errInvalidParam("customer_id", "customer_id is not of type integer.")
		}
		if _, ok := e.customers[id]; id != 0 && !ok {
			return 0, nil, &wpError{Status: 400, Code: "woocommerce_rest_invalid_customer_id", Message: "Customer ID is invalid."}
		}
		next.CustomerID = id
	}
	if c.has("billing") {
		if json.Unmarshal(c.body["billing"], &next.Billing) != nil {
			return 0, nil, errInvalidParam("billing", "billing is not of type object.")
		}
		if next.Billing.Email != "" && !strings.Contains(next.Billing.Email, "@") {
			return 0, nil, &wpError{Status: 400, Code: "order_invalid_billing_email", Message: "Invalid billing email address"}
		}
	}
	if c.has("shipping") && json.Unmarshal(c.body["shipping"], &next.Shipping) != nil {
		return 0, nil, errInvalidParam("shipping", "shipping is not of type object.")
	}
	if c.has("meta_data") {
		ms, err := e.mergeMeta(next.MetaData, c.body["meta_data"])
		if err != nil {
			return 0, nil, err
		}
		next.MetaData = ms
	}
	if c.has("line_items") {
		var items []struct {
			ID       int64 `json:"id"`
			Quantity *int  `json:"quantity"`
		}
		if json.Unmarshal(c.body["line_items"], &items) != nil {
			return 0, nil, errInvalidParam("line_items", "line_items is not of type array.")
		}
		for _, it := range items {
			for i := range next.LineItems {
				li := &next.LineItems[i]
				if li.ID == it.ID && it.Quantity != nil && li.Quantity > 0 {
					li.Subtotal = li.Subtotal * Money(*it.Quantity) / Money(li.Quantity)
					li.Total = li.Total * Money(*it.Quantity) / Money(li.Quantity)
					li.Quantity = *it.Quantity
				}
			}
		}
	}
	if c.has("set_paid") {
		var paid bool
		_ = json.Unmarshal(c.body["set_paid"], &paid)
		if paid && next.DatePaid.IsZero() {
			next.DatePaid = e.now().UTC()
			if next.Status == "pending" {
				next.Status = "processing"
			}
		}
	}
	for _, k := range []string{"billing", "shipping", "line_items", "shipping_lines", "fee_lines", "coupon_lines"} {
		if c.has(k) {
			e.calculateTotals(&next)
			next.Recalculations++
			e.effect("recalculate order %d", o.ID)
			break
		}
	}
	e.orderChanges(o, &next)
	next.DateModified = e.now().UTC()
	*o = next
	return http.StatusOK, e.orderJSON(o), nil
}

// orderChanges counts the fields a PUT changed (Stats.Effects: "update
// order 123 customer_note"); e.mu is held.
func (e *Emulator) orderChanges(was, now *Order) {
	changed := map[string]bool{
		"customer_note": was.CustomerNote != now.CustomerNote, "status": was.Status != now.Status,
		"billing": was.Billing != now.Billing, "shipping": was.Shipping != now.Shipping,
		"customer_id": was.CustomerID != now.CustomerID, "payment_method": was.PaymentMethod != now.PaymentMethod,
		"transaction_id": was.TransactionID != now.TransactionID, "total": was.Total != now.Total || was.TotalTax != now.TotalTax,
		"meta_data": !sameMeta(was.MetaData, now.MetaData),
	}
	for f, ok := range changed {
		if ok {
			e.effect("update order %d %s", was.ID, f)
		}
	}
}

func sameMeta(a, b []Meta) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].ID != b[i].ID || a[i].Key != b[i].Key || fmt.Sprint(a[i].Value) != fmt.Sprint(b[i].Value) {
			return false
		}
	}
	return true
}
