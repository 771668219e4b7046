package shopifytest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// SampleOptions size the data SeedSample creates.
type SampleOptions struct {
	Customers         int
	OrdersPerCustomer int
	GuestOrders       int       // orders without a customer, by e-mail only
	End               time.Time // newest order; default: the emulator's now
	Years             int       // orders spread over this many years; default 4
	Seed              uint64    // deterministic data per seed
}

// Sample is what SeedSample created.
type Sample struct {
	Customers   []int64
	Orders      map[int64][]int64 // by customer id
	GuestOrders []int64
	GuestEmails []string
}

var (
	sampleFirst   = []string{"Anna", "Jonas", "Lea", "Felix", "Marie", "Paul", "Sophie", "Lukas", "Emma", "Noah"}
	sampleLast    = []string{"Schmidt", "Müller", "Weber", "Fischer", "Becker", "Wagner", "Hoffmann", "Koch", "Richter", "Klein"}
	sampleStreets = []string{"Hauptstraße", "Gartenweg", "Lindenallee", "Schulstraße", "Bahnhofstraße"}
	sampleCities  = []struct{ city, zip, prov, provCode string }{
		{"Berlin", "10115", "Berlin", "BE"}, {"München", "80331", "Bayern", "BY"},
		{"Hamburg", "20095", "Hamburg", "HH"}, {"Köln", "50667", "Nordrhein-Westfalen", "NW"},
	}
	sampleProducts = []struct{ title, sku, price string }{
		{"Leinen-Hemd", "SH-LIN-01", "59.90"}, {"Wollsocken (3er)", "SO-WOL-03", "19.50"},
		{"Kaffeebecher Steingut", "KB-STE-02", "14.00"}, {"Notizbuch A5", "NB-A5-01", "9.90"},
		{"Regenjacke", "RJ-BLU-04", "129.00"},
	}
)

// SeedSample seeds realistic customers (addresses, consents, metafields,
// notes) with orders spread over years (line items, 19 % VAT tax lines,
// shipping, fulfillments with tracking, some returns and cancellations) and
// guest orders that have only an e-mail address.
func SeedSample(e *Emulator, domain string, o SampleOptions) Sample {
	if o.End.IsZero() {
		o.End = e.now().UTC()
	}
	if o.Years <= 0 {
		o.Years = 4
	}
	rng := rand.New(rand.NewPCG(o.Seed, 0x1e7e))
	span := time.Duration(o.Years) * 365 * 24 * time.Hour
	out := Sample{Orders: map[int64][]int64{}}
	for i := 0; i < o.Customers; i++ {
		c := sampleCustomer(rng, i, o.End.Add(-span))
		id := e.AddCustomer(domain, c)
		out.Customers = append(out.Customers, id)
		for j := 0; j < o.OrdersPerCustomer; j++ {
			at := c.CreatedAt.Add(time.Duration(j+1) * o.End.Sub(c.CreatedAt) / time.Duration(o.OrdersPerCustomer+1))
			ord := sampleOrder(rng, at, c.Email, c.Phone, &c.Addresses[0])
			ord.CustomerID = id
			out.Orders[id] = append(out.Orders[id], e.AddOrder(domain, ord))
		}
	}
	for i := 0; i < o.GuestOrders; i++ {
		email := fmt.Sprintf("guest%d@example.org", i+1)
		addr := sampleAddress(rng, "Gast", fmt.Sprintf("Nr%d", i+1))
		at := o.End.Add(-time.Duration(rng.Int64N(int64(span))))
		ord := sampleOrder(rng, at, email, "", &addr)
		out.GuestOrders = append(out.GuestOrders, e.AddOrder(domain, ord))
		out.GuestEmails = append(out.GuestEmails, email)
	}
	return out
}

func sampleAddress(rng *rand.Rand, first, last string) Address {
	c := sampleCities[rng.IntN(len(sampleCities))]
	return Address{
		FirstName: first, LastName: last,
		Address1: fmt.Sprintf("%s %d", sampleStreets[rng.IntN(len(sampleStreets))], 1+rng.IntN(120)),
		City:     c.city, Zip: c.zip, Province: c.prov, ProvinceCode: c.provCode,
		Country: "Germany", CountryCode: "DE", Phone: fmt.Sprintf("+49151%07d", rng.IntN(10_000_000)),
	}
}

func sampleCustomer(rng *rand.Rand, i int, earliest time.Time) Customer {
	first := sampleFirst[i%len(sampleFirst)]
	last := sampleLast[(i/len(sampleFirst)+i)%len(sampleLast)]
	created := earliest.Add(time.Duration(rng.Int64N(int64(90 * 24 * time.Hour))))
	home := sampleAddress(rng, first, last)
	work := sampleAddress(rng, first, last)
	work.Company = "Beispiel GmbH"
	email := fmt.Sprintf("%s.%s%d@example.com", strings.ToLower(first), strings.ToLower(asciiFold(last)), i+1)
	consent := Consent{State: "NOT_SUBSCRIBED"}
	if rng.IntN(2) == 0 {
		consent = Consent{State: "SUBSCRIBED", OptInLevel: "CONFIRMED_OPT_IN", UpdatedAt: created.Add(time.Hour)}
	}
	return Customer{
		FirstName: first, LastName: last, Email: email, Phone: home.Phone,
		Locale: "de", State: "ENABLED", VerifiedEmail: true,
		Note: "Bevorzugt Lieferung an die Arbeitsadresse.", Tags: []string{"newsletter", "stammkunde"},
		CreatedAt: created, UpdatedAt: created.Add(48 * time.Hour),
		Addresses:      []Address{home, work},
		EmailMarketing: consent,
		SMSMarketing:   Consent{State: "NOT_SUBSCRIBED"},
		Metafields: []Metafield{
			{Namespace: "custom", Key: "birthday", Type: "date", Value: fmt.Sprintf("19%02d-%02d-%02d", 60+rng.IntN(40), 1+rng.IntN(12), 1+rng.IntN(28))},
			{Namespace: "loyalty", Key: "tier", Value: []string{"bronze", "silver", "gold"}[rng.IntN(3)]},
		},
	}
}

func sampleOrder(rng *rand.Rand, at time.Time, email, phone string, addr *Address) Order {
	n := 1 + rng.IntN(3)
	var items []LineItem
	for k := 0; k < n; k++ {
		p := sampleProducts[rng.IntN(len(sampleProducts))]
		qty := 1 + rng.IntN(2)
		net := cents(p.price) * int64(qty)
		items = append(items, LineItem{
			Title: p.title, SKU: p.sku, Quantity: qty, UnitPrice: p.price,
			TaxLines: []TaxLine{{Title: "MwSt.", Rate: 0.19, Price: decimal(net * 19 / 100)}},
		})
	}
	billing := *addr
	o := Order{
		Email: email, Phone: phone, ClientIP: fmt.Sprintf("203.0.113.%d", 1+rng.IntN(250)),
		CustomerLocale: "de", CreatedAt: at, ProcessedAt: at, UpdatedAt: at.Add(72 * time.Hour),
		BillingAddress: &billing, ShippingAddress: &billing,
		CustomAttributes: []Attribute{{Key: "gift_message", Value: "Alles Gute!"}},
		PaymentGateways:  []string{[]string{"shopify_payments", "paypal"}[rng.IntN(2)]},
		LineItems:        items, ShippingPrice: "4.90",
		Fulfillments: []Fulfillment{{TrackingCompany: "DHL", TrackingNumber: fmt.Sprintf("00340434%010d", rng.IntN(1_000_000_000))}},
		ClosedAt:     at.Add(14 * 24 * time.Hour),
	}
	switch r := rng.IntN(10); {
	case r == 0:
		o.CancelledAt = at.Add(2 * time.Hour)
		o.FinancialStatus, o.FulfillmentStatus, o.Fulfillments = "REFUNDED", "UNFULFILLED", nil
	case r == 1:
		o.Returns = []Return{{Status: "CLOSED"}}
		o.FinancialStatus = "PARTIALLY_REFUNDED"
	}
	return o
}

func asciiFold(s string) string {
	return strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss").Replace(s)
}
