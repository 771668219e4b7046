package shopify

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"
	"golang.org/x/sync/singleflight"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/shopify/admin"
)

// Platform is the shops.platform value of Shopify shops.
const Platform = "shopify"

// AppConfig configures the Shopify app. Zero values of the optional fields
// take defaults.
type AppConfig struct {
	APIKey     string   // the app's client id
	Secret     string   // the app's client secret
	Scopes     []string // asked for at install and required of every grant
	APIVersion string   // default admin.DefaultVersion
	// APIOrigin, when set, receives every token and Admin API request
	// instead of https://{shop}, with the Host header kept as the shop's
	// domain (tests, staging).
	APIOrigin string
	// PublicURL is where merchants reach Lethe (https://lethe.example.com);
	// the OAuth redirect_uri is PublicURL + "/shopify/callback".
	PublicURL string
	// HTTPClient sends token and Admin API requests (default: 30 s timeout).
	HTTPClient *http.Client
	// Clock is the time source of install links, session tokens, token
	// expiry and Admin API pacing (default: the wall clock).
	Clock admin.Clock
}

// App is Lethe's Shopify app: install (authorization-code grant), embedded
// session tokens with token exchange, tokens and Admin API clients.
type App struct {
	cfg    AppConfig
	store  *store.Store
	log    *slog.Logger
	clock  admin.Clock
	pacer  *admin.Pacer
	OAuth  *OAuth
	Tokens *Tokens
	// Enqueue hands committed steps to the queue (an install that completes
	// a shop's setup continues its waiting requests); nil leaves them to
	// the reconciler.
	Enqueue func(ctx context.Context, steps ...*store.Step) error

	exchanges singleflight.Group // token exchange, once per shop at a time
}

// NewApp builds the app on the store.
func NewApp(cfg AppConfig, st *store.Store, log *slog.Logger) *App {
	if cfg.APIVersion == "" {
		cfg.APIVersion = admin.DefaultVersion
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: 30 * time.Second}
	}
	if cfg.Clock == nil {
		cfg.Clock = admin.WallClock{}
	}
	cfg.PublicURL = strings.TrimRight(cfg.PublicURL, "/")
	cfg.APIOrigin = strings.TrimRight(cfg.APIOrigin, "/")
	o := &OAuth{APIKey: cfg.APIKey, Secret: cfg.Secret, Origin: cfg.APIOrigin, HTTP: cfg.HTTPClient, Now: cfg.Clock.Now}
	return &App{
		cfg: cfg, store: st, log: log, clock: cfg.Clock, pacer: admin.NewPacer(),
		OAuth: o, Tokens: NewTokens(st, o, log),
	}
}

// Mount adds the install routes. The admin JSON API is mounted by the
// caller on a group guarded by SessionAuth.
func (a *App) Mount(e *echo.Echo) {
	e.GET("/shopify/install", a.install)
	e.GET("/shopify/callback", a.callback)
}

// AdminClient is the GraphQL Admin API client of an installed shop; its
// tokens come from Tokens (refreshed before they expire) and its pacing is
// shared by every client of the process.
func (a *App) AdminClient(sh *store.Shop) (*admin.Client, error) {
	return a.adminClient(sh.Domain, a.Tokens.Source(sh.ID))
}

func (a *App) adminClient(domain string, ts admin.TokenSource) (*admin.Client, error) {
	return admin.New(admin.Config{
		Shop: domain, Tokens: ts, Version: a.cfg.APIVersion, APIOrigin: a.cfg.APIOrigin,
		HTTPClient: a.cfg.HTTPClient, Pacer: a.pacer, Clock: a.clock,
	})
}

func (a *App) now() time.Time { return a.clock.Now() }
