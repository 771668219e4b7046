package woocommerce

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/ratelimit"
)

// reject answers a refused delivery of the plugin's webhook (400, 401,
// 404, 413) in WordPress's error shape — or 429 when its client address
// was refused more often than the limit allows (AppConfig.RejectBurst,
// RejectRate; valid deliveries never count, so a store whose plugin
// delivers correctly is never throttled) — and logs it sampled by reason
// (a fixed word: one line a minute per reason with the number not logged
// before; no personal data).
func (a *App) reject(c echo.Context, status int, code, reason, message string, attrs ...any) error {
	o := a.rejected.Observe(c, reason)
	if o.Limited {
		status, code, message = http.StatusTooManyRequests, "lethe_rate_limited", "Too many refused deliveries from this address; try again later."
	}
	if o.Log {
		a.log.Warn("webhook rejected", append([]any{"platform", Platform, "reason", o.Reason, "status", status, "not_logged_before", o.NotLogged}, attrs...)...)
	}
	return wpFail(c, status, code, message)
}

// newRejections is the App's limit on refused deliveries.
func newRejections(cfg AppConfig) *ratelimit.Rejections {
	return ratelimit.NewRejections(cfg.RejectBurst, cfg.RejectRate)
}
