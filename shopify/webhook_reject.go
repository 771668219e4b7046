package shopify

import (
	"net/http"
	"sync"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/ratelimit"
)

// Defaults of the limit on rejected deliveries per client address
// (ratelimit's): Shopify's own deliveries are valid and never count.
const (
	DefaultRejectBurst = ratelimit.DefaultRejectBurst
	DefaultRejectRate  = ratelimit.DefaultRejectRate
)

// rejections limits and samples the rejected deliveries (400, 401, 413)
// with the limit set on the Webhooks when the first one arrives.
type rejections struct {
	once sync.Once
	r    *ratelimit.Rejections
}

// reject answers a rejected delivery with err, or with 429 when its client
// address has been rejected more often than the limit allows, and logs it
// sampled by reason (a fixed word, no personal data).
func (h *Webhooks) reject(c echo.Context, reason string, err *fault.Error, attrs ...any) error {
	h.rejected.once.Do(func() { h.rejected.r = ratelimit.NewRejections(h.RejectBurst, h.RejectRate) })
	o := h.rejected.r.Observe(c, reason)
	if o.Limited {
		err = fault.New(http.StatusTooManyRequests, ratelimit.RateLimited, "too many rejected deliveries from this address; try again later")
	}
	if o.Log {
		h.Log.Warn("webhook rejected", append([]any{"reason", o.Reason, "status", err.Status, "not_logged_before", o.NotLogged}, attrs...)...)
	}
	return err
}
