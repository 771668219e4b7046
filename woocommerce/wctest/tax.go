package wctest

import (
	"sort"
	"strconv"
	"strings"
)

// DefaultTaxRates is a small EU table as a German shop would keep it:
// standard and reduced rates for DE, AT, FR, NL; Helgoland and Büsingen
// (German postcodes outside the EU VAT area) at 0 %; California; nothing
// for Switzerland (exports are not taxed).
func DefaultTaxRates() []TaxRate {
	return []TaxRate{
		{ID: 1, Country: "DE", Postcodes: []string{"27498", "78266"}, Rate: 0, Name: "MwSt. (Drittgebiet)", Priority: 1, Shipping: true},
		{ID: 2, Country: "DE", Postcodes: []string{"27498", "78266"}, Rate: 0, Name: "MwSt. (Drittgebiet)", Priority: 1, Shipping: true, Class: "reduced-rate"},
		{ID: 3, Country: "DE", Rate: 19, Name: "MwSt.", Priority: 1, Shipping: true},
		{ID: 4, Country: "DE", Rate: 7, Name: "MwSt. ermäßigt", Priority: 1, Class: "reduced-rate"},
		{ID: 5, Country: "AT", Rate: 20, Name: "USt.", Priority: 1, Shipping: true},
		{ID: 6, Country: "AT", Rate: 10, Name: "USt. ermäßigt", Priority: 1, Class: "reduced-rate"},
		{ID: 7, Country: "FR", Rate: 20, Name: "TVA", Priority: 1, Shipping: true},
		{ID: 8, Country: "FR", Rate: 5.5, Name: "TVA réduite", Priority: 1, Class: "reduced-rate"},
		{ID: 9, Country: "NL", Rate: 21, Name: "BTW", Priority: 1, Shipping: true},
		{ID: 10, Country: "NL", Rate: 9, Name: "BTW laag", Priority: 1, Class: "reduced-rate"},
		{ID: 11, Country: "US", State: "CA", Rate: 7.25, Name: "CA Tax", Priority: 1, Shipping: false},
	}
}

type taxLocation struct{ country, state, postcode string }

// taxLocationOf is WC_Abstract_Order::get_tax_location: shipping address
// (or billing when it has no country, or when taxes are based on billing),
// and the store's base address when the country is empty or taxes are based
// on the base.
func (e *Emulator) taxLocationOf(o *Order) taxLocation {
	based := e.settings.TaxBasedOn
	if based == "shipping" && o.Shipping.Country == "" {
		based = "billing"
	}
	var l taxLocation
	switch based {
	case "billing":
		l = taxLocation{o.Billing.Country, o.Billing.State, o.Billing.Postcode}
	case "shipping":
		l = taxLocation{o.Shipping.Country, o.Shipping.State, o.Shipping.Postcode}
	}
	if based == "base" || l.country == "" {
		country, state, _ := strings.Cut(e.settings.Country, ":")
		l = taxLocation{country, state, e.settings.Postcode}
	}
	return l
}

func postcodeMatches(patterns []string, pc string) bool {
	if len(patterns) == 0 {
		return true
	}
	pc = strings.ToUpper(strings.ReplaceAll(pc, " ", ""))
	for _, p := range patterns {
		p = strings.ToUpper(p)
		if strings.HasSuffix(p, "*") && strings.HasPrefix(pc, strings.TrimSuffix(p, "*")) || p == pc {
			return true
		}
	}
	return false
}

// findRates is WC_Tax::find_rates: per priority, the first matching rate.
func (e *Emulator) findRates(l taxLocation, class string, shipping bool) []TaxRate {
	seen := map[int]bool{}
	var out []TaxRate
	for _, r := range e.rates {
		if r.Class != class || seen[r.Priority] {
			continue
		}
		if r.Country != "" && r.Country != l.country || r.State != "" && r.State != l.state || !postcodeMatches(r.Postcodes, l.postcode) {
			continue
		}
		seen[r.Priority] = true
		if shipping && !r.Shipping {
			continue
		}
		out = append(out, r)
	}
	return out
}

func rateCode(r TaxRate) string {
	name := r.Name
	if name == "" {
		name = "TAX"
	}
	parts := []string{}
	for _, p := range []string{r.Country, r.State, name, strconv.Itoa(r.Priority)} {
		if p != "" {
			parts = append(parts, strings.ToUpper(p))
		}
	}
	return strings.Join(parts, "-")
}

// calculateTotals is WC_Abstract_Order::calculate_totals(true): line and
// shipping taxes recomputed from the tax location and the current rates,
// tax lines rebuilt (a rate still used keeps its line id), totals summed.
// e.mu is held.
func (e *Emulator) calculateTotals(o *Order) {
	if e.settings.CalcTaxes {
		loc := e.taxLocationOf(o)
		for i := range o.LineItems {
			li := &o.LineItems[i]
			li.Taxes, li.TotalTax, li.SubtotalTax = nil, 0, 0
			for _, r := range e.findRates(loc, li.TaxClass, false) {
				t := ItemTax{RateID: r.ID, Total: percentOf(li.Total, r.Rate), Subtotal: percentOf(li.Subtotal, r.Rate)}
				li.Taxes = append(li.Taxes, t)
				li.TotalTax += t.Total
				li.SubtotalTax += t.Subtotal
			}
		}
		for i := range o.ShippingLines {
			sl := &o.ShippingLines[i]
			sl.Taxes, sl.TotalTax = nil, 0
			for _, r := range e.findRates(loc, "", true) {
				t := ItemTax{RateID: r.ID, Total: percentOf(sl.Total, r.Rate)}
				sl.Taxes = append(sl.Taxes, t)
				sl.TotalTax += t.Total
			}
		}
		e.rebuildTaxLines(o)
	}
	o.CartTax, o.ShippingTotal, o.ShippingTax, o.Total = 0, 0, 0, 0
	var net Money
	for _, li := range o.LineItems {
		o.CartTax += li.TotalTax
		net += li.Total
	}
	for _, sl := range o.ShippingLines {
		o.ShippingTotal += sl.Total
		o.ShippingTax += sl.TotalTax
	}
	o.TotalTax = o.CartTax + o.ShippingTax
	o.Total = net + o.ShippingTotal + o.TotalTax
}

func (e *Emulator) rebuildTaxLines(o *Order) {
	cart, ship := map[int64]Money{}, map[int64]Money{}
	for _, li := range o.LineItems {
		for _, t := range li.Taxes {
			cart[t.RateID] += t.Total
		}
	}
	for _, sl := range o.ShippingLines {
		for _, t := range sl.Taxes {
			ship[t.RateID] += t.Total
			if _, ok := cart[t.RateID]; !ok {
				cart[t.RateID] = 0
			}
		}
	}
	old := map[int64]int64{}
	for _, tl := range o.TaxLines {
		old[tl.RateID] = tl.ID
	}
	ids := make([]int64, 0, len(cart))
	for id := range cart {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	o.TaxLines = nil
	for _, rid := range ids {
		var rate TaxRate
		for _, r := range e.rates {
			if r.ID == rid {
				rate = r
			}
		}
		id, ok := old[rid]
		if !ok {
			id = e.newID()
		}
		o.TaxLines = append(o.TaxLines, TaxLine{ID: id, RateCode: rateCode(rate), RateID: rid, Label: rate.Name,
			Compound: rate.Compound, TaxTotal: cart[rid], ShippingTaxTotal: ship[rid], RatePercent: rate.Rate})
	}
}
