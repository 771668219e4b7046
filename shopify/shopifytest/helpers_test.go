package shopifytest_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

const testShop = "lethe-demo.myshopify.com"

var t0 = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

// post sends a request to the emulator for shop (Host header) and decodes
// the JSON answer.
func post(t *testing.T, e *shopifytest.Emulator, shop, path string, header map[string]string, body any) (int, map[string]any) {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case string:
		rd = bytes.NewBufferString(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(http.MethodPost, e.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = shop
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("status %d, body not JSON: %s", resp.StatusCode, raw)
	}
	return resp.StatusCode, out
}

// gql posts a GraphQL document with a token.
func gql(t *testing.T, e *shopifytest.Emulator, shop, token, query string, vars map[string]any) (int, map[string]any) {
	t.Helper()
	return post(t, e, shop, "/admin/api/2026-10/graphql.json",
		map[string]string{"X-Shopify-Access-Token": token},
		map[string]any{"query": query, "variables": vars})
}

// dig walks a decoded JSON value by keys and indexes.
func dig(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			l, _ := v.([]any)
			if k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}

// newEmulator starts an emulator on a manual clock with one seeded shop.
func newEmulator(t *testing.T) (*shopifytest.Emulator, *shopifytest.Clock) {
	t.Helper()
	clock := shopifytest.NewClock(t0)
	e := shopifytest.Start(t, shopifytest.Options{Now: clock.Now})
	e.AddShop(testShop, shopifytest.ShopOptions{Name: "Lethe Demo", Timezone: "Europe/Berlin", Country: "DE", Address1: "Unter den Linden 1", Zip: "10115", City: "Berlin"})
	return e, clock
}

func doJSON(t *testing.T, req *http.Request) (int, map[string]any) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("status %d, body not JSON: %s", resp.StatusCode, raw)
	}
	return resp.StatusCode, out
}
