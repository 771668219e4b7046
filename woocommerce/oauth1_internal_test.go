package woocommerce

import (
	"net/url"
	"testing"
)

// The vector was computed apart from this code (Python, following
// WC_REST_Authentication::check_oauth_signature): names sorted, names and
// values encoded once with rawurlencode, joined with %3D and %26.
func TestSignatureBaseMatchesWooCommerce(t *testing.T) {
	q := url.Values{
		"email": {"anna.schmidt+shop@example.de"}, "role": {"all"}, "per_page": {"100"},
		"oauth_consumer_key": {"ck_test"}, "oauth_timestamp": {"1700000000"}, "oauth_nonce": {"abc123"},
		"oauth_signature_method": {"HMAC-SHA256"}, "oauth_signature": {"ignored"},
	}
	const want = "GET&http%3A%2F%2Fshop.example%2Fwp-json%2Fwc%2Fv3%2Fcustomers&email%3Danna.schmidt%2Bshop%40example.de%26oauth_consumer_key%3Dck_test%26oauth_nonce%3Dabc123%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1700000000%26per_page%3D100%26role%3Dall"
	if got := signatureBase("get", "http://shop.example/wp-json/wc/v3/customers", q); got != want {
		t.Fatalf("base string\n got %s\nwant %s", got, want)
	}
}
