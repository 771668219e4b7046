package woocommerce

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// rawurlencode is PHP's rawurlencode: RFC 3986, only A-Z a-z 0-9 - _ . ~
// unescaped.
func rawurlencode(s string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
	}
	return b.String()
}

// signatureBase is the string WooCommerce signs: method, the encoded URL
// without query, and the parameters sorted by name, each name and value
// encoded ONCE and joined with %3D and %26. (RFC 5849 would encode the
// values twice; WooCommerce does not, so a standard OAuth library fails on
// values such as e-mail addresses.)
func signatureBase(method, baseURL string, params url.Values) string {
	names := make([]string, 0, len(params))
	for k := range params {
		if k != "oauth_signature" {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, k := range names {
		parts[i] = rawurlencode(k) + "%3D" + rawurlencode(params.Get(k))
	}
	return strings.ToUpper(method) + "&" + rawurlencode(baseURL) + "&" + strings.Join(parts, "%26")
}

// signOAuth adds oauth_* parameters and an HMAC-SHA256 signature to q for a
// request to baseURL (scheme, host and path).
func signOAuth(method, baseURL string, q url.Values, key, secret string, now time.Time) {
	nonce := make([]byte, 16)
	_, _ = rand.Read(nonce)
	q.Set("oauth_consumer_key", key)
	q.Set("oauth_timestamp", strconv.FormatInt(now.Unix(), 10))
	q.Set("oauth_nonce", hex.EncodeToString(nonce))
	q.Set("oauth_signature_method", "HMAC-SHA256")
	q.Del("oauth_signature")
	m := hmac.New(sha256.New, []byte(secret+"&"))
	m.Write([]byte(signatureBase(method, baseURL, q)))
	q.Set("oauth_signature", base64.StdEncoding.EncodeToString(m.Sum(nil)))
}
