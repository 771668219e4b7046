package shopify

import (
	"math"
	"math/big"
	"sort"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/shopify/admin"
)

// orderView is what the items of one order are computed from.
type orderView struct {
	o              *admin.DiscoveryOrder
	date           gdpr.Date // processedAt (else createdAt) in the shop's zone
	buyerName      string
	currency       string
	total          *big.Rat
	reductions     *big.Rat // discounts: line items before discounts less the subtotal
	lines          []line   // line items, then shipping
	shipped        time.Time
	delivered      *gdpr.Date
	deliveredBasis string
	openReasons    []string
}

// line is an invoice line with net amounts.
type line struct {
	description, sku string
	quantity         int
	unitNet, net     *big.Rat
	rate             float64 // fraction, sum of the line's tax rates
}

func (m *mapper) view(o *admin.DiscoveryOrder) *orderView {
	at := o.ProcessedAt
	if at.IsZero() {
		at = o.CreatedAt
	}
	v := &orderView{o: o, date: m.date(at), currency: o.CurrencyCode, total: dec(o.TotalPrice.ShopMoney.Amount)}
	if c := o.TotalPrice.ShopMoney.CurrencyCode; c != "" {
		v.currency = c
	}
	v.buyerName = personName(o.BillingAddress)
	if v.buyerName == "" {
		v.buyerName = personName(o.ShippingAddress)
	}
	v.computeLines()
	m.deliveries(v)
	v.openReasons = openReasons(o)
	return v
}

// computeLines derives net amounts. Shopify's prices include VAT when the
// shop says so (typical in Germany) and exclude it otherwise; which one
// shows in the totals: with VAT included the total is subtotal + shipping.
func (v *orderView) computeLines() {
	o := v.o
	subtotal := dec(o.SubtotalPrice.ShopMoney.Amount)
	tax := dec(o.TotalTax.ShopMoney.Amount)
	shipping := dec(o.TotalShippingPrice.ShopMoney.Amount)
	included := tax.Sign() > 0 && near(v.total, add(subtotal, shipping)) && !near(v.total, add(add(subtotal, tax), shipping))
	gross, lineTax := new(big.Rat), new(big.Rat)
	for _, li := range o.LineItems {
		amount := mulInt(dec(li.OriginalUnitPrice.ShopMoney.Amount), li.Quantity)
		gross = add(gross, amount)
		t, rate := new(big.Rat), 0.0
		for _, tl := range li.TaxLines {
			t = add(t, dec(tl.Price.ShopMoney.Amount))
			rate += tl.Rate
		}
		lineTax = add(lineTax, t)
		net := amount
		if included {
			net = sub(amount, t)
		}
		v.lines = append(v.lines, line{description: li.Title, sku: li.SKU, quantity: li.Quantity, unitNet: quoInt(net, li.Quantity), net: net, rate: rate})
	}
	v.reductions = new(big.Rat)
	if d := sub(gross, subtotal); d.Cmp(big.NewRat(1, 100)) > 0 {
		v.reductions = d
	}
	if shipping.Sign() > 0 {
		shipTax := sub(tax, lineTax)
		if shipTax.Cmp(big.NewRat(1, 200)) < 0 {
			shipTax = new(big.Rat)
		}
		net := shipping
		if included {
			net = sub(shipping, shipTax)
		}
		v.lines = append(v.lines, line{description: "Shipping", quantity: 1, unitNet: net, net: net, rate: closestRate(o.TaxLines, shipTax, net)})
	}
}

// closestRate is the order's tax rate that best explains tax on net (0
// without tax).
func closestRate(lines []admin.TaxLine, tax, net *big.Rat) float64 {
	if tax.Sign() == 0 || net.Sign() == 0 {
		return 0
	}
	want, _ := new(big.Rat).Quo(tax, net).Float64()
	best, dist := want, math.Inf(1)
	for _, tl := range lines {
		if d := math.Abs(tl.Rate - want); d < dist {
			best, dist = tl.Rate, d
		}
	}
	return best
}

// deliveries: the invoice's delivery date is the day the goods were
// shipped (a supply by dispatch takes place when transport begins, §3(6)
// UStG); the warranty counts from delivery, which Shopify knows only when
// the carrier reports it — otherwise the shipment day is the best known.
func (m *mapper) deliveries(v *orderView) {
	var delivered time.Time
	basis := ""
	for _, f := range v.o.Fulfillments {
		if f.Status != "SUCCESS" {
			continue
		}
		if f.CreatedAt.After(v.shipped) {
			v.shipped = f.CreatedAt
		}
		at, b := f.CreatedAt, "shipped"
		if f.DeliveredAt != nil && !f.DeliveredAt.IsZero() {
			at, b = *f.DeliveredAt, "delivered"
		}
		if at.After(delivered) {
			delivered, basis = at, b
		}
	}
	v.delivered, v.deliveredBasis = m.datePtr(delivered), basis
}

func openReasons(o *admin.DiscoveryOrder) []string {
	if !o.CancelledAt.IsZero() {
		return nil
	}
	var out []string
	if unpaidStatuses[o.DisplayFinancialStatus] {
		out = append(out, "unpaid")
	}
	if !doneFulfillment[o.DisplayFulfillmentStatus] && !settledStatuses[o.DisplayFinancialStatus] && o.DisplayFulfillmentStatus != "" {
		out = append(out, "unfulfilled")
	}
	for _, r := range o.Returns {
		if openReturn[r.Status] {
			out = append(out, "open_return")
			break
		}
	}
	return out
}

// lineItems is the retention vocabulary's line_items: description,
// quantity, unit, unit_price_net, net_amount, tax_rate.
func (v *orderView) lineItems() []map[string]any {
	out := make([]map[string]any, 0, len(v.lines))
	for _, l := range v.lines {
		row := map[string]any{
			"description": l.description, "quantity": l.quantity, "unit": "piece",
			"unit_price_net": decStr(l.unitNet), "net_amount": decStr(l.net), "tax_rate": percent(l.rate),
		}
		if l.sku != "" {
			row["sku"] = l.sku
		}
		out = append(out, row)
	}
	return out
}

// netAmounts breaks the net amounts down by tax rate (§14(4) Nr. 7 UStG).
func (v *orderView) netAmounts() []map[string]any {
	by := map[string]*big.Rat{}
	for _, l := range v.lines {
		r := percent(l.rate)
		if by[r] == nil {
			by[r] = new(big.Rat)
		}
		by[r] = add(by[r], l.net)
	}
	rates := make([]string, 0, len(by))
	for r := range by {
		rates = append(rates, r)
	}
	sort.Strings(rates)
	out := make([]map[string]any, 0, len(rates))
	for _, r := range rates {
		out = append(out, map[string]any{"tax_rate": r, "net_amount": decStr(by[r])})
	}
	return out
}

func (v *orderView) taxRates() []string {
	var out []string
	for _, tl := range v.o.TaxLines {
		out = appendNew(out, percent(tl.Rate))
	}
	return out
}

func (v *orderView) taxAmounts() []map[string]any {
	var out []map[string]any
	for _, tl := range v.o.TaxLines {
		out = append(out, map[string]any{"title": tl.Title, "tax_rate": percent(tl.Rate), "amount": decStr(dec(tl.Price.ShopMoney.Amount))})
	}
	return out
}
