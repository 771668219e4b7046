package shopifytest_test

import (
	"testing"

	"github.com/lethe-gdpr/lethe/shopify/admin"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

// TestEveryAdminQueryExecutes runs each of the client's documents against
// seeded data: no field may be missing a resolver.
func TestEveryAdminQueryExecutes(t *testing.T) {
	e, _ := newEmulator(t)
	s := shopifytest.SeedSample(e, testShop, shopifytest.SampleOptions{Customers: 2, OrdersPerCustomer: 3, GuestOrders: 1})
	tok := e.InstallApp(testShop, false).AccessToken
	cust := shopifytest.GID("Customer", s.Customers[0])
	order := shopifytest.GID("Order", s.Orders[s.Customers[0]][0])
	vars := map[string]map[string]any{
		"shop":                          nil,
		"shop_locales":                  nil,
		"customer":                      {"id": cust},
		"customer_addresses":            {"id": cust, "first": 1},
		"customer_metafields":           {"id": cust, "first": 1},
		"customers_search":              {"query": "email:anna.schmidt1@example.com", "first": 10},
		"order_line_items":              {"id": order, "first": 1},
		"customer_request_data_erasure": {"customerId": cust},
		"customer_cancel_data_erasure":  {"customerId": cust},
		"discovery_customer_orders":     {"id": cust, "first": 2, "lineItemsFirst": 5},
		"discovery_orders_search":       {"query": "email:" + s.GuestEmails[0], "first": 10, "lineItemsFirst": 5},
		"discovery_order":               {"id": order, "lineItemsFirst": 5},
		"discovery_order_ids":           {"query": "email:" + s.GuestEmails[0], "first": 10},
	}
	for name, doc := range admin.Queries() {
		v, ok := vars[name]
		if !ok {
			t.Errorf("no variables for query %s: add it to this test", name)
			continue
		}
		t.Run(name, func(t *testing.T) {
			status, body := gql(t, e, testShop, tok, doc, v)
			if status != 200 || body["errors"] != nil || body["data"] == nil {
				t.Fatalf("status %d, body %v", status, body)
			}
			if dig(body, "extensions", "cost", "actualQueryCost") == nil {
				t.Errorf("no cost in %v", body["extensions"])
			}
		})
	}
}
