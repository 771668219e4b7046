package shopify_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/gdpr"
	art15 "github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/gdpr/classify"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/shopify"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

// benchRestoreRate is a Standard shop's restore rate (points per second);
// the bucket is the emulator's default for it (2,000 points).
const benchRestoreRate = 100

// seedThousand gives one customer 1,000 orders over four years (one to
// three line items with 19 % VAT, shipping, DHL shipments, a tenth
// cancelled and refunded, a few open) and five guest orders under her
// e-mail address; other customers' orders fill the shop around them.
func seedThousand(f *discoveryFixture, end time.Time) (connect.Subject, int) {
	e := f.e
	email := "anna.schmidt@example.com"
	addr := shopifytest.Address{FirstName: "Anna", LastName: "Schmidt", Address1: "Gartenweg 12", City: "Berlin", Zip: "10115", ProvinceCode: "BE", Country: "Germany", CountryCode: "DE", Phone: "+4915112345678"}
	work := addr
	work.Company, work.Address1 = "Beispiel GmbH", "Bahnhofstraße 3"
	cid := e.AddCustomer(discoveryShop, shopifytest.Customer{
		FirstName: "Anna", LastName: "Schmidt", Email: email, Phone: addr.Phone, Locale: "de",
		Note: "Stammkundin", Tags: []string{"newsletter"}, CreatedAt: end.AddDate(-4, 0, -30),
		Addresses:      []shopifytest.Address{addr, work},
		EmailMarketing: shopifytest.Consent{State: "SUBSCRIBED", OptInLevel: "CONFIRMED_OPT_IN", UpdatedAt: end.AddDate(-4, 0, -29)},
		Metafields:     []shopifytest.Metafield{{Namespace: "custom", Key: "birthday", Type: "date", Value: "1988-04-12"}},
	})
	other := e.AddCustomer(discoveryShop, shopifytest.Customer{FirstName: "Max", Email: "max@example.com"})
	products := []shopifytest.LineItem{
		{Title: "Leinen-Hemd", SKU: "SH-LIN-01", UnitPrice: "59.90"}, {Title: "Wollsocken (3er)", SKU: "SO-WOL-03", UnitPrice: "19.50"},
		{Title: "Kaffeebecher", SKU: "KB-STE-02", UnitPrice: "14.00"}, {Title: "Notizbuch A5", SKU: "NB-A5-01", UnitPrice: "9.90"},
	}
	span := 4 * 365 * 24 * time.Hour
	order := func(i int, customer int64, mail string) {
		at := end.Add(-span + time.Duration(i)*span/1000)
		var items []shopifytest.LineItem
		for k := 0; k <= i%3; k++ {
			p := products[(i+k)%len(products)]
			p.Quantity = 1 + k%2
			net := discDec(p.UnitPrice)
			net.Mul(net, discRatInt(p.Quantity*19))
			net.Quo(net, discRatInt(100))
			p.TaxLines = []shopifytest.TaxLine{{Title: "MwSt.", Rate: 0.19, Price: net.FloatString(2)}}
			items = append(items, p)
		}
		b := addr
		o := shopifytest.Order{
			CustomerID: customer, Email: mail, Phone: addr.Phone, ClientIP: fmt.Sprintf("203.0.113.%d", 1+i%250), CustomerLocale: "de",
			CreatedAt: at, BillingAddress: &b, ShippingAddress: &b, LineItems: items, ShippingPrice: "4.90",
			CustomAttributes: []shopifytest.Attribute{{Key: "gift_message", Value: "Alles Gute!"}},
			PaymentGateways:  []string{[]string{"shopify_payments", "paypal", "klarna"}[i%3]},
			Fulfillments:     []shopifytest.Fulfillment{{TrackingCompany: "DHL", TrackingNumber: fmt.Sprintf("00340434%010d", i)}},
		}
		switch {
		case i%10 == 3:
			o.CancelledAt, o.FinancialStatus, o.FulfillmentStatus, o.Fulfillments = at.Add(time.Hour), "REFUNDED", "UNFULFILLED", nil
		case i >= 995:
			o.FinancialStatus, o.FulfillmentStatus, o.Fulfillments = "PENDING", "UNFULFILLED", nil
		}
		e.AddOrder(discoveryShop, o)
	}
	for i := 0; i < 1000; i++ {
		order(i, cid, email)
		if i%100 == 0 {
			order(i, other, "max@example.com")
		}
	}
	for i := 0; i < 5; i++ {
		order(200*i+7, 0, email)
	}
	return connect.Subject{CustomerID: shopifytest.GID("Customer", cid), Email: email}, 1005
}

// BenchmarkDiscovery1000Orders measures the access discovery of a customer
// with 1,000 orders (plus 5 guest orders) on the emulator throttled like a
// Standard shop, on the wall clock: Shopify discovery and classification
// into the Art. 15 answer in both languages (the pipeline's steps around
// it — storing items, the report, the e-mails — are not part of it). It
// prints the wall time beside the API floor, the total actual query cost
// divided by the restore rate.
func BenchmarkDiscovery1000Orders(b *testing.B) {
	f := newDiscoveryFixture(b, shopifytest.ShopOptions{RestoreRate: benchRestoreRate}, nil)
	end := time.Now().UTC()
	subject, orders := seedThousand(f, end)
	for b.Loop() {
		f.meter = &costMeter{}
		c := shopify.NewConnector(f.client(b), f.shop)
		start := time.Now()
		res, err := c.Discover(context.Background(), subject)
		if err != nil {
			b.Fatal(err)
		}
		discovered := time.Since(start)
		cc := classify.Context{Today: gdpr.FromTime(end, f.shop.Location()), Place: gdpr.Place{Country: "DE", Region: "BE"},
			Rules: retention.DE(), Platform: "shopify", FoundRecipients: res.Recipients}
		entries, err := classify.Classify(res.Items, cc)
		if err != nil {
			b.Fatal(err)
		}
		auth, _ := art15.DefaultAuthorities().For(cc.Place)
		for _, lang := range []string{"de", "en"} {
			if missing := art15.Validate(classify.Answer(entries, lang, auth, res.Found)); len(missing) > 0 {
				b.Fatalf("%s answer incomplete: %v", lang, missing)
			}
		}
		wall := time.Since(start)

		requests, actual, maxRequested := f.meter.totals()
		confirmations := 0
		for _, it := range res.Items {
			if it.RecordType == retention.OrderConfirmation {
				confirmations++
			}
		}
		if confirmations != orders {
			b.Fatalf("%d orders found, want %d", confirmations, orders)
		}
		floor := time.Duration(float64(actual) / benchRestoreRate * float64(time.Second))
		goal := time.Duration(1.25*float64(floor)) + 2*time.Second
		b.ReportMetric(wall.Seconds(), "wall-s")
		b.ReportMetric(floor.Seconds(), "floor-s")
		b.ReportMetric(wall.Seconds()/floor.Seconds(), "wall/floor")
		b.ReportMetric(float64(actual), "points")
		b.ReportMetric(float64(requests), "requests")
		b.Logf("orders %d, items %d, requests %d, actual cost %d points (%.1f per order), largest requested %d",
			orders, len(res.Items), requests, actual, float64(actual)/float64(orders), maxRequested)
		b.Logf("wall %.1fs (discovery %.1fs + classification and answer %.2fs) | API floor %.1fs (%d points / %d per s) | wall/floor %.2f | goal ≤ 1.25 × floor + 2 s = %.1fs",
			wall.Seconds(), discovered.Seconds(), (wall - discovered).Seconds(), floor.Seconds(), actual, benchRestoreRate, wall.Seconds()/floor.Seconds(), goal.Seconds())
		if wall > goal {
			b.Errorf("wall %.1fs exceeds the goal %.1fs", wall.Seconds(), goal.Seconds())
		}
	}
}
