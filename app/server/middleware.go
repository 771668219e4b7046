package server

import (
	"fmt"
	"log/slog"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/logging"
	"github.com/lethe-gdpr/lethe/app/metrics"
)

// route is the matched route pattern (never the raw path, which can carry
// personal data such as an e-mail address).
func route(c echo.Context) string {
	if p := c.Path(); p != "" && c.Get(routeMissKey) == nil {
		return p
	}
	return "unmatched"
}

const routeMissKey = "route_miss"

// accessLog logs one line per request with ids only, and counts it.
// Client errors (4xx) are sampled per route and status — the first of each
// per minute, with the number not logged before — so a flood of refused
// requests (bad signatures, rate limits, expired links) cannot flood the
// log; the metrics still count every one.
func accessLog(log *slog.Logger, m *metrics.Metrics) echo.MiddlewareFunc {
	var refused logging.Sampler
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			start := time.Now()
			err := next(c)
			if err != nil {
				c.Error(err) // writes the response, so the status below is final
			}
			rt, status := route(c), c.Response().Status
			dur := time.Since(start)
			if m != nil {
				m.HTTPRequests.WithLabelValues(rt, c.Request().Method, strconv.Itoa(status)).Inc()
				m.HTTPDuration.WithLabelValues(rt, c.Request().Method).Observe(dur.Seconds())
			}
			if rt == "/healthz" || rt == "/readyz" || rt == "/metrics" {
				return nil
			}
			level := slog.LevelInfo
			if status >= 500 {
				level = slog.LevelError
			}
			var extra []slog.Attr
			if status >= 400 && status < 500 {
				logIt, suppressed := refused.Observe(rt+" "+strconv.Itoa(status), time.Now())
				if !logIt {
					return nil
				}
				extra = append(extra, slog.Int("not_logged_before", suppressed))
			}
			log.LogAttrs(c.Request().Context(), level, "http", append([]slog.Attr{
				slog.String("method", c.Request().Method),
				slog.String("route", rt),
				slog.Int("status", status),
				slog.Int64("bytes", c.Response().Size),
				slog.Float64("ms", float64(dur.Microseconds())/1000),
				slog.String("request_id", c.Response().Header().Get(echo.HeaderXRequestID)),
			}, extra...)...,
			)
			return nil
		}
	}
}

func recoverPanics(log *slog.Logger) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) (err error) {
			defer func() {
				if r := recover(); r != nil {
					log.Error("panic in handler", "route", route(c), "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
					err = fault.Internal(fmt.Errorf("panic: %v", r))
				}
			}()
			return next(c)
		}
	}
}
