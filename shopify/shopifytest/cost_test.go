package shopifytest_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

func TestQueryCost(t *testing.T) {
	e, _ := newEmulator(t)
	shopifytest.SeedSample(e, testShop, shopifytest.SampleOptions{Customers: 3, OrdersPerCustomer: 2})
	tok := e.InstallApp(testShop, false).AccessToken
	tests := []struct {
		name              string
		query             string
		requested, actual int
	}{
		{"scalars only", `{ shop { name ianaTimezone } }`, 1, 1},
		{"nested object", `{ shop { name shopAddress { city } } }`, 2, 2},
		{"connection nodes", `{ customers(first: 10) { nodes { id } } }`, 12, 5},
		{"connection edges and pageInfo", `{ customers(first: 10) { pageInfo { hasNextPage } edges { cursor node { id } } } }`, 12, 5},
		{"connection without nodes", `{ customers(first: 10) { pageInfo { hasNextPage } } }`, 2, 2},
		{"node objects", `{ customers(first: 10) { nodes { id defaultAddress { city } } } }`, 22, 8},
		{"nested connections", `{ customers(first: 5) { nodes { orders(first: 10) { nodes { id } } } } }`, 67, 2 + 3*(1+2+2)},
		{"interface", `{ node(id: "gid://shopify/Customer/1") { id ... on Customer { defaultAddress { city } } } }`, 2, 1},
		{"aliases count twice", `{ a: shop { name } b: shop { name } }`, 2, 2},
		{"mutation", `mutation { customerRequestDataErasure(customerId: "gid://shopify/Customer/1") { customerId userErrors { message } } }`, 10, 10},
	}
	for _, tt := range tests {
		status, body := gql(t, e, testShop, tok, tt.query, nil)
		if status != 200 || body["errors"] != nil {
			t.Errorf("%s: %d %v", tt.name, status, body)
			continue
		}
		cost := dig(body, "extensions", "cost")
		if r, a := dig(cost, "requestedQueryCost"), dig(cost, "actualQueryCost"); r != float64(tt.requested) || a != float64(tt.actual) {
			t.Errorf("%s: requested %v actual %v, want %d %d", tt.name, r, a, tt.requested, tt.actual)
		}
	}
}

func TestConnectionArgumentsAndMaxCost(t *testing.T) {
	e, _ := newEmulator(t)
	tok := e.InstallApp(testShop, false).AccessToken
	_, body := gql(t, e, testShop, tok, `{ customers { nodes { id } } }`, nil)
	if dig(body, "errors", 0, "message") != "you must provide one of first or last" ||
		dig(body, "errors", 0, "extensions", "code") != "BAD_REQUEST" || dig(body, "errors", 0, "path", 0) != "customers" {
		t.Errorf("missing first: %v", body)
	}
	_, body = gql(t, e, testShop, tok, `query($n: Int!) { customers(first: $n) { nodes { id } } }`, map[string]any{"n": 251})
	if msg, _ := dig(body, "errors", 0, "message").(string); !strings.HasPrefix(msg, "first cannot exceed 250") {
		t.Errorf("first 251: %v", body)
	}
	if _, body = gql(t, e, testShop, tok, `{ customers(first: 250) { nodes { id } } }`, nil); body["errors"] != nil {
		t.Errorf("first 250 refused: %v", body)
	}
	_, body = gql(t, e, testShop, tok, `{ customers(first: 250) { nodes { orders(first: 250) { nodes { id } } } } }`, nil)
	if dig(body, "errors", 0, "extensions", "code") != "MAX_COST_EXCEEDED" || dig(body, "errors", 0, "extensions", "maxCost") != 1000.0 ||
		dig(body, "errors", 0, "extensions", "cost") != float64(2+250*(1+2+250)) {
		t.Errorf("max cost: %v", body)
	}
	if e.Stats().MaxCostExceeded != 1 {
		t.Errorf("stats = %+v", e.Stats())
	}
}

func TestThrottlingLeakyBucket(t *testing.T) {
	e, clock := newEmulator(t)
	tok := e.InstallApp(testShop, false).AccessToken
	q := `{ customers(first: 100) { nodes { id } } }` // requests 102
	e.SetAvailable(testShop, 101)
	status, body := gql(t, e, testShop, tok, q, nil)
	want := `{"errors":[{"extensions":{"code":"THROTTLED","documentation":"https://shopify.dev/api/usage/rate-limits"},"message":"Throttled"}],` +
		`"extensions":{"cost":{"actualQueryCost":null,"requestedQueryCost":102,"throttleStatus":{"currentlyAvailable":101,"maximumAvailable":2000,"restoreRate":100}}}}`
	if got := mustJSON(body); status != 200 || got != want {
		t.Fatalf("throttled answer:\n got %s\nwant %s", got, want)
	}
	clock.Advance(10 * 1e6) // 10 ms restore 1 point
	_, body = gql(t, e, testShop, tok, q, nil)
	if body["errors"] != nil {
		t.Fatalf("after restore: %v", body)
	}
	// 102 requested, 2 actual (no customers): 100 refunded.
	if got := dig(body, "extensions", "cost", "throttleStatus", "currentlyAvailable"); got != 100.0 {
		t.Errorf("available after refund = %v, want 100", got)
	}
	if e.Stats().Throttled != 1 {
		t.Errorf("stats = %+v", e.Stats())
	}
}

func TestPlansHaveTheirBuckets(t *testing.T) {
	e, _ := newEmulator(t)
	for _, rate := range []float64{100, 200, 1000, 2000} {
		domain := fmt.Sprintf("plan-%d.myshopify.com", int(rate))
		e.AddShop(domain, shopifytest.ShopOptions{RestoreRate: rate})
		_, body := gql(t, e, domain, e.InstallApp(domain, false).AccessToken, `{ shop { name } }`, nil)
		ts := dig(body, "extensions", "cost", "throttleStatus")
		if dig(ts, "restoreRate") != rate || dig(ts, "maximumAvailable") != 20*rate {
			t.Errorf("rate %v: %v", rate, ts)
		}
	}
}
