package server

import (
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"golang.org/x/time/rate"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/ratelimit"
)

// RateLimit is how many requests one client address may make.
type RateLimit struct {
	PerMinute int // sustained
	Burst     int // at once, on top of an idle client's allowance
}

// DefaultLinkLimit is the limit on the customer's answer links (/r/…) per
// client address: generous, so a customer opening the page and its
// downloads again and again never meets it. Tokens are 256-bit; the limit
// is against abuse and log volume, not guessing.
var DefaultLinkLimit = RateLimit{PerMinute: 60, Burst: 30}

// limitPerClient answers 429 with Retry-After and the JSON error shape to
// a client address beyond l (ratelimit.ClientKey: never X-Forwarded-For
// on trust, an IPv6 client by its /64).
func limitPerClient(l RateLimit) echo.MiddlewareFunc {
	perSecond := float64(l.PerMinute) / 60
	retryAfter := strconv.Itoa(int(math.Ceil(1 / perSecond)))
	return middleware.RateLimiterWithConfig(middleware.RateLimiterConfig{
		Store: middleware.NewRateLimiterMemoryStoreWithConfig(middleware.RateLimiterMemoryStoreConfig{
			Rate: rate.Limit(perSecond), Burst: l.Burst, ExpiresIn: 3 * time.Minute,
		}),
		IdentifierExtractor: func(c echo.Context) (string, error) { return ratelimit.ClientKey(c), nil },
		DenyHandler: func(c echo.Context, _ string, _ error) error {
			c.Response().Header().Set("Retry-After", retryAfter)
			return fault.New(http.StatusTooManyRequests, "rate_limited", "too many requests from this address; try again later")
		},
	})
}
