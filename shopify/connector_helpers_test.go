package shopify_test

import (
	"bytes"
	"encoding/json"
	"io"
	"math/big"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/shopify/admin"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

const discoveryShop = "beispiel-shop.myshopify.com"

var discoveryT0 = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

// costMeter is an http.RoundTripper that adds up extensions.cost of every
// GraphQL answer: the actual cost Shopify charged and the largest
// requested cost of a single query.
type costMeter struct {
	base http.RoundTripper

	mu            sync.Mutex
	requests      int
	actual        int
	maxRequested  int
	requestedCost int
}

func (m *costMeter) RoundTrip(r *http.Request) (*http.Response, error) {
	base := m.base
	if base == nil {
		base = http.DefaultTransport
	}
	resp, err := base.RoundTrip(r)
	if err != nil {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return resp, err
	}
	var env struct {
		Extensions struct {
			Cost *admin.Cost `json:"cost"`
		} `json:"extensions"`
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.requests++
	if json.Unmarshal(body, &env) == nil && env.Extensions.Cost != nil {
		c := env.Extensions.Cost
		if c.ActualQueryCost != nil {
			m.actual += *c.ActualQueryCost
		}
		m.requestedCost += c.RequestedQueryCost
		m.maxRequested = max(m.maxRequested, c.RequestedQueryCost)
	}
	return resp, nil
}

func (m *costMeter) totals() (requests, actual, maxRequested int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.requests, m.actual, m.maxRequested
}

// discoveryFixture is an emulator with one installed shop and a client
// reading it through a cost meter.
type discoveryFixture struct {
	e     *shopifytest.Emulator
	clock admin.Clock
	token string
	meter *costMeter
	shop  *store.Shop
}

// newDiscoveryFixture starts the emulator; clock nil means the wall clock
// (benchmarks), otherwise a fake clock that advances when slept on.
func newDiscoveryFixture(t testing.TB, opts shopifytest.ShopOptions, clock *shopifytest.Clock) *discoveryFixture {
	t.Helper()
	eo := shopifytest.Options{}
	f := &discoveryFixture{meter: &costMeter{}}
	if clock != nil {
		eo.Now, f.clock = clock.Now, clock
	}
	f.e = shopifytest.Start(t, eo)
	f.e.AddShop(discoveryShop, opts)
	f.token = f.e.InstallApp(discoveryShop, false).AccessToken
	f.shop = &store.Shop{
		ID: 1, Platform: "shopify", Domain: discoveryShop, Name: "Beispiel Shop GmbH", Status: store.ShopActive,
		Country: "DE", Region: "BE", Timezone: "Europe/Berlin",
		Address: `{"address1":"Hauptstraße 1","zip":"10115","city":"Berlin","country":"Germany","countryCodeV2":"DE"}`,
	}
	return f
}

func (f *discoveryFixture) client(t testing.TB) *admin.Client {
	t.Helper()
	c, err := admin.New(admin.Config{
		Shop: discoveryShop, Tokens: admin.StaticToken(f.token), APIOrigin: f.e.URL,
		Clock: f.clock, HTTPClient: &http.Client{Transport: f.meter, Timeout: 30 * time.Second},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func discDec(s string) *big.Rat {
	r, _ := new(big.Rat).SetString(s)
	return r
}

func discRatInt(n int) *big.Rat { return new(big.Rat).SetInt64(int64(n)) }
