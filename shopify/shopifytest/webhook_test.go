package shopifytest_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

func TestSendWebhookSignsAndSetsHeaders(t *testing.T) {
	type got struct {
		h    http.Header
		body []byte
	}
	ch := make(chan got, 2)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		ch <- got{r.Header.Clone(), b}
	}))
	defer srv.Close()
	payload := shopifytest.DataRequest(954889, "x.myshopify.com", shopifytest.WebhookCustomer{ID: 191167, Email: "john@example.com", Phone: "555-625-1199"}, []int64{299938, 280263}, 9999)
	for i := 0; i < 2; i++ {
		resp, err := shopifytest.SendWebhook(context.Background(), srv.URL, shopifytest.TopicCustomersDataRequest, "x.myshopify.com", payload, "s3cret")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	a, b := <-ch, <-ch
	want := `{"shop_id":954889,"shop_domain":"x.myshopify.com","orders_requested":[299938,280263],"customer":{"id":191167,"email":"john@example.com","phone":"555-625-1199"},"data_request":{"id":9999}}`
	if string(a.body) != want {
		t.Errorf("body\n got %s\nwant %s", a.body, want)
	}
	if a.h.Get("X-Shopify-Hmac-Sha256") != shopifytest.WebhookHMAC(a.body, "s3cret") {
		t.Error("bad hmac")
	}
	for _, h := range []string{"X-Shopify-Topic", "X-Shopify-Shop-Domain", "X-Shopify-API-Version", "X-Shopify-Webhook-Id", "X-Shopify-Event-Id", "X-Shopify-Triggered-At"} {
		if a.h.Get(h) == "" {
			t.Errorf("header %s missing", h)
		}
	}
	if a.h.Get("X-Shopify-Topic") != "customers/data_request" || a.h.Get("X-Shopify-API-Version") != "2026-10" {
		t.Errorf("headers = %v", a.h)
	}
	if a.h.Get("X-Shopify-Webhook-Id") == b.h.Get("X-Shopify-Webhook-Id") {
		t.Error("webhook ids must be unique per delivery")
	}
}

func TestWebhookPayloadShapes(t *testing.T) {
	cust := shopifytest.WebhookCustomer{ID: 191167, Email: "john@example.com", Phone: "555-625-1199"}
	tests := []struct {
		payload any
		want    string
	}{
		{shopifytest.CustomersRedact(954889, "x.myshopify.com", cust, []int64{299938, 280263}),
			`{"shop_id":954889,"shop_domain":"x.myshopify.com","customer":{"id":191167,"email":"john@example.com","phone":"555-625-1199"},"orders_to_redact":[299938,280263]}`},
		{shopifytest.CustomersRedact(1, "x.myshopify.com", shopifytest.WebhookCustomer{ID: 5, Email: "only@mail.de"}, nil),
			`{"shop_id":1,"shop_domain":"x.myshopify.com","customer":{"id":5,"email":"only@mail.de"},"orders_to_redact":[]}`},
		{shopifytest.ShopRedact(954889, "x.myshopify.com"), `{"shop_id":954889,"shop_domain":"x.myshopify.com"}`},
	}
	for _, tt := range tests {
		if got := mustJSON(tt.payload); got != tt.want {
			t.Errorf("got  %s\nwant %s", got, tt.want)
		}
	}
	e, _ := newEmulator(t)
	var m map[string]any
	_ = json.Unmarshal([]byte(mustJSON(e.AppUninstalled(testShop))), &m)
	if m["myshopify_domain"] != testShop || m["id"] != float64(e.ShopID(testShop)) {
		t.Errorf("app/uninstalled = %v", m)
	}
}

func TestSignQueryKnownVector(t *testing.T) {
	// The example of Shopify's OAuth documentation.
	q, _ := url.ParseQuery("code=0907a61c0c8d55e99db179b68161bc00&shop=some-shop.myshopify.com&state=0.6784241404160823&timestamp=1337178173")
	if got := shopifytest.SignQuery(q, "hush"); got != "700e2dadb827fcc8609e9d5ce208b2e9cdaab9df07390d2cbca10d7c328fc4bf" {
		t.Errorf("hmac = %s", got)
	}
}

func TestSessionTokenClaims(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	raw := shopifytest.SessionToken(testShop, "key", "secret", now)
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(raw, claims, func(*jwt.Token) (any, error) { return []byte("secret"), nil },
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithTimeFunc(func() time.Time { return now }), jwt.WithAudience("key"))
	if err != nil {
		t.Fatal(err)
	}
	if claims["iss"] != "https://"+testShop+"/admin" || claims["dest"] != "https://"+testShop || claims["exp"] != float64(now.Unix()+60) || claims["sid"] == nil || claims["jti"] == nil {
		t.Errorf("claims = %v", claims)
	}
}
