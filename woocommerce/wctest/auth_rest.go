package wctest

import (
	"crypto/subtle"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

const oauthWindow = 15 * time.Minute

// authenticate follows WC_REST_Authentication: Basic auth (or the
// consumer_key/consumer_secret query parameters) over HTTPS, OAuth 1.0a
// one-legged over HTTP. It returns the WordPress user the request acts as
// (0: not logged in) or an authentication error. e.mu is held.
func (e *Emulator) authenticate(r *http.Request) (int64, *wpError) {
	var k *apiKey
	var err *wpError
	if r.TLS != nil {
		k, err = e.basicAuth(r)
	} else {
		k, err = e.oauthAuth(r)
	}
	if err != nil || k == nil {
		return 0, err
	}
	if err := checkPermissions(r.Method, k.Permissions); err != nil {
		return 0, err
	}
	k.LastAccess = e.now()
	if _, ok := e.customers[k.UserID]; !ok {
		return 0, nil // the key's user was deleted: nobody is logged in
	}
	return k.UserID, nil
}

func (e *Emulator) basicAuth(r *http.Request) (*apiKey, *wpError) {
	ck, cs, ok := r.BasicAuth()
	if !ok {
		q := r.URL.Query()
		ck, cs = q.Get("consumer_key"), q.Get("consumer_secret")
	}
	if ck == "" || cs == "" {
		return nil, nil
	}
	k := e.keys[ck]
	if k == nil {
		return nil, nil // WooCommerce sets no error: the route's permission check answers
	}
	if subtle.ConstantTimeCompare([]byte(k.Secret), []byte(cs)) != 1 {
		return nil, errAuth("Consumer Secret is invalid.")
	}
	return k, nil
}

var oauthHeaderParam = regexp.MustCompile(`(oauth_[a-z_-]*)=(:?"([^"]*)"|([^,]*))`)

func (e *Emulator) oauthAuth(r *http.Request) (*apiKey, *wpError) {
	params := map[string]string{}
	for k, vs := range r.URL.Query() {
		params[k] = vs[0]
	}
	if h := strings.TrimSpace(r.Header.Get("Authorization")); strings.HasPrefix(h, "OAuth ") {
		for _, m := range oauthHeaderParam.FindAllStringSubmatch(h, -1) {
			v := m[3]
			if v == "" {
				v = m[4]
			}
			v, _ = url.QueryUnescape(v)
			params[m[1]] = v
		}
	}
	var missing []string
	have := false
	for _, n := range []string{"oauth_consumer_key", "oauth_timestamp", "oauth_nonce", "oauth_signature", "oauth_signature_method"} {
		if params[n] == "" {
			missing = append(missing, n)
		} else {
			have = true
		}
	}
	if !have {
		return nil, nil
	}
	if len(missing) > 0 {
		msg := "Missing OAuth parameter " + missing[0]
		if len(missing) > 1 {
			msg = "Missing OAuth parameters " + strings.Join(missing, ", ")
		}
		return nil, &wpError{Status: 401, Code: "woocommerce_rest_authentication_missing_parameter", Message: msg}
	}
	k := e.keys[params["oauth_consumer_key"]]
	if k == nil {
		return nil, errAuth("Consumer Key is invalid.")
	}
	given, err := url.PathUnescape(params["oauth_signature"])
	if err != nil {
		given = params["oauth_signature"]
	}
	base := oauthBaseString(r.Method, "http://"+r.Host+r.URL.Path, params)
	want, ok := oauthSign(params["oauth_signature_method"], k.Secret, base)
	if !ok {
		return nil, errAuth("Invalid Signature - signature method is invalid.")
	}
	if subtle.ConstantTimeCompare([]byte(want), []byte(given)) != 1 {
		return nil, errAuth("Invalid Signature - provided signature does not match.")
	}
	ts, perr := strconv.ParseInt(params["oauth_timestamp"], 10, 64)
	now := e.now()
	if perr != nil || time.Unix(ts, 0).Before(now.Add(-oauthWindow)) || time.Unix(ts, 0).After(now.Add(oauthWindow)) {
		return nil, errAuth("Invalid timestamp.")
	}
	for n, at := range e.nonces {
		if at.Before(now.Add(-oauthWindow)) {
			delete(e.nonces, n)
		}
	}
	nonceKey := k.Key + "\x00" + params["oauth_nonce"]
	if _, used := e.nonces[nonceKey]; used {
		return nil, errAuth("Invalid nonce - nonce has already been used.")
	}
	e.nonces[nonceKey] = time.Unix(ts, 0)
	return k, nil
}

func checkPermissions(method, perms string) *wpError {
	switch method {
	case http.MethodGet, http.MethodHead:
		if perms != "read" && perms != "read_write" {
			return errAuth("The API key provided does not have read permissions.")
		}
	case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
		if perms != "write" && perms != "read_write" {
			return errAuth("The API key provided does not have write permissions.")
		}
	}
	return nil
}
