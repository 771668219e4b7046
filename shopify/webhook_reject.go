package shopify

import (
	"net/http"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"golang.org/x/time/rate"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/logging"
)

// Defaults of the limit on rejected deliveries per client address: a burst
// of 100, refilled by one a second. Shopify's own deliveries are valid and
// never count; a client past the limit is sending garbage.
const (
	DefaultRejectBurst = 100
	DefaultRejectRate  = 1.0 // per second
)

// rejections limits and samples the rejected deliveries (400, 401, 413):
// only they count against a client address's limit, so a valid delivery
// is never throttled, and each reason is logged once a minute with the
// number of rejections not logged before.
type rejections struct {
	once    sync.Once
	limiter *middleware.RateLimiterMemoryStore
	log     logging.Sampler
}

// reject answers a rejected delivery with err, or with 429 when its client
// address has been rejected more often than the limit allows, and logs it
// sampled by reason (a fixed word, no personal data).
func (h *Webhooks) reject(c echo.Context, reason string, err *fault.Error, attrs ...any) error {
	r := &h.rejected
	r.once.Do(func() {
		burst, per := h.RejectBurst, h.RejectRate
		if burst <= 0 {
			burst = DefaultRejectBurst
		}
		if per <= 0 {
			per = DefaultRejectRate
		}
		r.limiter = middleware.NewRateLimiterMemoryStoreWithConfig(middleware.RateLimiterMemoryStoreConfig{
			Rate: rate.Limit(per), Burst: burst, ExpiresIn: 10 * time.Minute,
		})
	})
	if ok, _ := r.limiter.Allow(c.RealIP()); !ok {
		err = fault.New(http.StatusTooManyRequests, "rate_limited", "too many rejected deliveries from this address; try again later")
		reason = "rate_limited"
	}
	logIt, suppressed := r.log.Observe(reason, time.Now())
	if logIt {
		h.Log.Warn("webhook rejected", append([]any{"reason", reason, "status", err.Status, "not_logged_before", suppressed}, attrs...)...)
	}
	return err
}
