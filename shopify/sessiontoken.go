package shopify

import (
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// SessionLeeway is the clock skew allowed on exp and nbf.
const SessionLeeway = 10 * time.Second

// SessionClaims are the claims of an App Bridge session token.
type SessionClaims struct {
	Dest string `json:"dest"`
	SID  string `json:"sid,omitempty"`
	jwt.RegisteredClaims
}

// Shop is the shop domain the token was issued for.
func (c *SessionClaims) Shop() string {
	u, _ := url.Parse(c.Dest)
	if u == nil {
		return ""
	}
	return u.Host
}

// ErrSessionToken is returned for every invalid session token.
var ErrSessionToken = errors.New("invalid session token")

// ParseSessionToken verifies a session token as Shopify specifies: HS256
// with the app secret, aud = the app's client id, exp/nbf with leeway, and
// iss (https://{shop}/admin) and dest (https://{shop}) naming the same shop.
func ParseSessionToken(token, apiKey, secret string, now time.Time) (*SessionClaims, error) {
	if secret == "" || apiKey == "" { // anyone can sign with an empty key
		return nil, fmt.Errorf("%w: no app secret or client id configured", ErrSessionToken)
	}
	var c SessionClaims
	_, err := jwt.ParseWithClaims(token, &c, func(*jwt.Token) (any, error) { return []byte(secret), nil },
		jwt.WithValidMethods([]string{"HS256"}),
		// Strict base64: a signature whose unused low bits were changed
		// decodes to the same bytes and must not pass as the same token.
		jwt.WithStrictDecoding(),
		jwt.WithAudience(apiKey),
		jwt.WithLeeway(SessionLeeway),
		jwt.WithExpirationRequired(),
		jwt.WithTimeFunc(func() time.Time { return now }),
	)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrSessionToken, err)
	}
	dest, err1 := url.Parse(c.Dest)
	iss, err2 := url.Parse(c.Issuer)
	switch {
	case err1 != nil || err2 != nil || dest.Scheme != "https" || iss.Scheme != "https":
		return nil, fmt.Errorf("%w: iss and dest must be https URLs", ErrSessionToken)
	case !ValidShopDomain(dest.Host):
		return nil, fmt.Errorf("%w: dest is not a shop", ErrSessionToken)
	case iss.Host != dest.Host || iss.Path != "/admin":
		return nil, fmt.Errorf("%w: iss and dest name different shops", ErrSessionToken)
	case c.NotBefore == nil:
		return nil, fmt.Errorf("%w: nbf missing", ErrSessionToken)
	}
	return &c, nil
}
