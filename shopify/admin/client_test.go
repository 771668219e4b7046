package admin_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/lethe-gdpr/lethe/shopify/admin"
	"github.com/lethe-gdpr/lethe/shopify/schema"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

func TestHostOverrideReachesEachShop(t *testing.T) {
	e, err := shopifytest.New(shopifytest.Options{Schema: schema.ForTest(t)})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var hosts []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hosts = append(hosts, r.Host)
		mu.Unlock()
		e.ServeHTTP(w, r)
	}))
	defer srv.Close()
	for _, s := range []struct{ domain, name string }{{"alpha-goods.myshopify.com", "Alpha"}, {"beta-wares.myshopify.com", "Beta"}} {
		e.AddShop(s.domain, shopifytest.ShopOptions{Name: s.name, Timezone: "Europe/Vienna", Country: "AT", Province: "9"})
		tok := e.InstallApp(s.domain, false).AccessToken
		c, err := admin.New(admin.Config{Shop: s.domain, Tokens: admin.StaticToken(tok), APIOrigin: srv.URL + "/"})
		if err != nil {
			t.Fatal(err)
		}
		shop, err := c.Shop(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if shop.Name != s.name || shop.MyshopifyDomain != s.domain || shop.IanaTimezone != "Europe/Vienna" || shop.Address.CountryCode != "AT" || shop.Address.ProvinceCode != "" { // Austria has no provinces in Shopify
			t.Errorf("shop = %+v", shop)
		}
	}
	if len(hosts) != 2 || hosts[0] != "alpha-goods.myshopify.com" || hosts[1] != "beta-wares.myshopify.com" {
		t.Errorf("hosts seen = %v", hosts)
	}
}

func TestNewRejectsBadShop(t *testing.T) {
	for _, shop := range []string{"", "evil.com", "a.myshopify.com.evil.com", "-x.myshopify.com"} {
		if _, err := admin.New(admin.Config{Shop: shop, Tokens: admin.StaticToken("t")}); err == nil {
			t.Errorf("New(%q) accepted", shop)
		}
	}
}

func TestUnauthorizedMapsToErrUnauthorized(t *testing.T) {
	f := setup(t, true, shopifytest.ShopOptions{})
	c := f.client(t, nil)
	ctx := context.Background()
	if _, err := c.Shop(ctx); err != nil {
		t.Fatal(err)
	}
	f.e.RevokeTokens(shopA)
	_, err := c.Shop(ctx)
	var he *admin.HTTPError
	if !errors.Is(err, admin.ErrUnauthorized) || !errors.As(err, &he) || he.StatusCode != 401 {
		t.Fatalf("err = %v, want ErrUnauthorized", err)
	}
	if f.e.Stats().Unauthorized != 1 {
		t.Errorf("401 was retried: %+v", f.e.Stats())
	}
}

func TestUninstalledShopIsUnauthorized(t *testing.T) {
	f := setup(t, true, shopifytest.ShopOptions{})
	f.e.Uninstall(shopA)
	if _, err := f.client(t, nil).Shop(context.Background()); !errors.Is(err, admin.ErrUnauthorized) {
		t.Fatalf("err = %v", err)
	}
}

func TestServerErrorsAreRetriedWithBackoff(t *testing.T) {
	f := setup(t, true, shopifytest.ShopOptions{})
	f.e.FailNext(shopifytest.FaultServerError, shopifytest.FaultTooManyRequests, shopifytest.FaultBadGateway)
	if _, err := f.client(t, nil).Shop(context.Background()); err != nil {
		t.Fatal(err)
	}
	// 500 → 1 s backoff, 429 → Retry-After 1.0, 502 → third retry, 4 s backoff.
	if got, want := f.clock.Slept().Seconds(), 6.0; got != want {
		t.Errorf("slept %vs, want %vs", got, want)
	}
}

func TestServerErrorsAreBounded(t *testing.T) {
	f := setup(t, true, shopifytest.ShopOptions{})
	f.e.FailNext(shopifytest.FaultServerError, shopifytest.FaultServerError, shopifytest.FaultServerError, shopifytest.FaultServerError, shopifytest.FaultServerError)
	_, err := f.client(t, nil).Shop(context.Background())
	var he *admin.HTTPError
	if !errors.As(err, &he) || he.StatusCode != 500 {
		t.Fatalf("err = %v", err)
	}
	if got := f.e.Stats().Injected; got != 4 {
		t.Errorf("attempts = %d, want 4 (1 + MaxRetries 3)", got)
	}
}

func TestGraphQLErrorsAreTyped(t *testing.T) {
	f := setup(t, true, shopifytest.ShopOptions{})
	c := f.client(t, nil)
	ctx := context.Background()
	err := c.Do(ctx, `query { shop { nam } }`, nil, nil)
	var ge *admin.GraphQLError
	if !errors.As(err, &ge) || !ge.HasCode("undefinedField") {
		t.Fatalf("err = %v", err)
	}
	err = c.Do(ctx, `query { customers(first: 250) { nodes { orders(first: 250) { nodes { id } } } } }`, nil, nil)
	if !errors.Is(err, admin.ErrMaxCostExceeded) {
		t.Fatalf("err = %v, want ErrMaxCostExceeded", err)
	}
	f.e.FailNext(shopifytest.FaultInternalError)
	if err := c.Do(ctx, admin.QueryShop, nil, nil); !errors.As(err, &ge) || !ge.HasCode("INTERNAL_SERVER_ERROR") {
		t.Fatalf("err = %v", err)
	}
}
