package main

import (
	"time"

	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

// demoDomain is the demo shop's myshopify domain.
const demoDomain = "nordlicht-naturwaren.myshopify.com"

// demoShop is the demo shop as its merchant set it up in Shopify: a
// Hamburg GmbH with its full address (so Lethe derives the federal state
// and the supervisory authority, and the shop is ready to answer), German
// first, English published too.
var demoShop = shopifytest.ShopOptions{
	Name: "Nordlicht Naturwaren", Company: "Nordlicht Naturwaren GmbH", Email: "datenschutz@nordlicht-naturwaren.example",
	Country: "DE", Address1: "Schanzenstraße 12", Zip: "20357", City: "Hamburg", Timezone: "Europe/Berlin",
	PrimaryDomain: "www.nordlicht-naturwaren.example", Currency: "EUR", Locale: "de", Locales: []string{"en"},
}

// demoPeople are the two customers whose requests the demo sends.
type demoPeople struct {
	access, erasure         int64 // customer ids
	accessName, erasureName string
}

// seedDemo fills the demo shop: customers with German addresses and EUR
// orders over five years, guest orders, and two customers to whom the
// demo's requests belong — the one asking for access also checked out
// twice as a guest with the same e-mail address.
func seedDemo(emu *shopifytest.Emulator, now time.Time) demoPeople {
	s := shopifytest.SeedSample(emu, demoDomain, shopifytest.SampleOptions{
		Customers: 40, OrdersPerCustomer: 3, GuestOrders: 8, Years: 5, End: now, Seed: 2026,
	})
	c, _ := emu.Customer(demoDomain, s.Customers[0])
	home := c.Addresses[0]
	for i, p := range []struct{ title, sku, price, tax string }{
		{"Bienenwachskerze", "KE-BIE-02", "12.90", "4.90"}, {"Kräutertee Bio (100 g)", "TE-KRA-01", "7.50", "2.85"},
	} {
		at := now.AddDate(-2+i, -3, 0)
		emu.AddOrder(demoDomain, shopifytest.Order{Email: c.Email, ClientIP: "198.51.100.23", CustomerLocale: "de",
			CreatedAt: at, ClosedAt: at.AddDate(0, 0, 10), BillingAddress: &home, ShippingAddress: &home, PaymentGateways: []string{"paypal"},
			LineItems:     []shopifytest.LineItem{{Title: p.title, SKU: p.sku, Quantity: 2, UnitPrice: p.price}},
			ShippingPrice: "4.90", TaxLines: []shopifytest.TaxLine{{Title: "MwSt.", Rate: 0.19, Price: p.tax}}})
	}
	return demoPeople{access: s.Customers[0], erasure: s.Customers[1],
		accessName: customerName(emu, s.Customers[0]), erasureName: customerName(emu, s.Customers[1])}
}

// customerName is a seeded customer's full name.
func customerName(emu *shopifytest.Emulator, id int64) string {
	c, ok := emu.Customer(demoDomain, id)
	if !ok {
		return ""
	}
	return c.FirstName + " " + c.LastName
}
