package admin_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/shopify/admin"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

const shopA = "alpha-goods.myshopify.com"

var t0 = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

type fixture struct {
	e     *shopifytest.Emulator
	clock *shopifytest.Clock
	token string
}

// setup starts an emulator with one shop; auto makes sleeps advance the
// shared fake clock at once.
func setup(t *testing.T, auto bool, opts shopifytest.ShopOptions) fixture {
	t.Helper()
	clock := shopifytest.NewClock(t0)
	if auto {
		clock = shopifytest.NewAutoClock(t0)
	}
	e := shopifytest.Start(t, shopifytest.Options{Now: clock.Now})
	e.AddShop(shopA, opts)
	return fixture{e: e, clock: clock, token: e.InstallApp(shopA, false).AccessToken}
}

func (f fixture) client(t *testing.T, pacer *admin.Pacer, mods ...func(*admin.Config)) *admin.Client {
	t.Helper()
	cfg := admin.Config{
		Shop: shopA, Tokens: admin.StaticToken(f.token), APIOrigin: f.e.URL,
		Clock: f.clock, Pacer: pacer,
	}
	for _, m := range mods {
		m(&cfg)
	}
	c, err := admin.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// seedOrders gives a new customer n orders, one a day.
func seedOrders(f fixture, n int, lineItems int) (int64, []int64) {
	cid := f.e.AddCustomer(shopA, shopifytest.Customer{FirstName: "Jane", LastName: "Roe", Email: "jane@example.com", Phone: "+4930123456", CreatedAt: t0.AddDate(-5, 0, 0)})
	var ids []int64
	for i := 0; i < n; i++ {
		var items []shopifytest.LineItem
		for k := 0; k < lineItems; k++ {
			items = append(items, shopifytest.LineItem{Title: fmt.Sprintf("Item %d", k), SKU: fmt.Sprintf("SKU-%d", k), Quantity: 1, UnitPrice: "10.00",
				TaxLines: []shopifytest.TaxLine{{Title: "VAT", Rate: 0.19, Price: "1.90"}}})
		}
		ids = append(ids, f.e.AddOrder(shopA, shopifytest.Order{
			CustomerID: cid, Email: "jane@example.com", CreatedAt: t0.AddDate(-5, 0, i), LineItems: items, ShippingPrice: "4.90",
		}))
	}
	return cid, ids
}
