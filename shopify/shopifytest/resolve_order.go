package shopifytest

import (
	"fmt"
	"strconv"
)

type totals struct {
	subtotal, tax, shipping, total int64
}

func orderTaxLines(o *Order) []TaxLine {
	if len(o.TaxLines) > 0 {
		return o.TaxLines
	}
	var out []TaxLine
	for _, li := range o.LineItems {
		out = append(out, li.TaxLines...)
	}
	return out
}

func orderTotals(o *Order) totals {
	var t totals
	for _, li := range o.LineItems {
		t.subtotal += int64(li.Quantity) * cents(li.UnitPrice)
	}
	for _, tl := range orderTaxLines(o) {
		t.tax += cents(tl.Price)
	}
	t.shipping = cents(o.ShippingPrice)
	t.total = t.subtotal + t.tax + t.shipping
	return t
}

// orderObject is the Order object; nil order → null.
func (e *Emulator) orderObject(sh *shop, o *Order) map[string]any {
	if o == nil {
		return nil
	}
	cur := o.Currency
	t := orderTotals(o)
	attrs := make([]any, 0, len(o.CustomAttributes))
	for _, a := range o.CustomAttributes {
		attrs = append(attrs, map[string]any{"key": a.Key, "value": nullable(a.Value)})
	}
	gateways := o.PaymentGateways
	if gateways == nil {
		gateways = []string{}
	}
	return map[string]any{
		"__typename":               "Order",
		"id":                       GID("Order", o.ID),
		"legacyResourceId":         strconv.FormatInt(o.ID, 10),
		"name":                     fmt.Sprintf("#%d", o.Number),
		"createdAt":                dateTime(o.CreatedAt),
		"processedAt":              dateTime(o.ProcessedAt),
		"updatedAt":                dateTime(o.UpdatedAt),
		"closedAt":                 dateTime(o.ClosedAt),
		"cancelledAt":              dateTime(o.CancelledAt),
		"cancelReason":             cancelReason(o),
		"closed":                   !o.ClosedAt.IsZero(),
		"confirmed":                true,
		"test":                     false,
		"email":                    nullable(o.Email),
		"phone":                    nullable(o.Phone),
		"clientIp":                 nullable(o.ClientIP),
		"customerLocale":           nullable(o.CustomerLocale),
		"note":                     nullable(o.Note),
		"tags":                     orEmpty(o.Tags),
		"currencyCode":             cur,
		"presentmentCurrencyCode":  cur,
		"paymentGatewayNames":      gateways,
		"displayFinancialStatus":   o.FinancialStatus,
		"displayFulfillmentStatus": o.FulfillmentStatus,
		"customAttributes":         attrs,
		"billingAddress":           addressObject(o.BillingAddress, "Address"),
		"shippingAddress":          addressObject(o.ShippingAddress, "Address"),
		"subtotalPriceSet":         moneyBag(t.subtotal, cur),
		"totalTaxSet":              moneyBag(t.tax, cur),
		"totalShippingPriceSet":    moneyBag(t.shipping, cur),
		"totalPriceSet":            moneyBag(t.total, cur),
		"taxLines":                 taxLineObjects(orderTaxLines(o), cur, -1),
		"customer": lazy(func(map[string]any) (any, error) {
			return e.customerObject(sh, sh.customers[o.CustomerID]), nil
		}),
		"lineItems": lazy(func(args map[string]any) (any, error) {
			ptrs := make([]*LineItem, len(o.LineItems))
			for i := range o.LineItems {
				ptrs[i] = &o.LineItems[i]
			}
			return connection(ptrs, args, func(li *LineItem) int64 { return li.ID }, func(li *LineItem) map[string]any { return lineItemObject(li, cur) })
		}),
		"fulfillments": lazy(func(args map[string]any) (any, error) {
			n, limited := intArg(args, "first")
			out := []any{}
			for i, f := range o.Fulfillments {
				if limited && i >= n {
					break
				}
				out = append(out, fulfillmentObject(o, i, f))
			}
			return out, nil
		}),
		"returns": lazy(func(args map[string]any) (any, error) {
			idx := make([]int, len(o.Returns))
			for i := range idx {
				idx[i] = i
			}
			return connection(idx, args, func(i int) int64 { return o.Returns[i].ID }, func(i int) map[string]any {
				r := o.Returns[i]
				return map[string]any{"__typename": "Return", "id": GID("Return", r.ID), "name": fmt.Sprintf("#%d-R%d", o.Number, i+1), "status": r.Status}
			})
		}),
	}
}

func cancelReason(o *Order) any {
	if o.CancelledAt.IsZero() {
		return nil
	}
	return "CUSTOMER"
}

func lineItemObject(li *LineItem, cur string) map[string]any {
	unit := cents(li.UnitPrice)
	return map[string]any{
		"__typename":           "LineItem",
		"id":                   GID("LineItem", li.ID),
		"title":                li.Title,
		"name":                 li.Title,
		"quantity":             li.Quantity,
		"currentQuantity":      li.Quantity,
		"sku":                  nullable(li.SKU),
		"variantTitle":         nil,
		"vendor":               nil,
		"originalUnitPriceSet": moneyBag(unit, cur),
		"originalTotalSet":     moneyBag(unit*int64(li.Quantity), cur),
		"discountedTotalSet": lazy(func(map[string]any) (any, error) {
			return moneyBag(unit*int64(li.Quantity), cur), nil
		}),
		"taxLines": lazy(func(args map[string]any) (any, error) {
			n, limited := intArg(args, "first")
			if !limited {
				n = -1
			}
			return taxLineObjects(li.TaxLines, cur, n), nil
		}),
	}
}

func taxLineObjects(lines []TaxLine, cur string, limit int) []any {
	out := []any{}
	for i, tl := range lines {
		if limit >= 0 && i >= limit {
			break
		}
		c := cents(tl.Price)
		out = append(out, map[string]any{
			"title":          tl.Title,
			"rate":           tl.Rate,
			"ratePercentage": tl.Rate * 100,
			"priceSet":       moneyBag(c, cur),
			"price":          decimal(c),
			"channelLiable":  false,
			"source":         nil,
		})
	}
	return out
}

func fulfillmentObject(o *Order, i int, f Fulfillment) map[string]any {
	tracking := []any{}
	if f.TrackingCompany != "" || f.TrackingNumber != "" {
		tracking = append(tracking, map[string]any{"company": nullable(f.TrackingCompany), "number": nullable(f.TrackingNumber), "url": nil})
	}
	return map[string]any{
		"__typename": "Fulfillment",
		"id":         GID("Fulfillment", f.ID),
		"name":       fmt.Sprintf("#%d-F%d", o.Number, i+1),
		"status":     f.Status,
		"createdAt":  dateTime(f.CreatedAt),
		"trackingInfo": lazy(func(args map[string]any) (any, error) {
			if n, ok := intArg(args, "first"); ok && n < len(tracking) {
				return tracking[:n], nil
			}
			return tracking, nil
		}),
	}
}
