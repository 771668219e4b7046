package admin

import (
	"embed"
	"io/fs"
	"strings"
)

//go:embed queries/*.graphql
var queryFiles embed.FS

// The GraphQL documents Lethe sends, one per file in queries/. Every
// document in the repository is validated against Shopify's real Admin
// schema by a test.
var (
	QueryShop                      = mustQuery("shop")
	QueryCustomer                  = mustQuery("customer")
	QueryCustomerAddresses         = mustQuery("customer_addresses")
	QueryCustomerMetafields        = mustQuery("customer_metafields")
	QueryCustomersSearch           = mustQuery("customers_search")
	QueryCustomerOrders            = mustQuery("customer_orders")
	QueryOrdersSearch              = mustQuery("orders_search")
	QueryOrder                     = mustQuery("order")
	QueryOrderLineItems            = mustQuery("order_line_items")
	MutationRequestCustomerErasure = mustQuery("customer_request_data_erasure")
	MutationCancelCustomerErasure  = mustQuery("customer_cancel_data_erasure")
)

func mustQuery(name string) string {
	b, err := queryFiles.ReadFile("queries/" + name + ".graphql")
	if err != nil {
		panic("admin: missing query file " + name + ".graphql")
	}
	return string(b)
}

// Queries returns every embedded document by file name (without extension).
func Queries() map[string]string {
	out := map[string]string{}
	entries, _ := fs.ReadDir(queryFiles, "queries")
	for _, e := range entries {
		out[strings.TrimSuffix(e.Name(), ".graphql")] = mustQuery(strings.TrimSuffix(e.Name(), ".graphql"))
	}
	return out
}
