package server

import (
	"context"
	"net/http"
	"sort"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/lethe-gdpr/lethe/app/metrics"
)

// healthz: the process is alive.
func (s *Server) healthz(c echo.Context) error {
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

type readiness struct {
	Status  string            `json:"status"`
	Failing []string          `json:"failing,omitempty"`
	Checks  map[string]string `json:"checks"`
}

// readyz: every backing service answers; 503 naming the failing ones.
func (s *Server) readyz(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
	defer cancel()
	r := readiness{Status: "ok", Checks: map[string]string{}}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for name, p := range s.deps.Checks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := p.Ping(ctx)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				r.Checks[name] = "unavailable"
				r.Failing = append(r.Failing, name)
				return
			}
			r.Checks[name] = "ok"
		}()
	}
	wg.Wait()
	if len(r.Failing) > 0 {
		sort.Strings(r.Failing)
		r.Status = "unavailable"
		return c.JSON(http.StatusServiceUnavailable, r)
	}
	return c.JSON(http.StatusOK, r)
}

func metricsHandler(m *metrics.Metrics) echo.HandlerFunc {
	h := promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{})
	return echo.WrapHandler(h)
}
