package shopifytest

import (
	"crypto/subtle"
	"net/http"
)

// Grant and token type URNs of Shopify's token endpoint.
const (
	GrantTypeTokenExchange  = "urn:ietf:params:oauth:grant-type:token-exchange"
	GrantTypeRefreshToken   = "refresh_token"
	SubjectTokenTypeIDToken = "urn:ietf:params:oauth:token-type:id_token"
	TokenTypeOffline        = "urn:shopify:params:oauth:token-type:offline-access-token"
	TokenTypeOnline         = "urn:shopify:params:oauth:token-type:online-access-token"
)

// handleAccessToken serves POST /admin/oauth/access_token.
func (e *Emulator) handleAccessToken(w http.ResponseWriter, r *http.Request, sh *shop) {
	if r.Method != http.MethodPost {
		writeJSON(w, http.StatusMethodNotAllowed, map[string]any{"errors": "Method Not Allowed"})
		return
	}
	p, err := oauthParams(r)
	if err != nil {
		oauthError(w, "invalid_request", "The request body could not be parsed.")
		return
	}
	if p["client_id"] == "" || p["client_secret"] == "" {
		oauthError(w, "invalid_request", "Required parameter missing: client_id and client_secret.")
		return
	}
	if p["client_id"] != e.app.ClientID ||
		subtle.ConstantTimeCompare([]byte(p["client_secret"]), []byte(e.app.ClientSecret)) != 1 {
		oauthError(w, "invalid_client", "Client authentication failed: unknown client or wrong client secret.")
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	switch p["grant_type"] {
	case "", "authorization_code":
		e.grantCode(w, sh, p)
	case GrantTypeTokenExchange:
		e.grantExchange(w, sh, p)
	case GrantTypeRefreshToken:
		e.grantRefresh(w, sh, p)
	default:
		oauthError(w, "unsupported_grant_type", "The grant type is not supported.")
	}
}

func (e *Emulator) grantCode(w http.ResponseWriter, sh *shop, p map[string]string) {
	now := e.now()
	c := e.tokens.codes[p["code"]]
	if c == nil || c.used || c.shop != sh.domain || !now.Before(c.expiresAt) {
		oauthError(w, "invalid_request", "The authorization code was not found or was already used")
		return
	}
	c.used = true
	sh.installed = true
	e.grants.AuthorizationCode++
	at, rt := e.tokens.issue(now, sh.domain, c.scope, false, p["expiring"] == "1")
	writeJSON(w, http.StatusOK, tokenResponse(now, at, rt))
}

func (e *Emulator) grantExchange(w http.ResponseWriter, sh *shop, p map[string]string) {
	now := e.now()
	if p["subject_token_type"] != SubjectTokenTypeIDToken {
		oauthError(w, "invalid_request", "subject_token_type must be "+SubjectTokenTypeIDToken)
		return
	}
	claims, err := verifySessionToken(p["subject_token"], e.app.ClientID, e.app.ClientSecret, now)
	if err != nil || claims.shop != sh.domain {
		oauthError(w, "invalid_subject_token", "The subject token is invalid, expired or for another shop.")
		return
	}
	var online bool
	switch p["requested_token_type"] {
	case TokenTypeOffline, "":
	case TokenTypeOnline:
		online = true
	default:
		oauthError(w, "invalid_request", "requested_token_type is not supported.")
		return
	}
	sh.installed = true // Shopify managed installation installed it already
	e.grants.TokenExchange++
	at, rt := e.tokens.issue(now, sh.domain, e.app.Scopes, online, p["expiring"] == "1")
	resp := tokenResponse(now, at, rt)
	if online {
		resp["associated_user_scope"] = at.scope
		resp["associated_user"] = map[string]any{
			"id": claims.sub, "first_name": "Test", "last_name": "Merchant",
			"email": "owner@" + sh.domain, "email_verified": true,
			"account_owner": true, "locale": "en", "collaborator": false,
		}
	}
	writeJSON(w, http.StatusOK, resp)
}

func (e *Emulator) grantRefresh(w http.ResponseWriter, sh *shop, p map[string]string) {
	now := e.now()
	rt := e.tokens.refresh[p["refresh_token"]]
	if rt == nil || rt.revoked || rt.shop != sh.domain || !now.Before(rt.expiresAt) {
		oauthError(w, "invalid_grant", "The refresh token is invalid, expired or revoked.")
		return
	}
	if rt.spent {
		if rt.replacement.used || rt.replacement.revoked || rt.replacementR.spent {
			oauthError(w, "invalid_grant", "The refresh token was already used.")
			return
		}
		writeJSON(w, http.StatusOK, tokenResponse(now, rt.replacement, rt.replacementR))
		return
	}
	e.grants.Refresh++
	at, next := e.tokens.issue(now, sh.domain, rt.scope, false, true)
	rt.spent, rt.replacement, rt.replacementR = true, at, next
	writeJSON(w, http.StatusOK, tokenResponse(now, at, next))
}

func tokenResponse(now interface{ Unix() int64 }, at *accessToken, rt *refreshToken) map[string]any {
	resp := map[string]any{"access_token": at.value, "scope": at.scope}
	if !at.expiresAt.IsZero() {
		resp["expires_in"] = at.expiresAt.Unix() - now.Unix()
	}
	if rt != nil {
		resp["refresh_token"] = rt.value
		resp["refresh_token_expires_in"] = rt.expiresAt.Unix() - now.Unix()
	}
	return resp
}
