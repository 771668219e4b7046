package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/lethe-gdpr/lethe/app/config"
	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/logging"
	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/metrics"
	"github.com/lethe-gdpr/lethe/app/pipeline"
	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/store/seal"
	"github.com/lethe-gdpr/lethe/jobs"
	"github.com/lethe-gdpr/lethe/shopify"
	"github.com/lethe-gdpr/lethe/woocommerce"
)

// app holds the wired components of one process.
type app struct {
	cfg     *config.Config
	log     *slog.Logger
	metrics *metrics.Metrics
	store   *store.Store
	redis   *jobs.Redis
	kinds   *jobs.Kinds
	queue   *jobs.Queue

	shopify    *shopify.App // nil when the Shopify integration is off
	woo        *woocommerce.App
	connectors *connect.Registry
	pipeline   *pipeline.Pipeline
	mailer     *mail.Sender
	mailbox    server.Mailbox // the demo's caught mail, shown in the panel
	// entry is where / sends a visitor instead of the start page (the
	// demo); nil: the start page.
	entry func(ctx context.Context) (path string, inline bool)
}

// startupError names the option to fix; main prints it as one line.
type startupError struct {
	option string
	err    error
}

func (e *startupError) Error() string {
	if e.option == "" {
		return e.err.Error()
	}
	return e.option + ": " + e.err.Error()
}

func optionError(option string, err error) error { return &startupError{option, err} }

// newApp connects everything in an order that creates nothing until the
// configuration (validated by the caller) and every remote service are known
// to be good: Redis → (SQLite: data dir, key file) → database → schema check.
func newApp(ctx context.Context, stderr io.Writer, cfg *config.Config, withRedis bool) (*app, error) {
	var err error
	a := &app{cfg: cfg, log: logging.New(stderr, cfg.LogFormat, cfg.LogLevel), metrics: metrics.New()}
	if withRedis {
		if a.redis, err = jobs.OpenRedis(ctx, cfg.RedisURL); err != nil {
			return nil, optionError("LETHE_REDIS_URL", err)
		}
	}
	if err := a.openStore(ctx); err != nil {
		a.close()
		return nil, err
	}
	a.kinds = jobs.NewKinds()
	if err := initDomain(a); err != nil {
		a.close()
		return nil, err
	}
	registerKinds(a)
	if a.redis != nil {
		a.queue = jobs.NewQueue(a.redis, a.kinds)
		jobs.RegisterMetrics(a.metrics, a.redis, a.store)
	}
	return a, nil
}

func (a *app) openStore(ctx context.Context) error {
	cfg := a.cfg
	key := cfg.SecretKey
	if cfg.Embedded() {
		if err := store.EnsureDir(cfg.DataDir); err != nil {
			return optionError("LETHE_DATA_DIR", err)
		}
		if key == nil {
			k, err := seal.LoadOrCreateKeyFile(cfg.KeyFile())
			if err != nil {
				return optionError("LETHE_SECRET_KEY", err)
			}
			key = k
		}
	}
	keys, err := seal.New(key, cfg.OldSecretKeys...)
	if err != nil {
		return optionError("LETHE_SECRET_KEY", err)
	}
	st, err := store.Open(ctx, store.Options{DatabaseURL: cfg.DatabaseURL, SQLitePath: cfg.SQLitePath(), Keys: keys})
	if err != nil {
		if cfg.Embedded() {
			return optionError("LETHE_DATA_DIR", err)
		}
		return optionError("LETHE_DATABASE_URL", err)
	}
	a.store = st
	return nil
}

// checkSchema applies pending migrations when allowed, and otherwise refuses
// to run on a schema that is behind.
// newAdminApp is the app of a maintenance command (migrate, token): the
// configuration from the environment, the store, no queue.
func newAdminApp(ctx context.Context, stderr io.Writer) (*app, error) {
	cfg, err := config.FromEnv()
	if err != nil {
		return nil, err
	}
	return newApp(ctx, stderr, cfg, false)
}

func (a *app) checkSchema(ctx context.Context) error {
	if a.cfg.AutoMigrate {
		applied, err := a.store.Migrate(ctx)
		if err != nil {
			return err
		}
		if len(applied) > 0 {
			// Numbers, not a formatted list: the log's scrubber would take
			// "[1 2 5 6 8 9 10 11 12]" for a phone number.
			a.log.Info("applied migrations", "count", len(applied), "first", applied[0], "schema_version", applied[len(applied)-1])
		}
		return nil
	}
	st, err := a.store.MigrationStatus(ctx)
	if err != nil {
		return err
	}
	if st.Behind() {
		return fmt.Errorf("the database schema is at version %d but this binary needs %d: run `lethe migrate up` (or set LETHE_AUTO_MIGRATE=true)", st.Current, st.Target)
	}
	return nil
}

func (a *app) close() {
	if a.queue != nil {
		a.queue.Close()
	}
	if a.redis != nil {
		a.redis.Close()
	}
	if a.store != nil {
		a.store.Close()
	}
}

// fail prints err as one line and returns the exit code.
func fail(stderr io.Writer, err error) int {
	var ce *config.Error
	if errors.As(err, &ce) {
		fmt.Fprintf(stderr, "lethe: configuration: %s\n", ce)
		return 2
	}
	// One line, whatever the driver put into its message.
	fmt.Fprintf(stderr, "lethe: %s\n", strings.Join(strings.Fields(err.Error()), " "))
	return 1
}
