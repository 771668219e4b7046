package admin_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/lethe-gdpr/lethe/shopify/admin"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

func TestCustomerOrdersFullPaginates(t *testing.T) {
	f := setup(t, true, shopifytest.ShopOptions{})
	cid, ids := seedOrders(f, 60, 1)
	orders, err := admin.Collect(f.client(t, nil).CustomerOrdersFull(context.Background(), shopifytest.GID("Customer", cid)))
	if err != nil {
		t.Fatal(err)
	}
	if len(orders) != 60 {
		t.Fatalf("got %d orders, want 60", len(orders))
	}
	for i, o := range orders {
		if o.ID != shopifytest.GID("Order", ids[i]) {
			t.Fatalf("order %d = %s, want %s (oldest first, no gaps or repeats)", i, o.ID, shopifytest.GID("Order", ids[i]))
		}
	}
	if got := f.e.Stats().Executed; got != 4 {
		t.Errorf("%d requests, want 4 pages of %d", got, admin.DiscoveryPageSize)
	}
}

func TestCustomerReadsEveryAddressAndMetafield(t *testing.T) {
	f := setup(t, true, shopifytest.ShopOptions{})
	c := shopifytest.Customer{FirstName: "Max", LastName: "Muster", Email: "max@example.com", Phone: "+49301234",
		EmailMarketing: shopifytest.Consent{State: "SUBSCRIBED", OptInLevel: "CONFIRMED_OPT_IN", UpdatedAt: t0}, Tags: []string{"vip"}}
	for i := 0; i < 60; i++ {
		c.Addresses = append(c.Addresses, shopifytest.Address{Address1: fmt.Sprintf("Weg %d", i), City: "Berlin", CountryCode: "DE", ProvinceCode: "BE"})
	}
	for i := 0; i < 55; i++ {
		c.Metafields = append(c.Metafields, shopifytest.Metafield{Namespace: "custom", Key: fmt.Sprintf("k%d", i), Value: "v"})
	}
	id := f.e.AddCustomer(shopA, c)
	got, err := f.client(t, nil).Customer(context.Background(), shopifytest.GID("Customer", id))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Addresses) != 60 || len(got.Metafields) != 55 {
		t.Fatalf("addresses %d, metafields %d", len(got.Addresses), len(got.Metafields))
	}
	if got.Email() != "max@example.com" || got.Phone() != "+49301234" || got.DefaultEmailAddress.MarketingState != "SUBSCRIBED" ||
		got.DefaultAddress == nil || got.DefaultAddress.Address1 != "Weg 0" || got.Addresses[59].Address1 != "Weg 59" || got.Tags[0] != "vip" {
		t.Errorf("customer = %+v", got)
	}
	if _, err := f.client(t, nil).Customer(context.Background(), shopifytest.GID("Customer", 999999)); !errors.Is(err, admin.ErrNotFound) {
		t.Errorf("missing customer: err = %v", err)
	}
}

func TestOrderFullReadsEveryLineItemAndTotals(t *testing.T) {
	f := setup(t, true, shopifytest.ShopOptions{})
	_, ids := seedOrders(f, 1, 120)
	o, err := f.client(t, nil).OrderFull(context.Background(), shopifytest.GID("Order", ids[0]))
	if err != nil {
		t.Fatal(err)
	}
	if len(o.LineItems) != 120 || o.LineItems[119].SKU != "SKU-119" {
		t.Fatalf("line items = %d", len(o.LineItems))
	}
	if o.SubtotalPrice.ShopMoney.Amount != "1200.0" || o.TotalTax.ShopMoney.Amount != "228.0" || o.TotalPrice.ShopMoney.Amount != "1432.9" || o.TotalPrice.ShopMoney.CurrencyCode != "EUR" {
		t.Errorf("totals = %+v %+v %+v", o.SubtotalPrice, o.TotalTax, o.TotalPrice)
	}
	if o.Name != "#1001" || o.LineItems[0].TaxLines[0].Rate != 0.19 {
		t.Errorf("order = %+v", o)
	}
}

func TestSearchFindsCustomersAndGuestOrders(t *testing.T) {
	f := setup(t, true, shopifytest.ShopOptions{})
	cid, _ := seedOrders(f, 2, 1)
	guest := f.e.AddOrder(shopA, shopifytest.Order{Email: "guest@example.org", CreatedAt: t0.AddDate(-1, 0, 0)})
	c := f.client(t, nil)
	ctx := context.Background()
	custs, err := admin.Collect(c.CustomersByEmail(ctx, "JANE@example.com"))
	if err != nil || len(custs) != 1 || custs[0].ID != shopifytest.GID("Customer", cid) || custs[0].NumberOfOrders != 2 {
		t.Fatalf("by email: %+v %v", custs, err)
	}
	custs, err = admin.Collect(c.CustomersByPhone(ctx, "+49 30 123456"))
	if err != nil || len(custs) != 1 {
		t.Fatalf("by phone: %+v %v", custs, err)
	}
	orders, err := admin.Collect(c.SearchOrderIDs(ctx, admin.SearchTerm("email", "guest@example.org")))
	if err != nil || len(orders) != 1 || orders[0] != shopifytest.GID("Order", guest) {
		t.Fatalf("guest orders: %v %v", orders, err)
	}
}

func TestDataErasureMutations(t *testing.T) {
	f := setup(t, true, shopifytest.ShopOptions{})
	cid, _ := seedOrders(f, 1, 1)
	gid := shopifytest.GID("Customer", cid)
	c := f.client(t, nil)
	ctx := context.Background()
	if err := c.RequestCustomerDataErasure(ctx, gid); err != nil {
		t.Fatal(err)
	}
	if !f.e.ErasureRequested(shopA, cid) || f.e.MutationCount(shopA, "customerRequestDataErasure", "customerId", gid) != 1 {
		t.Fatalf("erasure not recorded once: %+v", f.e.Mutations(shopA))
	}
	if err := c.CancelCustomerDataErasure(ctx, gid); err != nil {
		t.Fatal(err)
	}
	var ue *admin.UserErrorsError
	if err := c.CancelCustomerDataErasure(ctx, gid); !errors.As(err, &ue) || !ue.HasCode("NOT_BEING_ERASED") {
		t.Fatalf("second cancel: %v", err)
	}
	if err := c.RequestCustomerDataErasure(ctx, shopifytest.GID("Customer", 424242)); !errors.As(err, &ue) || !ue.HasCode("DOES_NOT_EXIST") {
		t.Fatalf("unknown customer: %v", err)
	}
}

func TestSearchTermQuotes(t *testing.T) {
	tests := []struct{ field, value, want string }{
		{"email", "a@b.c", `email:"a@b.c"`},
		{"email", `x" OR state:ENABLED`, `email:"x\" OR state:ENABLED"`},
		{"phone", `+49 30\1`, `phone:"+49 30\\1"`},
	}
	for _, tt := range tests {
		if got := admin.SearchTerm(tt.field, tt.value); got != tt.want {
			t.Errorf("SearchTerm(%q, %q) = %s, want %s", tt.field, tt.value, got, tt.want)
		}
	}
}
