package shopifytest

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/url"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// SessionToken returns an App Bridge session token for shop (x.myshopify.com)
// as Shopify issues it: a JWT signed HS256 with the app's secret, valid for
// one minute from now.
func SessionToken(shop, apiKey, secret string, now time.Time) string {
	return SessionTokenWithClaims(shop, apiKey, secret, now, nil)
}

// SessionTokenWithClaims is SessionToken with claims overridden or added
// (e.g. {"exp": …} or {"dest": "https://other.myshopify.com"}) for negative
// tests.
func SessionTokenWithClaims(shop, apiKey, secret string, now time.Time, override map[string]any) string {
	claims := jwt.MapClaims{
		"iss":  "https://" + shop + "/admin",
		"dest": "https://" + shop,
		"aud":  apiKey,
		"sub":  "42",
		"exp":  now.Add(time.Minute).Unix(),
		"nbf":  now.Unix(),
		"iat":  now.Unix(),
		"jti":  randomHex(8),
		"sid":  randomHex(16),
	}
	for k, v := range override {
		if v == nil {
			delete(claims, k)
			continue
		}
		claims[k] = v
	}
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte(secret))
	if err != nil {
		panic(err) // HMAC signing with a byte key cannot fail
	}
	return s
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

type sessionClaims struct {
	shop string
	sub  string
}

// verifySessionToken checks a session token the way Shopify's token
// exchange does: HS256 with the secret, aud = client id, exp/nbf with 10 s
// leeway, iss and dest naming the same shop.
func verifySessionToken(token, clientID, secret string, now time.Time) (sessionClaims, error) {
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(token, claims, func(*jwt.Token) (any, error) { return []byte(secret), nil },
		jwt.WithValidMethods([]string{"HS256"}),
		jwt.WithAudience(clientID),
		jwt.WithLeeway(10*time.Second),
		jwt.WithTimeFunc(func() time.Time { return now }),
		jwt.WithExpirationRequired(),
	)
	if err != nil {
		return sessionClaims{}, err
	}
	dest, _ := claims["dest"].(string)
	iss, _ := claims["iss"].(string)
	du, err1 := url.Parse(dest)
	iu, err2 := url.Parse(iss)
	if err1 != nil || err2 != nil || du.Host == "" || du.Host != iu.Host || !shopDomainRE.MatchString(du.Host) {
		return sessionClaims{}, errors.New("iss and dest must name the same shop")
	}
	sub, _ := claims["sub"].(string)
	return sessionClaims{shop: du.Host, sub: sub}, nil
}
