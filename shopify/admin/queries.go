package admin

import (
	"embed"
	"io/fs"
	"regexp"
	"strings"
)

//go:embed queries/*.graphql queries/fragments/*.graphql
var queryFiles embed.FS

// The GraphQL documents Lethe sends, one per file in queries/. Fragments
// shared by several documents live in queries/fragments/ and are composed
// into each document that spreads them. Every document, as sent, is
// validated against Shopify's real Admin schema by a test.
var (
	QueryShop                      = mustQuery("shop")
	QueryShopLocales               = mustQuery("shop_locales")
	QueryCustomer                  = mustQuery("customer")
	QueryCustomerAddresses         = mustQuery("customer_addresses")
	QueryCustomerMetafields        = mustQuery("customer_metafields")
	QueryCustomersSearch           = mustQuery("customers_search")
	QueryOrderLineItems            = mustQuery("order_line_items")
	MutationRequestCustomerErasure = mustQuery("customer_request_data_erasure")
	MutationCancelCustomerErasure  = mustQuery("customer_cancel_data_erasure")
)

var (
	fragmentDefRE    = regexp.MustCompile(`(?m)^fragment (\w+) on `)
	fragmentSpreadRE = regexp.MustCompile(`\.\.\.(\w+)`)
	sharedFragments  = loadFragments()
)

// loadFragments reads queries/fragments/ by fragment name.
func loadFragments() map[string]string {
	out := map[string]string{}
	entries, _ := fs.ReadDir(queryFiles, "queries/fragments")
	for _, e := range entries {
		b, err := queryFiles.ReadFile("queries/fragments/" + e.Name())
		if err != nil {
			panic("admin: " + err.Error())
		}
		for _, m := range fragmentDefRE.FindAllStringSubmatch(string(b), -1) {
			out[m[1]] = string(b)
		}
	}
	return out
}

func mustQuery(name string) string {
	b, err := queryFiles.ReadFile("queries/" + name + ".graphql")
	if err != nil {
		panic("admin: missing query file " + name + ".graphql")
	}
	return compose(string(b))
}

// compose appends every shared fragment the document spreads (and those
// they spread) that it does not define itself.
func compose(doc string) string {
	for {
		defined := map[string]bool{}
		for _, m := range fragmentDefRE.FindAllStringSubmatch(doc, -1) {
			defined[m[1]] = true
		}
		added := false
		for _, m := range fragmentSpreadRE.FindAllStringSubmatch(doc, -1) {
			if f, ok := sharedFragments[m[1]]; ok && !defined[m[1]] {
				doc = strings.TrimRight(doc, "\n") + "\n\n" + f
				defined[m[1]] = true
				added = true
			}
		}
		if !added {
			return doc
		}
	}
}

// Queries returns every embedded document, composed as it is sent, by file
// name (without extension).
func Queries() map[string]string {
	out := map[string]string{}
	entries, _ := fs.ReadDir(queryFiles, "queries")
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		name := strings.TrimSuffix(e.Name(), ".graphql")
		out[name] = mustQuery(name)
	}
	return out
}
