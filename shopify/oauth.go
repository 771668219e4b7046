package shopify

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// Credentials are a shop's tokens, stored sealed in the shop's row.
type Credentials struct {
	AccessToken      string    `json:"access_token"`
	Scope            string    `json:"scope"`
	ExpiresAt        time.Time `json:"expires_at,omitzero"` // zero: a non-expiring token
	RefreshToken     string    `json:"refresh_token,omitempty"`
	RefreshExpiresAt time.Time `json:"refresh_expires_at,omitzero"`
}

// Expiring reports whether the access token has an expiry.
func (c Credentials) Expiring() bool { return !c.ExpiresAt.IsZero() }

// tokenResponse is Shopify's answer from /admin/oauth/access_token.
type tokenResponse struct {
	AccessToken           string `json:"access_token"`
	Scope                 string `json:"scope"`
	ExpiresIn             int64  `json:"expires_in"`
	RefreshToken          string `json:"refresh_token"`
	RefreshTokenExpiresIn int64  `json:"refresh_token_expires_in"`
}

// OAuthError is a refused token request.
type OAuthError struct {
	Status      int
	Code        string // e.g. invalid_grant, invalid_request, invalid_client
	Description string
}

func (e *OAuthError) Error() string {
	return fmt.Sprintf("shopify oauth: %d %s: %s", e.Status, e.Code, e.Description)
}

// Refused reports whether retrying the same grant cannot succeed (the code,
// session token or refresh token is no good, or the app's credentials are
// wrong).
func (e *OAuthError) Refused() bool { return e.Status >= 400 && e.Status < 500 && e.Status != 429 }

// OAuth talks to a shop's token endpoint.
type OAuth struct {
	APIKey, Secret string
	// Origin, when set, receives the requests instead of https://{shop},
	// with the Host header kept as the shop's domain (tests, staging).
	Origin string
	HTTP   *http.Client
	Now    func() time.Time
}

// ExchangeCode trades an authorization code for an expiring offline token.
func (o *OAuth) ExchangeCode(ctx context.Context, shop, code string) (Credentials, error) {
	return o.grant(ctx, shop, map[string]string{
		"client_id": o.APIKey, "client_secret": o.Secret, "code": code, "expiring": "1",
	})
}

// ExchangeSessionToken performs token exchange for a managed installation:
// a valid session token buys an expiring offline token.
func (o *OAuth) ExchangeSessionToken(ctx context.Context, shop, sessionToken string) (Credentials, error) {
	return o.grant(ctx, shop, map[string]string{
		"client_id": o.APIKey, "client_secret": o.Secret,
		"grant_type":           "urn:ietf:params:oauth:grant-type:token-exchange",
		"subject_token":        sessionToken,
		"subject_token_type":   "urn:ietf:params:oauth:token-type:id_token",
		"requested_token_type": "urn:shopify:params:oauth:token-type:offline-access-token",
		"expiring":             "1",
	})
}

// Refresh trades a refresh token for a new access token (and a new refresh
// token: the old one is used up).
func (o *OAuth) Refresh(ctx context.Context, shop, refreshToken string) (Credentials, error) {
	return o.grant(ctx, shop, map[string]string{
		"client_id": o.APIKey, "client_secret": o.Secret,
		"grant_type": "refresh_token", "refresh_token": refreshToken,
	})
}

func (o *OAuth) grant(ctx context.Context, shop string, body map[string]string) (Credentials, error) {
	if !ValidShopDomain(shop) {
		return Credentials{}, fmt.Errorf("shopify oauth: %q is not a shop domain", shop)
	}
	origin := "https://" + shop
	if o.Origin != "" {
		origin = o.Origin
	}
	b, _ := json.Marshal(body)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, origin+"/admin/oauth/access_token", bytes.NewReader(b))
	if err != nil {
		return Credentials{}, err
	}
	req.Host = shop
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	hc := o.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: 20 * time.Second}
	}
	resp, err := hc.Do(req)
	if err != nil {
		return Credentials{}, fmt.Errorf("shopify oauth: %w", err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode != http.StatusOK {
		oe := &OAuthError{Status: resp.StatusCode}
		var e struct {
			Error            string `json:"error"`
			ErrorDescription string `json:"error_description"`
		}
		if json.Unmarshal(raw, &e) == nil {
			oe.Code, oe.Description = e.Error, e.ErrorDescription
		}
		return Credentials{}, oe
	}
	var tr tokenResponse
	if err := json.Unmarshal(raw, &tr); err != nil || tr.AccessToken == "" {
		return Credentials{}, errors.New("shopify oauth: token answer has no access_token")
	}
	now := time.Now()
	if o.Now != nil {
		now = o.Now()
	}
	c := Credentials{AccessToken: tr.AccessToken, Scope: tr.Scope, RefreshToken: tr.RefreshToken}
	if tr.ExpiresIn > 0 {
		c.ExpiresAt = now.Add(time.Duration(tr.ExpiresIn) * time.Second).UTC()
	}
	if tr.RefreshTokenExpiresIn > 0 {
		c.RefreshExpiresAt = now.Add(time.Duration(tr.RefreshTokenExpiresIn) * time.Second).UTC()
	}
	return c, nil
}

// MissingScopes lists the required scopes a grant lacks. A write scope
// implies its read scope, as Shopify grants them.
func MissingScopes(granted string, required []string) []string {
	have := map[string]bool{}
	for _, s := range strings.Split(granted, ",") {
		s = strings.TrimSpace(s)
		have[s] = true
		if r, ok := strings.CutPrefix(s, "write_"); ok {
			have["read_"+r] = true
		}
	}
	var missing []string
	for _, r := range required {
		if !have[r] {
			missing = append(missing, r)
		}
	}
	return missing
}
