// Package server is Lethe's HTTP server: Echo, middleware, operational
// endpoints and the admin JSON API. Handlers parse, authorize and call one
// domain function; they never hold policy.
package server

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/lethe-gdpr/lethe/app/metrics"
)

// Pinger is a backing service /readyz checks.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Deps are what the server needs.
type Deps struct {
	Log     *slog.Logger
	Metrics *metrics.Metrics
	// Checks are the backing services /readyz reports on, by name.
	Checks map[string]Pinger
	// BodyLimit caps request bodies (default 1 MiB).
	BodyLimit int64
}

// Server is the HTTP server.
type Server struct {
	e    *echo.Echo
	deps Deps
	srv  *http.Server
}

// New builds the server with its middleware and operational routes.
func New(d Deps) *Server {
	if d.BodyLimit == 0 {
		d.BodyLimit = 1 << 20
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = errorHandler(d.Log)
	e.IPExtractor = echo.ExtractIPDirect()
	e.Use(
		middleware.RequestIDWithConfig(middleware.RequestIDConfig{TargetHeader: echo.HeaderXRequestID}),
		accessLog(d.Log, d.Metrics),
		recoverPanics(d.Log),
	)
	s := &Server{e: e, deps: d}
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	if d.Metrics != nil {
		e.GET("/metrics", metricsHandler(d.Metrics))
	}
	return s
}

// Echo exposes the router so components can mount their routes.
func (s *Server) Echo() *echo.Echo { return s.e }

// BodyLimit is the configured cap on request bodies.
func (s *Server) BodyLimit() int64 { return s.deps.BodyLimit }

// Handler is the server as an http.Handler (tests).
func (s *Server) Handler() http.Handler { return s.e }

// Serve accepts connections on l until Shutdown.
func (s *Server) Serve(l net.Listener) error {
	s.srv = &http.Server{
		Handler:           s.e,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(s.deps.Log.Handler(), slog.LevelWarn),
	}
	err := s.srv.Serve(l)
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown stops accepting and waits for in-flight requests until ctx ends.
func (s *Server) Shutdown(ctx context.Context) error {
	if s.srv == nil {
		return nil
	}
	return s.srv.Shutdown(ctx)
}
