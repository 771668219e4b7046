package woocommerce

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/ratelimit"
	"github.com/lethe-gdpr/lethe/app/store"
)

// Platform is the shops.platform value of WooCommerce stores.
const Platform = "woocommerce"

// ConnectLifetime is how long a started connection waits for the store's
// key callback and the merchant's return.
const ConnectLifetime = time.Hour

// AppConfig configures the WooCommerce integration. Zero values of the
// optional fields take defaults.
type AppConfig struct {
	// PublicURL is where merchants and stores reach Lethe
	// (https://lethe.example.com); the wc-auth callback_url is PublicURL +
	// "/woocommerce/callback" and must be https for WooCommerce to post
	// the keys.
	PublicURL string
	// AppName is shown on the store's approval page (default "Lethe").
	AppName string
	// HTTPClient talks to the stores (default: the REST client's).
	HTTPClient *http.Client
	// Now is the clock (default time.Now).
	Now func() time.Time
	// AttemptTimeout bounds one attempt of a REST or plugin call (default
	// the client's, 30 s).
	AttemptTimeout time.Duration
	// RejectBurst and RejectRate (per second) limit the refused deliveries
	// of the plugin's webhook per client address (zero: ratelimit's
	// defaults, 100 and 1).
	RejectBurst int
	RejectRate  float64
}

// App connects WooCommerce stores through wc-auth and keeps their keys
// sealed on the shop.
type App struct {
	cfg   AppConfig
	store *store.Store
	log   *slog.Logger
	// Enqueue hands committed steps to the queue (a reconnection that
	// completes a shop's setup continues its waiting requests); nil leaves
	// them to the reconciler.
	Enqueue func(ctx context.Context, steps ...*store.Step) error

	rejected *ratelimit.Rejections // the webhook's refused deliveries (webhook_reject.go)
}

// Credentials are a store's REST keys as sealed on its shop.
type Credentials struct {
	StoreURL       string `json:"store_url"`
	KeyID          int64  `json:"key_id"`
	ConsumerKey    string `json:"consumer_key"`
	ConsumerSecret string `json:"consumer_secret"`
	Permissions    string `json:"key_permissions"`
	// PluginSecret signs what the companion plugin and Lethe send each
	// other (plugin/PROTOCOL.md); made at the first connection and kept
	// by a reconnection.
	PluginSecret string `json:"plugin_secret,omitempty"`
}

// NewApp builds the integration on the store.
func NewApp(cfg AppConfig, st *store.Store, log *slog.Logger) *App {
	cfg.PublicURL = strings.TrimRight(cfg.PublicURL, "/")
	if cfg.AppName == "" {
		cfg.AppName = "Lethe"
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if log == nil {
		log = slog.Default()
	}
	return &App{cfg: cfg, store: st, log: log, rejected: newRejections(cfg)}
}

// Mount adds the connection routes and the companion plugin's webhook.
func (a *App) Mount(e *echo.Echo) {
	e.GET(connectPath, a.connect)
	e.POST(callbackPath, a.callback)
	e.GET(returnPath, a.returned)
	e.POST(webhookPath, a.webhook)
	e.GET(pluginZipPath, a.pluginDownload)
}

// Client is the REST client of a connected shop, from its sealed keys.
func (a *App) Client(sh *store.Shop) (*Client, error) {
	var cr Credentials
	if err := a.store.OpenCredentials(sh, &cr); err != nil {
		return nil, err
	}
	return a.client(cr)
}

func (a *App) client(cr Credentials) (*Client, error) {
	return New(Config{StoreURL: cr.StoreURL, ConsumerKey: cr.ConsumerKey, ConsumerSecret: cr.ConsumerSecret, PluginSecret: cr.PluginSecret, HTTPClient: a.cfg.HTTPClient, Now: a.cfg.Now,
		AttemptTimeout: a.cfg.AttemptTimeout})
}

func (a *App) now() time.Time { return a.cfg.Now().UTC() }
