package wctest

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"hash"
	"sort"
	"strings"
)

// rawurlencode is PHP's rawurlencode (RFC 3986: only A-Z a-z 0-9 - _ . ~
// stay as they are), which wc_rest_urlencode_rfc3986 uses.
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

// oauthBaseString builds the string WooCommerce signs
// (WC_REST_Authentication::check_oauth_signature): parameters sorted by
// their raw names, names and values encoded once (not twice as RFC 5849
// says), joined with %3D and %26.
func oauthBaseString(method, baseURL string, params map[string]string) string {
	names := make([]string, 0, len(params))
	for k := range params {
		if k != "oauth_signature" {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, k := range names {
		parts[i] = rawurlencode(k) + "%3D" + rawurlencode(params[k])
	}
	return strings.ToUpper(method) + "&" + rawurlencode(baseURL) + "&" + strings.Join(parts, "%26")
}

func oauthSign(method, secret, base string) (string, bool) {
	var h func() hash.Hash
	switch method {
	case "HMAC-SHA1":
		h = sha1.New
	case "HMAC-SHA256":
		h = sha256.New
	default:
		return "", false
	}
	m := hmac.New(h, []byte(secret+"&"))
	m.Write([]byte(base))
	return base64.StdEncoding.EncodeToString(m.Sum(nil)), true
}
