package main

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"time"

	"github.com/lethe-gdpr/lethe/app/config"
	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/jobs"
)

// roles of a process.
type role struct {
	web, worker bool
}

func init() {
	register(command{
		name:    "serve",
		summary: "run the HTTP server, the job worker and the scheduler in one process (default)",
		usage: `lethe serve

Runs everything in one process: the HTTP server (admin panel, webhooks,
API, /healthz, /readyz, /metrics), the job worker and the scheduler.
With no configuration it uses an SQLite file and a random secret key in
./lethe-data and an in-process Redis. Stops gracefully on SIGTERM/SIGINT.`,
		run: func(ctx context.Context, _ []string, _, stderr io.Writer) int {
			return runRoles(ctx, stderr, role{web: true, worker: true})
		},
	})
	register(command{
		name:    "web",
		summary: "run only the HTTP server (needs LETHE_REDIS_URL)",
		usage: `lethe web

Runs only the HTTP server, for scaling out; workers run as ` + "`lethe worker`" + `.
Needs LETHE_REDIS_URL: an in-process Redis cannot be shared between processes.`,
		run: func(ctx context.Context, _ []string, _, stderr io.Writer) int {
			return runRoles(ctx, stderr, role{web: true})
		},
	})
	register(command{
		name:    "worker",
		summary: "run only the job worker and scheduler (needs LETHE_REDIS_URL)",
		usage: `lethe worker

Runs the job worker and the scheduler, for scaling out. It serves only
/healthz, /readyz and /metrics on LETHE_ADDR. Needs LETHE_REDIS_URL.`,
		run: func(ctx context.Context, _ []string, _, stderr io.Writer) int {
			return runRoles(ctx, stderr, role{worker: true})
		},
	})
}

// check refuses a configuration the role cannot run with: a process that is
// not both web and worker shares the queue with others, so it needs a
// Redis of its own (LETHE_REDIS_URL or LETHE_REDIS_URL_FILE), not the
// in-process one.
func (r role) check(cfg *config.Config) error {
	if !(r.web && r.worker) && cfg.RedisURL == "" {
		return optionError("LETHE_REDIS_URL", errors.New("`lethe web` and `lethe worker` need a shared Redis; set it, or run `lethe serve`"))
	}
	return nil
}

func runRoles(ctx context.Context, stderr io.Writer, r role) int {
	cfg, err := config.FromEnv()
	if err != nil {
		return fail(stderr, err)
	}
	if err := r.check(cfg); err != nil {
		return fail(stderr, err)
	}
	return serveApp(ctx, stderr, cfg, r, serveHooks{})
}

// serveHooks are what `lethe demo` adds to a serving process; the zero
// value serves as `lethe serve` does.
type serveHooks struct {
	listener net.Listener   // already listening (the demo chose its port); nil: listen on cfg.Addr
	mailbox  server.Mailbox // caught mail shown in the panel
	// started runs once the server accepts requests and the worker runs,
	// with Lethe's public URL; its error stops the process.
	started func(ctx context.Context, a *app, base string) error
	// entry is where / sends a visitor (the demo: into its panel).
	entry func(ctx context.Context, a *app) (path string, inline bool)
}

// serveApp runs the roles r of one process with cfg until ctx ends.
func serveApp(ctx context.Context, stderr io.Writer, cfg *config.Config, r role, hooks serveHooks) int {
	ln := hooks.listener
	if ln != nil {
		defer ln.Close()
	}
	a, err := newApp(ctx, stderr, cfg, true)
	if err != nil {
		return fail(stderr, err)
	}
	defer a.close()
	a.mailbox = hooks.mailbox
	if err := a.checkSchema(ctx); err != nil {
		return fail(stderr, err)
	}
	if ln == nil {
		if ln, err = net.Listen("tcp", a.cfg.Addr); err != nil {
			return fail(stderr, optionError("LETHE_ADDR", err))
		}
	}

	srv := server.New(server.Deps{
		Log: a.log, Metrics: a.metrics,
		Checks: map[string]server.Pinger{"database": a.store, "redis": a.redis},
	})
	if r.web {
		if hooks.entry != nil {
			a.entry = func(ctx context.Context) (string, bool) { return hooks.entry(ctx, a) }
		}
		registerRoutes(a, srv)
	}
	var worker *jobs.Worker
	var sched *jobs.Scheduler
	if r.worker {
		worker = jobs.NewWorker(a.redis, a.store, a.queue, a.kinds, a.metrics, a.log, jobs.WorkerOptions{
			Concurrency: a.cfg.WorkerConcurrency, ShutdownTimeout: a.cfg.ShutdownTimeout, ReconcileInterval: a.cfg.ReconcileInterval,
			OnRetry: stepFailed(a, false), OnFailed: stepFailed(a, true), RetryDelay: jobs.BackoffFrom(a.cfg.RetryDelay),
			Lease: a.cfg.StepLease,
		})
		registerTasks(a, worker)
		if err := worker.Start(ctx); err != nil {
			return fail(stderr, err)
		}
		if sched, err = jobs.NewScheduler(a.redis, a.log, a.cfg.ReconcileInterval); err != nil {
			return fail(stderr, err)
		}
		if err := registerPeriodic(a, sched); err != nil {
			return fail(stderr, err)
		}
		if err := sched.Start(); err != nil {
			return fail(stderr, err)
		}
	}

	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	a.log.Info("lethe started", "addr", ln.Addr().String(), "web", r.web, "worker", r.worker,
		"database", a.store.Dialect(), "embedded_redis", a.redis.Embedded, "public_url", a.cfg.PublicURL.String())

	hookErr := make(chan error, 1)
	if hooks.started != nil {
		hctx, cancel := context.WithCancel(ctx)
		defer cancel()
		go func() {
			if err := hooks.started(hctx, a, strings.TrimRight(a.cfg.PublicURL.String(), "/")); err != nil && hctx.Err() == nil {
				hookErr <- err
			}
		}()
	}

	select {
	case <-ctx.Done():
	case err = <-serveErr:
	case err = <-hookErr:
	}
	a.log.Info("shutting down", "timeout", a.cfg.ShutdownTimeout.String())
	// Stop accepting, finish in-flight requests and jobs within the bound;
	// unfinished steps stay pending in the database for the reconciler.
	sctx, cancel := context.WithTimeout(context.Background(), a.cfg.ShutdownTimeout)
	defer cancel()
	start := time.Now()
	if herr := srv.Shutdown(sctx); herr != nil {
		a.log.Warn("http shutdown incomplete", "err", herr)
	}
	if sched != nil {
		sched.Shutdown()
	}
	if worker != nil {
		worker.Shutdown()
	}
	a.log.Info("stopped", "ms", time.Since(start).Milliseconds())
	if err != nil {
		return fail(stderr, err)
	}
	return 0
}
