package shopifytest_test

import (
	"encoding/json"
	"testing"

	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestValidationErrorsInShopifysShape(t *testing.T) {
	e, _ := newEmulator(t)
	tok := e.InstallApp(testShop, false).AccessToken
	tests := []struct {
		query, code string
	}{
		{`{ shop { nam } }`, "undefinedField"},
		{`{ customer { id } }`, "missingRequiredArguments"},
		{`{ shop { name(x: 1) } }`, "argumentNotAccepted"},
		{`{ shop }`, "selectionMismatch"},
		{`query($id: ID!) { shop { name } }`, "variableNotUsed"},
		{`{ customer(id: 5) { ...F } } fragment F on Order { id }`, "cannotSpreadFragment"},
		{`{ shop { name }`, "parseError"},
	}
	for _, tt := range tests {
		status, body := gql(t, e, testShop, tok, tt.query, nil)
		if status != 200 || body["data"] != nil {
			t.Errorf("%s: status %d data %v", tt.query, status, body["data"])
		}
		if got := dig(body, "errors", 0, "extensions", "code"); got != tt.code {
			t.Errorf("%s: code %v, want %s (%v)", tt.query, got, tt.code, body["errors"])
		}
		if dig(body, "errors", 0, "locations", 0, "line") == nil {
			t.Errorf("%s: no locations", tt.query)
		}
		if dig(body, "extensions", "cost", "throttleStatus") == nil {
			t.Errorf("%s: no cost", tt.query)
		}
	}
	_, body := gql(t, e, testShop, tok, `{ shop { nam } }`, nil)
	if dig(body, "errors", 0, "message") != "Field 'nam' doesn't exist on type 'Shop'" ||
		dig(body, "errors", 0, "extensions", "typeName") != "Shop" || dig(body, "errors", 0, "extensions", "fieldName") != "nam" {
		t.Errorf("undefinedField shape: %v", body)
	}
	if e.Stats().InvalidQueries != len(tests)+1 || e.Stats().Executed != 0 {
		t.Errorf("stats = %+v", e.Stats())
	}
}

func TestBadVariablesAndMissingQuery(t *testing.T) {
	e, _ := newEmulator(t)
	tok := e.InstallApp(testShop, false).AccessToken
	_, body := gql(t, e, testShop, tok, `query($id: ID!) { customer(id: $id) { id } }`, nil)
	if dig(body, "errors", 0, "extensions", "code") != "INVALID_VARIABLE" {
		t.Errorf("missing variable: %v", body)
	}
	status, body := post(t, e, testShop, "/admin/api/2026-10/graphql.json", map[string]string{"X-Shopify-Access-Token": tok}, map[string]any{"variables": map[string]any{}})
	if status != 400 || dig(body, "errors", "query") == nil {
		t.Errorf("missing query: %d %v", status, body)
	}
}

func TestExecutorFeatures(t *testing.T) {
	e, _ := newEmulator(t)
	cid := e.AddCustomer(testShop, shopifytest.Customer{FirstName: "Ada", Email: "ada@example.com", Addresses: []shopifytest.Address{{City: "Wien", CountryCode: "AT"}}})
	e.AddOrder(testShop, shopifytest.Order{CustomerID: cid, Email: "ada@example.com"})
	tok := e.InstallApp(testShop, false).AccessToken
	q := `query Q($id: ID!, $withNote: Boolean!) {
	  who: node(id: $id) {
	    __typename
	    ... on Customer { first: firstName ...Addr note @include(if: $withNote) }
	  }
	  missing: customer(id: "gid://shopify/Customer/999") { id }
	  wrongKind: order(id: $id) { id }
	}
	fragment Addr on Customer { defaultAddress { city country } orders(first: 1) { edges { node { name customer { displayName } } } } }`
	status, body := gql(t, e, testShop, tok, q, map[string]any{"id": shopifytest.GID("Customer", cid), "withNote": false})
	want := `{"missing":null,"who":{"__typename":"Customer","defaultAddress":{"city":"Wien","country":"Austria"},"first":"Ada","orders":{"edges":[{"node":{"customer":{"displayName":"Ada"},"name":"#1001"}}]}},"wrongKind":null}`
	if got := mustJSON(body["data"]); status != 200 || body["errors"] != nil || got != want {
		t.Fatalf("got %d %s %v\nwant %s", status, got, body["errors"], want)
	}
	_, body = gql(t, e, testShop, tok, `{ customer(id: "not-a-gid") { id } }`, nil)
	if dig(body, "errors", 0, "message") != "Invalid global id 'not-a-gid'" {
		t.Errorf("bad gid: %v", body)
	}
}

func TestFailureInjection(t *testing.T) {
	e, _ := newEmulator(t)
	tok := e.InstallApp(testShop, false).AccessToken
	e.FailRequest(2, shopifytest.FaultServerError)
	codes := []int{}
	for i := 0; i < 3; i++ {
		status, _ := gql(t, e, testShop, tok, `{ shop { name } }`, nil)
		codes = append(codes, status)
	}
	if mustJSON(codes) != "[200,500,200]" {
		t.Errorf("statuses = %v", codes)
	}
}

func TestSearchSyntax(t *testing.T) {
	e, _ := newEmulator(t)
	e.AddCustomer(testShop, shopifytest.Customer{FirstName: "Q", Email: `odd"name@example.com`})
	e.AddCustomer(testShop, shopifytest.Customer{FirstName: "R", Email: "r@example.com", State: "DISABLED"})
	tok := e.InstallApp(testShop, false).AccessToken
	q := `query($q: String!) { customers(first: 10) { nodes { firstName } } filtered: customers(first: 10, query: $q) { nodes { firstName } } }`
	for query, want := range map[string]string{
		`email:"odd\"name@example.com"`:           `[{"firstName":"Q"}]`,
		`email:R@EXAMPLE.COM`:                     `[{"firstName":"R"}]`,
		`email:"r@example.com" AND state:ENABLED`: `[]`,
		`email:"x\" OR state:ENABLED"`:            `[]`,
	} {
		_, body := gql(t, e, testShop, tok, q, map[string]any{"q": query})
		if got := mustJSON(dig(body, "data", "filtered", "nodes")); got != want {
			t.Errorf("%s: %s, want %s", query, got, want)
		}
	}
}
