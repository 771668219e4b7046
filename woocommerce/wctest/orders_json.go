package wctest

func itemTaxesJSON(ts []ItemTax) []map[string]any {
	out := []map[string]any{}
	for _, t := range ts {
		out = append(out, map[string]any{"id": t.RateID, "total": t.Total.String(), "subtotal": t.Subtotal.String()})
	}
	return out
}

func (e *Emulator) orderJSON(o *Order) map[string]any {
	lines := []map[string]any{}
	for _, li := range o.LineItems {
		price := 0.0
		if li.Quantity != 0 {
			price = float64(li.Total) / 100 / float64(li.Quantity)
		}
		lines = append(lines, map[string]any{
			"id": li.ID, "name": li.Name, "product_id": li.ProductID, "variation_id": 0, "quantity": li.Quantity,
			"tax_class": li.TaxClass, "subtotal": li.Subtotal.String(), "subtotal_tax": li.SubtotalTax.String(),
			"total": li.Total.String(), "total_tax": li.TotalTax.String(), "taxes": itemTaxesJSON(li.Taxes),
			"meta_data": metaJSON(li.MetaData), "sku": li.SKU, "price": price,
		})
	}
	ships := []map[string]any{}
	for _, sl := range o.ShippingLines {
		ships = append(ships, map[string]any{
			"id": sl.ID, "method_title": sl.MethodTitle, "method_id": sl.MethodID, "instance_id": "1",
			"total": sl.Total.String(), "total_tax": sl.TotalTax.String(), "taxes": itemTaxesJSON(sl.Taxes),
			"meta_data": []Meta{},
		})
	}
	taxes := []map[string]any{}
	for _, tl := range o.TaxLines {
		taxes = append(taxes, map[string]any{
			"id": tl.ID, "rate_code": tl.RateCode, "rate_id": tl.RateID, "label": tl.Label, "compound": tl.Compound,
			"tax_total": tl.TaxTotal.String(), "shipping_tax_total": tl.ShippingTaxTotal.String(),
			"rate_percent": tl.RatePercent, "meta_data": []Meta{},
		})
	}
	m := map[string]any{
		"id": o.ID, "parent_id": o.ParentID, "number": o.Number, "order_key": o.OrderKey,
		"created_via": o.CreatedVia, "version": e.settings.WCVersion, "status": o.Status, "currency": o.Currency,
		"discount_total": o.DiscountTotal.String(), "discount_tax": o.DiscountTax.String(),
		"shipping_total": o.ShippingTotal.String(), "shipping_tax": o.ShippingTax.String(),
		"cart_tax": o.CartTax.String(), "total": o.Total.String(), "total_tax": o.TotalTax.String(),
		"prices_include_tax": o.PricesIncludeTax, "customer_id": o.CustomerID,
		"customer_ip_address": o.CustomerIPAddress, "customer_user_agent": o.CustomerUserAgent,
		"customer_note": o.CustomerNote, "billing": o.Billing, "shipping": o.Shipping,
		"payment_method": o.PaymentMethod, "payment_method_title": o.PaymentMethodTitle,
		"transaction_id": o.TransactionID, "cart_hash": "", "meta_data": metaJSON(o.MetaData),
		"line_items": lines, "tax_lines": taxes, "shipping_lines": ships,
		"fee_lines": []any{}, "coupon_lines": []any{}, "refunds": []any{},
		"currency_symbol": "€",
	}
	e.dates(m, "date_created", o.DateCreated)
	e.dates(m, "date_modified", o.DateModified)
	e.dates(m, "date_paid", o.DatePaid)
	e.dates(m, "date_completed", o.DateCompleted)
	return m
}
