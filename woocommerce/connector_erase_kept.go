package woocommerce

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/gdpr/plan"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
)

// pluginOrder is a kept order's share of the plugin call: the fields to
// erase, and the targets they stand for.
type pluginOrder struct {
	op      *orderPlan
	label   string
	fields  []string
	targets map[string]target // plugin field → target
}

// eraseKept erases of an order that stays in the store what no kept record
// needs. It reads the order first, so only what still holds something is
// changed, and a second run changes nothing.
func (w *erasure) eraseKept(ctx context.Context, op *orderPlan) error {
	o, err := w.c.client.Order(ctx, op.id)
	if errors.Is(err, ErrNotFound) {
		return nil // deleted meanwhile: nothing of it is left
	}
	if err != nil {
		return stepErr("reading a kept order", err)
	}
	w.n.ordersKept++
	label := ""
	if n := strings.TrimSpace(o.Number); n != "" && n != id(o.ID) {
		label = n
	}
	ts := op.erase()
	if err := w.updateKept(ctx, &o, ts); err != nil {
		return err
	}
	if ts[tPrivateNotes] {
		ns, err := w.c.client.OrderNotes(ctx, op.id)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return stepErr("reading the order notes", err)
		}
		for _, n := range ns {
			if n.CustomerNote {
				continue // a letter to the customer: its own record in the plan
			}
			if err := gone(w.c.client.DeleteOrderNote(ctx, op.id, n.ID)); err != nil {
				return stepErr("deleting a private order note", err)
			}
			w.n.notes++
		}
	}
	for _, note := range slices.Sorted(maps.Keys(op.letters)) {
		if op.letters[note].Action != retention.ActionErase {
			continue
		}
		if err := gone(w.c.client.DeleteOrderNote(ctx, op.id, note)); err != nil {
			return stepErr("deleting a note sent to the customer", err)
		}
		w.n.notes++
	}

	// What no call can erase without changing a kept record.
	held := map[target]bool{}
	if ts[tBilling] && (personName(o.Billing) != "" || address(o.Billing) != nil) {
		held[tBilling] = true
	}
	shipping := ts[tShipping] && !sameAddress(o.Billing, o.Shipping) && address(shippingOnly(o.Shipping)) != nil
	if ts[tShippingPhone] && strings.TrimSpace(o.Shipping.Phone) != "" {
		if ts[tShipping] {
			shipping = true // the plugin blanks the phone with the address
		} else {
			held[tShippingPhone] = true // the shipping address is kept: its phone cannot go alone
		}
	}
	w.left = append(w.left, op.leftOf(held, label, plan.LeftInvoice)...)
	if ts[tUnknown] {
		w.left = append(w.left, op.leftOf(map[target]bool{tUnknown: true}, label, plan.LeftUnknown)...)
	}

	// What only the companion plugin erases, where the order holds it.
	po := pluginOrder{op: op, label: label, targets: map[string]target{}}
	add := func(t target, has bool) {
		if ts[t] && has {
			po.fields = append(po.fields, pluginField[t])
			po.targets[pluginField[t]] = t
		}
	}
	add(tEmail, o.Billing.Email != "" && o.Billing.Email != "deleted@site.invalid")
	add(tPhone, strings.TrimSpace(o.Billing.Phone) != "")
	if shipping {
		po.fields = append(po.fields, PluginShippingAddress)
		po.targets[PluginShippingAddress] = tShipping
	}
	add(tIP, o.CustomerIPAddress != "" && o.CustomerIPAddress != "0.0.0.0")
	add(tUserAgent, strings.TrimSpace(o.CustomerUserAgent) != "")
	add(tMeta, true) // the meta WooCommerce lists as personal, which REST may not show
	if len(po.fields) > 0 {
		w.plugin = append(w.plugin, po)
	}
	return nil
}

// shippingOnly is the part of a shipping address the plugin blanks.
func shippingOnly(s Address) Address {
	return Address{FirstName: s.FirstName, LastName: s.LastName, Company: s.Company, Address1: s.Address1, Address2: s.Address2, City: s.City}
}

// updateKept sends the one PUT a kept order may get: its customer note
// and the person's own meta, nothing else — WooCommerce recalculates an
// order's taxes only for billing, shipping or line arrays. The answer's
// totals and tax lines are checked against the order as read.
func (w *erasure) updateKept(ctx context.Context, o *Order, ts map[target]bool) error {
	body := map[string]any{}
	if ts[tCustomerNote] && strings.TrimSpace(o.CustomerNote) != "" {
		body["customer_note"] = ""
	}
	if ts[tMeta] {
		var metas []map[string]any
		for _, m := range o.MetaData {
			if visibleMeta(m) {
				metas = append(metas, map[string]any{"id": m.ID, "key": m.Key, "value": nil}) // null deletes it
			}
		}
		if len(metas) > 0 {
			body["meta_data"] = metas
		}
	}
	if len(body) == 0 {
		return nil
	}
	if err := keptOrderBody(body); err != nil {
		return err
	}
	after, err := w.c.client.UpdateOrder(ctx, o.ID, body)
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	if err != nil {
		return stepErr("erasing a kept order's note and meta", err)
	}
	if !sameTotals(o, &after) {
		return fault.Permanent(fmt.Errorf("woocommerce: order %d: the store changed the totals of a kept order on a PUT without billing or shipping", o.ID))
	}
	return nil
}

// keptOrderBody refuses a PUT body that would make WooCommerce recalculate
// a kept order's taxes.
func keptOrderBody(body map[string]any) error {
	for _, k := range []string{"billing", "shipping", "line_items", "shipping_lines", "fee_lines", "coupon_lines", "set_paid", "status"} {
		if _, ok := body[k]; ok {
			return fault.Permanent(fmt.Errorf("woocommerce: refusing to send %s for a kept order", k))
		}
	}
	return nil
}

// sameTotals reports whether b has a's totals and tax lines.
func sameTotals(a, b *Order) bool {
	if a.Total != b.Total || a.TotalTax != b.TotalTax || a.CartTax != b.CartTax || a.ShippingTax != b.ShippingTax || len(a.TaxLines) != len(b.TaxLines) {
		return false
	}
	for i := range a.TaxLines {
		if a.TaxLines[i] != b.TaxLines[i] {
			return false
		}
	}
	return true
}
