package woocommerce

import (
	"context"
	"strings"
)

// The order fields the companion plugin's erase route blanks
// (plugin/PROTOCOL.md): what REST cannot erase without recalculating a
// kept order's taxes, or cannot erase at all.
const (
	PluginIPAddress       = "ip_address"       // → 0.0.0.0
	PluginUserAgent       = "user_agent"       // → empty
	PluginBillingEmail    = "billing_email"    // → deleted@site.invalid
	PluginBillingPhone    = "billing_phone"    // → empty
	PluginShippingAddress = "shipping_address" // names, company, street, city, phone; country, state, postcode kept
	PluginCustomerNote    = "customer_note"    // → empty
	PluginOrderMeta       = "meta"             // the meta WooCommerce lists as personal
)

// PluginEraseOrder is one order and the fields the plugin erases of it.
type PluginEraseOrder struct {
	ID     int64    `json:"id"`
	Fields []string `json:"fields"`
}

// PluginErasure is what the erase route is asked to erase for email.
type PluginErasure struct {
	Email     string
	Orders    []PluginEraseOrder
	Analytics bool // the analytics customer row of the e-mail
	Comments  bool // the person's comments that are not product reviews
}

// PluginErased is the erase route's answer.
type PluginErased struct {
	Orders []struct {
		ID     int64    `json:"id"`
		Erased []string `json:"erased"` // held something, now not (sorted)
		Empty  []string `json:"empty"`  // held nothing already (sorted)
	} `json:"orders"`
	Missing   []int64   `json:"missing"`   // order ids the store does not have
	Analytics string    `json:"analytics"` // anonymized, absent, or "" when not asked
	Comments  *struct { // nil when not asked
		Removed  int `json:"removed"`
		Retained int `json:"retained"`
	} `json:"comments"`
}

// Done reports whether the answer confirms field as gone from order id:
// erased now, empty already, or the order missing.
func (a PluginErased) Done(id int64, field string) bool {
	for _, m := range a.Missing {
		if m == id {
			return true
		}
	}
	for _, o := range a.Orders {
		if o.ID != id {
			continue
		}
		for _, f := range append(append([]string{}, o.Erased...), o.Empty...) {
			if f == field {
				return true
			}
		}
	}
	return false
}

// PluginErase asks the companion plugin to erase in.Orders' fields with
// WooCommerce's CRUD (no recalculation), and the analytics row and
// comments of in.Email. The route is idempotent: a repeated call erases
// nothing twice. ErrPluginMissing when the store has no plugin or Lethe
// no secret.
func (c *Client) PluginErase(ctx context.Context, in PluginErasure) (PluginErased, error) {
	orders := make([]PluginEraseOrder, 0, len(in.Orders)) // a list, each order's fields a list (never null)
	for _, o := range in.Orders {
		if o.Fields == nil {
			o.Fields = []string{}
		}
		orders = append(orders, o)
	}
	body := map[string]any{"email": strings.TrimSpace(in.Email), "orders": orders, "analytics": in.Analytics, "comments": in.Comments}
	var out PluginErased
	err := c.plugin(ctx, "erase", body, &out)
	return out, err
}
