//lint:file-ignore ST1005 the messages are WooCommerce's own (WC_Auth), as the store shows them
package wctest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
)

// AuthRequest is one wc-auth approval as the store saw it.
type AuthRequest struct {
	AppName, Scope, UserID, ReturnURL, CallbackURL string
	// CallbackStatus is what callback_url answered (0: not reached).
	CallbackStatus int
	// KeyKept is true when the key survived (the callback answered 200).
	KeyKept bool
}

// AuthResult is where the store sends the merchant's browser.
type AuthResult struct {
	Status   int    // 302 on success and denial, 401 on errors (wp_die)
	Location string // return_url?success=1|0&user_id=… on a redirect
	Body     string // the error page otherwise
}

// AuthRequests lists the approvals made so far.
func (e *Emulator) AuthRequests() []AuthRequest {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]AuthRequest(nil), e.auths...)
}

type authParams struct{ appName, scope, userID, returnURL, callbackURL string }

// validateAuth is WC_Auth::make_validation.
func validateAuth(q url.Values) (authParams, error) {
	p := authParams{q.Get("app_name"), q.Get("scope"), q.Get("user_id"), q.Get("return_url"), q.Get("callback_url")}
	for _, f := range []struct{ name, v string }{{"app_name", p.appName}, {"user_id", p.userID}, {"return_url", p.returnURL}, {"callback_url", p.callbackURL}, {"scope", p.scope}} {
		if f.v == "" {
			return p, fmt.Errorf("Missing parameter %s", f.name)
		}
	}
	if p.scope != "read" && p.scope != "write" && p.scope != "read_write" {
		return p, fmt.Errorf("Invalid scope %s", p.scope)
	}
	for _, u := range []string{p.returnURL, p.callbackURL} {
		pu, err := url.Parse(u)
		if err != nil || pu.Scheme == "" || pu.Host == "" {
			return p, fmt.Errorf("The %s is not a valid URL", u)
		}
	}
	if !strings.HasPrefix(strings.ToLower(p.callbackURL), "https://") {
		return p, fmt.Errorf("The callback_url needs to be over SSL")
	}
	return p, nil
}

func addQuery(raw string, kv ...string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	q := u.Query()
	for i := 0; i+1 < len(kv); i += 2 {
		q.Set(kv[i], kv[i+1])
	}
	u.RawQuery = q.Encode()
	return u.String()
}

func wpDie(w http.ResponseWriter, msg string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusUnauthorized)
	fmt.Fprintf(w, "<!DOCTYPE html><html><head><title>Access denied</title></head><body id=\"error-page\"><div class=\"wp-die-message\">Error: %s.</div></body></html>", html.EscapeString(msg))
}

func (e *Emulator) serveWCAuth(w http.ResponseWriter, r *http.Request, route string) {
	q := r.URL.Query()
	p, err := validateAuth(q)
	if err != nil {
		wpDie(w, err.Error())
		return
	}
	switch route {
	case "authorize":
		nonce := randHex(5)
		e.mu.Lock()
		e.nonces["wc_auth\x00"+nonce] = e.now()
		e.mu.Unlock()
		grant := "/wc-auth/v1/access_granted?" + addQuery("?"+q.Encode(), "wc_auth_nonce", nonce)[1:]
		deny := addQuery(p.returnURL, "success", "0", "user_id", p.userID)
		scope := map[string]string{"read": "View", "write": "Create", "read_write": "View and manage"}[p.scope]
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!DOCTYPE html><html lang="de"><head><title>Application authentication request</title></head><body>
<h1>%s would like to connect to your store</h1><p>This will give "%s" %s access which will allow it to: %s customers, orders, products, coupons, reports</p>
<p>Logged in as admin</p><p><a class="button wc-auth-approve" href="%s">Approve</a> <a class="button wc-auth-deny" href="%s">Deny</a></p></body></html>`,
			html.EscapeString(p.appName), html.EscapeString(p.appName), html.EscapeString(strings.ReplaceAll(p.scope, "_", "/")), scope,
			html.EscapeString(grant), html.EscapeString(deny))
	case "access_granted":
		e.mu.Lock()
		nk := "wc_auth\x00" + q.Get("wc_auth_nonce")
		_, ok := e.nonces[nk]
		delete(e.nonces, nk)
		e.mu.Unlock()
		if !ok {
			w.WriteHeader(http.StatusForbidden)
			_, _ = w.Write([]byte("The link you followed has expired."))
			return
		}
		e.grant(w, p)
	default:
		w.WriteHeader(http.StatusNotFound)
	}
}

// grant creates the key, posts it to callback_url and keeps it only when
// the callback answers exactly 200 (WC_Auth::post_consumer_data).
func (e *Emulator) grant(w http.ResponseWriter, p authParams) {
	e.mu.Lock()
	desc := fmt.Sprintf("%s - API (%s)", p.appName, e.now().UTC().Format("2006-01-02 15:04:05"))
	k := e.newKey(e.settings.AdminUserID, desc, p.scope)
	e.mu.Unlock()
	body, _ := json.Marshal(map[string]any{
		"key_id": k.KeyID, "user_id": p.userID, "consumer_key": k.Key,
		"consumer_secret": k.Secret, "key_permissions": k.Permissions,
	})
	rec := AuthRequest{AppName: p.appName, Scope: p.scope, UserID: p.userID, ReturnURL: p.returnURL, CallbackURL: p.callbackURL}
	resp, err := e.callback.Post(p.callbackURL, "application/json;charset=UTF-8", bytes.NewReader(body))
	if err == nil {
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		rec.CallbackStatus = resp.StatusCode
	}
	e.mu.Lock()
	rec.KeyKept = err == nil && resp.StatusCode == http.StatusOK
	if !rec.KeyKept {
		delete(e.keys, k.Key)
	}
	e.auths = append(e.auths, rec)
	e.mu.Unlock()
	if err != nil {
		wpDie(w, err.Error())
		return
	}
	if !rec.KeyKept {
		wpDie(w, "An error occurred in the request and at the time were unable to send the consumer data")
		return
	}
	w.Header().Set("Location", addQuery(p.returnURL, "success", "1", "user_id", p.userID))
	w.WriteHeader(http.StatusFound)
}

// Approve plays the logged-in administrator who opens authorizeURL (the
// /wc-auth/v1/authorize URL an app redirects to) and clicks Approve.
func (e *Emulator) Approve(authorizeURL string) AuthResult {
	page := e.visit(authorizeURL)
	if page.Status != http.StatusOK {
		return page
	}
	href := between(page.Body, `class="button wc-auth-approve" href="`, `"`)
	return e.visit(html.UnescapeString(href))
}

// Deny plays the administrator clicking Deny.
func (e *Emulator) Deny(authorizeURL string) AuthResult {
	page := e.visit(authorizeURL)
	if page.Status != http.StatusOK {
		return page
	}
	href := html.UnescapeString(between(page.Body, `class="button wc-auth-deny" href="`, `"`))
	return AuthResult{Status: http.StatusFound, Location: href}
}

func (e *Emulator) visit(raw string) AuthResult {
	u, err := url.Parse(raw)
	if err != nil {
		return AuthResult{Status: http.StatusBadRequest, Body: err.Error()}
	}
	req := httptest.NewRequest(http.MethodGet, u.RequestURI(), nil)
	rr := httptest.NewRecorder()
	e.ServeHTTP(rr, req)
	return AuthResult{Status: rr.Code, Location: rr.Header().Get("Location"), Body: rr.Body.String()}
}

func between(s, a, b string) string {
	i := strings.Index(s, a)
	if i < 0 {
		return ""
	}
	s = s[i+len(a):]
	if j := strings.Index(s, b); j >= 0 {
		return s[:j]
	}
	return s
}
