package shopify

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"

	goshopify "github.com/bold-commerce/go-shopify/v4"
)

var shopDomainRE = regexp.MustCompile(`^[a-zA-Z0-9][a-zA-Z0-9-]*\.myshopify\.com$`)

// ValidShopDomain reports whether s is a myshopify.com shop domain.
func ValidShopDomain(s string) bool { return shopDomainRE.MatchString(s) }

// VerifyWebhook checks the X-Shopify-Hmac-Sha256 header: base64 of
// HMAC-SHA256 over the raw body with the app secret, compared in constant
// time by go-shopify. The caller caps the body first: go-shopify reads
// whatever it is given.
func VerifyWebhook(body []byte, header, secret string) bool {
	if header == "" || secret == "" {
		return false
	}
	r := &http.Request{Header: http.Header{"X-Shopify-Hmac-Sha256": {header}}, Body: io.NopCloser(bytes.NewReader(body))}
	return goshopify.App{ApiSecret: secret}.VerifyWebhookRequest(r)
}

// SignWebhook is the header value Shopify sends for body.
func SignWebhook(body []byte, secret string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// VerifyQuery checks the hex `hmac` parameter of an install or callback
// request: HMAC-SHA256 over the other parameters sorted as k=v joined by &.
// The message is built here in Shopify's canonical form (go-shopify's
// VerifyAuthorizationURL re-encodes the query, which differs for repeated
// keys and escaped characters); go-shopify compares in constant time.
func VerifyQuery(q url.Values, secret string) bool {
	want := q.Get("hmac")
	if want == "" || secret == "" || len(q["hmac"]) != 1 {
		return false
	}
	return goshopify.App{ApiSecret: secret}.VerifyMessage(queryMessage(q), want)
}

// SignQuery returns the hex hmac for q (without its own hmac).
func SignQuery(q url.Values, secret string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(queryMessage(q)))
	return hex.EncodeToString(m.Sum(nil))
}

// queryMessage is Shopify's canonical form: every parameter but hmac (and
// the legacy signature), sorted by key, values of repeated keys joined as
// ["a", "b"] the way Shopify's libraries do, k=v joined by &.
func queryMessage(q url.Values) string {
	keys := make([]string, 0, len(q))
	for k := range q {
		if k != "hmac" && k != "signature" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		v := q[k]
		val := strings.Join(v, "") // a key without values (url.Values built by code) signs as k=
		if len(v) > 1 {
			val = `["` + strings.Join(v, `", "`) + `"]`
		}
		parts = append(parts, k+"="+val)
	}
	return strings.Join(parts, "&")
}
