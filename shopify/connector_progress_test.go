package shopify_test

import (
	"context"
	"slices"
	"testing"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/shopify"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

// Discovery reports the orders read once per page (17), and at the end,
// with the customer's number of orders as the total while the count is
// within it; guest orders beyond it leave the total unknown (0).
func TestDiscoverReportsProgressPerPage(t *testing.T) {
	f := newDiscoveryFixture(t, shopifytest.ShopOptions{}, shopifytest.NewAutoClock(discoveryT0))
	cid := f.e.AddCustomer(discoveryShop, shopifytest.Customer{FirstName: "Lea", Email: "lea@example.com"})
	for i := 0; i < 40; i++ {
		f.e.AddOrder(discoveryShop, shopifytest.Order{CustomerID: cid, Email: "lea@example.com", CreatedAt: discoveryT0.AddDate(0, 0, -i-1),
			LineItems: []shopifytest.LineItem{{Title: "Becher", UnitPrice: "14.00", TaxLines: vat19("2.66")}}})
	}
	for i := 0; i < 2; i++ { // guest orders with the same address
		f.e.AddOrder(discoveryShop, shopifytest.Order{Email: "lea@example.com", CreatedAt: discoveryT0.AddDate(0, 0, -50-i),
			LineItems: []shopifytest.LineItem{{Title: "Socken", UnitPrice: "19.50", TaxLines: vat19("3.71")}}})
	}
	var got [][2]int
	ctx := connect.WithProgress(context.Background(), func(read, total int) { got = append(got, [2]int{read, total}) })
	if _, err := shopify.NewConnector(f.client(t), f.shop).Discover(ctx, connect.Subject{CustomerID: discGID("Customer", cid), Email: "lea@example.com"}); err != nil {
		t.Fatal(err)
	}
	if want := [][2]int{{17, 40}, {34, 40}, {42, 0}}; !slices.Equal(got, want) {
		t.Errorf("progress %v, want %v", got, want)
	}

	// Without a Progress in the context nothing is reported, nothing fails.
	if _, err := shopify.NewConnector(f.client(t), f.shop).Discover(context.Background(), connect.Subject{Email: "lea@example.com"}); err != nil {
		t.Fatal(err)
	}
}
