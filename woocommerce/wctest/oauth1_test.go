package wctest

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestOAuthSignatureVector(t *testing.T) {
	p := map[string]string{
		"email": "anna.schmidt+shop@example.de", "role": "all", "per_page": "100",
		"oauth_consumer_key": "ck_test", "oauth_timestamp": "1700000000", "oauth_nonce": "abc123",
		"oauth_signature_method": "HMAC-SHA256",
	}
	sig, ok := oauthSign("HMAC-SHA256", "cs_secret", oauthBaseString("GET", "http://shop.example/wp-json/wc/v3/customers", p))
	if !ok || sig != "7inCti3Q4qCT3vwKJmXd7Or/AH90BtFPY/JXz8z4AKA=" {
		t.Fatalf("signature %q", sig)
	}
}

func TestOAuthNonceReused(t *testing.T) {
	e := New(Options{})
	k := e.CreateKey("read")
	q := url.Values{"oauth_consumer_key": {k.ConsumerKey}, "oauth_timestamp": {strconv.FormatInt(time.Now().Unix(), 10)},
		"oauth_nonce": {"n1"}, "oauth_signature_method": {"HMAC-SHA1"}}
	p := map[string]string{}
	for k, v := range q {
		p[k] = v[0]
	}
	sig, _ := oauthSign("HMAC-SHA1", k.ConsumerSecret, oauthBaseString("GET", "http://shop.example/wp-json/wc/v3/customers", p))
	q.Set("oauth_signature", sig)
	var codes []int
	for i := 0; i < 2; i++ {
		rr := httptest.NewRecorder()
		e.ServeHTTP(rr, httptest.NewRequest(http.MethodGet, "http://shop.example/wp-json/wc/v3/customers?"+q.Encode(), nil))
		codes = append(codes, rr.Code)
	}
	if codes[0] != 200 || codes[1] != 401 {
		t.Fatalf("codes %v, want 200 then 401 (nonce already used)", codes)
	}
	q.Del("oauth_nonce")
	rr := httptest.NewRecorder()
	e.ServeHTTP(rr, httptest.NewRequest(http.MethodGet, "http://shop.example/wp-json/wc/v3/customers?"+q.Encode(), nil))
	if rr.Code != 401 || !contains(rr.Body.String(), "woocommerce_rest_authentication_missing_parameter") {
		t.Fatalf("missing nonce: %d %s", rr.Code, rr.Body)
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
