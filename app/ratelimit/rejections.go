package ratelimit

import (
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"golang.org/x/time/rate"

	"github.com/lethe-gdpr/lethe/app/logging"
)

// Defaults of the limit on rejected deliveries per client address: a burst
// of 100, refilled by one a second. A platform's own deliveries are valid
// and never count; a client past the limit is sending garbage.
const (
	DefaultRejectBurst = 100
	DefaultRejectRate  = 1.0 // per second
)

// RateLimited is the reason of a rejection answered 429.
const RateLimited = "rate_limited"

// Rejections limits and samples a receiver's rejected deliveries: only
// they count against a client address's limit, so a valid delivery is
// never throttled, and each reason is logged once a minute with the number
// of rejections not logged before. Safe for concurrent use.
type Rejections struct {
	limiter *middleware.RateLimiterMemoryStore
	log     logging.Sampler
	now     func() time.Time
}

// NewRejections limits each client address to burst rejections at once,
// refilled by perSecond (zero: the defaults).
func NewRejections(burst int, perSecond float64) *Rejections {
	if burst <= 0 {
		burst = DefaultRejectBurst
	}
	if perSecond <= 0 {
		perSecond = DefaultRejectRate
	}
	return &Rejections{
		limiter: middleware.NewRateLimiterMemoryStoreWithConfig(middleware.RateLimiterMemoryStoreConfig{
			Rate: rate.Limit(perSecond), Burst: burst, ExpiresIn: 10 * time.Minute,
		}),
		now: time.Now,
	}
}

// Rejection is what to do with one rejected delivery.
type Rejection struct {
	// Limited: the client address is past its limit; answer 429 (Reason
	// is RateLimited then).
	Limited bool
	Reason  string
	// Log: log this rejection, with NotLogged, the number of rejections of
	// its reason not logged since the last line.
	Log       bool
	NotLogged int
}

// Observe counts a rejection of the request c for reason (a fixed word,
// no personal data).
func (r *Rejections) Observe(c echo.Context, reason string) Rejection {
	out := Rejection{Reason: reason}
	if ok, _ := r.limiter.Allow(ClientKey(c)); !ok {
		out.Limited, out.Reason = true, RateLimited
	}
	out.Log, out.NotLogged = r.log.Observe(out.Reason, r.now())
	return out
}
