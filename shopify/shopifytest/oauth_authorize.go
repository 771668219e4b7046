package shopifytest

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// AuthorizeRequest records a merchant's visit to /admin/oauth/authorize.
type AuthorizeRequest struct {
	Shop        string
	ClientID    string
	Scope       string
	RedirectURI string
	State       string
	PerUser     bool
	At          time.Time
}

// AuthorizeRequests returns the authorize requests seen so far.
func (e *Emulator) AuthorizeRequests() []AuthorizeRequest {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]AuthorizeRequest(nil), e.auths...)
}

// handleAuthorize serves GET /admin/oauth/authorize: the merchant approves at
// once and is redirected to redirect_uri with code, hmac, host, shop, state
// and timestamp, signed with the app secret.
func (e *Emulator) handleAuthorize(w http.ResponseWriter, r *http.Request, sh *shop) {
	q := r.URL.Query()
	if q.Get("client_id") != e.app.ClientID {
		oauthError(w, "invalid_request", "The client_id is not an app.")
		return
	}
	redirect, err := url.Parse(q.Get("redirect_uri"))
	if err != nil || (redirect.Scheme != "https" && redirect.Scheme != "http") || redirect.Host == "" {
		oauthError(w, "invalid_request", "The redirect_uri is missing or not an absolute URL.")
		return
	}
	scope := strings.ReplaceAll(q.Get("scope"), " ", "")
	if scope == "" {
		scope = e.app.Scopes
	}
	e.mu.Lock()
	now := e.now()
	e.auths = append(e.auths, AuthorizeRequest{
		Shop: sh.domain, ClientID: q.Get("client_id"), Scope: scope,
		RedirectURI: q.Get("redirect_uri"), State: q.Get("state"),
		PerUser: q.Get("grant_options[]") == "per-user", At: now,
	})
	code := e.tokens.newCode(now, sh.domain, scope)
	e.mu.Unlock()

	label, _, _ := strings.Cut(sh.domain, ".")
	params := url.Values{
		"code":      {code},
		"host":      {base64.RawURLEncoding.EncodeToString([]byte("admin.shopify.com/store/" + label))},
		"shop":      {sh.domain},
		"state":     {q.Get("state")},
		"timestamp": {strconv.FormatInt(now.Unix(), 10)},
	}
	redirect.RawQuery = SignedQuery(params, e.app.ClientSecret)
	http.Redirect(w, r, redirect.String(), http.StatusFound)
}
