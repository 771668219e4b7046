package shopifytest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"sort"
	"strings"
)

// SignQuery returns the hex HMAC-SHA256 Shopify puts in the hmac parameter of
// install and redirect URLs: over the other parameters (hmac and signature
// excluded) sorted by key, written k=v and joined by &, keyed with the app
// secret. Repeated keys are joined by commas.
func SignQuery(params url.Values, secret string) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		if k == "hmac" || k == "signature" {
			continue
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+"="+strings.Join(params[k], ","))
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(strings.Join(parts, "&")))
	return hex.EncodeToString(mac.Sum(nil))
}

// SignedQuery adds hmac to params and returns the encoded query string.
func SignedQuery(params url.Values, secret string) string {
	q := url.Values{}
	for k, v := range params {
		q[k] = append([]string(nil), v...)
	}
	q.Set("hmac", SignQuery(params, secret))
	return q.Encode()
}
