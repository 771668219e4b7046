package main

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/hibiken/asynq"
	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/pipeline"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
	"github.com/lethe-gdpr/lethe/jobs"
	"github.com/lethe-gdpr/lethe/shopify"
	"github.com/lethe-gdpr/lethe/woocommerce"
)

// initDomain builds the platform integrations, the connector registry, the
// mailer and the request pipeline.
func initDomain(a *app) error {
	a.connectors = connect.NewRegistry()
	if a.cfg.Shopify.Enabled {
		a.shopify = shopify.NewApp(shopify.AppConfig{
			APIKey: a.cfg.Shopify.APIKey, Secret: a.cfg.Shopify.APISecret, Scopes: a.cfg.Shopify.Scopes,
			APIVersion: a.cfg.Shopify.APIVersion, APIOrigin: a.cfg.Shopify.APIOrigin, PublicURL: a.cfg.PublicURL.String(),
		}, a.store, a.log)
		a.shopify.Enqueue = a.enqueue
		a.connectors.Register("shopify", shopify.ConnectorFactory(a.shopify.AdminClient))
		a.connectors.RegisterReconnect("shopify", a.shopify.Reconnect)
	}
	// WooCommerce stores connect through wc-auth (no app credentials
	// needed); the store posts the keys to PublicURL, which must be https.
	a.woo = woocommerce.NewApp(woocommerce.AppConfig{PublicURL: a.cfg.PublicURL.String(), AttemptTimeout: a.cfg.WooCommerceTimeout}, a.store, a.log)
	a.woo.Enqueue = a.enqueue
	a.connectors.Register(woocommerce.Platform, a.woo.ConnectorFactory())
	a.connectors.RegisterReconnect(woocommerce.Platform, a.woo.Reconnect)
	a.connectors.RegisterSetup(woocommerce.Platform, a.woo.Setup) // the companion plugin

	sender, err := mail.NewSender(a.cfg.SMTPURL, a.cfg.MailFrom, mail.WithMessageIDHost(a.cfg.PublicURL.Hostname()))
	if err != nil {
		return optionError("LETHE_SMTP_URL", err)
	}
	a.mailer = sender
	a.pipeline = &pipeline.Pipeline{
		Store: a.store, Connectors: a.connectors, Mailer: sender, PublicURL: a.cfg.PublicURL.String(), LinkTTL: a.cfg.ReportLinkTTL,
		Enqueue: a.enqueue, Log: a.log, Now: time.Now,
	}
	// Links in merchant e-mails open the panel inside the platform's admin
	// where the shop has one, else Lethe's own /app.
	var admins []mail.AdminLink
	if a.shopify != nil {
		admins = append(admins, a.shopify.AdminLink)
	}
	a.pipeline.MerchantURL = mail.MerchantLinks(a.cfg.PublicURL.String(), admins...)
	return nil
}

// enqueue hands committed steps to the queue (there is none in `migrate`).
func (a *app) enqueue(ctx context.Context, steps ...*store.Step) error {
	if a.queue == nil {
		return nil
	}
	return a.queue.Enqueue(ctx, steps...)
}

// registerKinds registers every step kind of the pipeline's way (before the
// queue exists, so the queue knows each kind's options).
func registerKinds(a *app) { a.pipeline.Register(a.kinds) }

// stepFailed tells the pipeline about failed request steps, so the merchant
// sees which system failed.
func stepFailed(a *app, final bool) func(context.Context, *store.Step, error) {
	return func(ctx context.Context, st *store.Step, err error) {
		if !strings.HasPrefix(st.Kind, "request:") {
			return
		}
		if final {
			a.pipeline.Failed(ctx, st, err)
		} else {
			a.pipeline.Retrying(ctx, st, err)
		}
	}
}

// registerRoutes mounts the product's HTTP routes on the server.
func registerRoutes(a *app, srv *server.Server) {
	e := srv.Echo()
	server.MountStartPage(e, startInfo(a))
	server.MountPublicReport(e, a.store, time.Now, server.DefaultLinkLimit) // the customer's signed links
	// The platform's session auth; nil without a platform (API tokens only).
	var session echo.MiddlewareFunc
	if a.shopify == nil {
		e.POST("/webhooks/shopify", func(echo.Context) error {
			return fault.New(http.StatusServiceUnavailable, "shopify_disabled", "the Shopify integration is not configured (SHOPIFY_API_KEY, SHOPIFY_API_SECRET)")
		})
		a.log.Info("Shopify integration off: set SHOPIFY_API_KEY and SHOPIFY_API_SECRET to turn it on")
	} else {
		wh := &shopify.Webhooks{
			Secret: a.cfg.Shopify.APISecret, MaxBytes: int64(a.cfg.WebhookMaxBytes),
			Store: a.store, Queue: a.queue, Log: a.log, Refresh: a.shopify.RefreshShop,
		}
		e.POST("/webhooks/shopify", wh.Handle)
		a.shopify.Mount(e)
		session = a.shopify.SessionAuth()
	}
	a.woo.Mount(e) // /woocommerce/connect, /callback, /return
	// The admin JSON API, scoped to the caller's shop: the embedded app's
	// session or an API token (`lethe token create`).
	api := e.Group("/api", server.APIAuth(a.store, time.Now, session))
	adminAPI := server.NewAPI(a.store, a.enqueue, a.pipeline.Approve, time.Now).WithResend(a.pipeline.ResendAnswer)
	adminAPI.Mount(api)
	// The admin panel (/app): embedded by the same session auth, standalone
	// by a login.
	pc := server.PanelConfig{Embedded: session, Logins: tenant.NewLogins(a.store), PublicURL: a.cfg.PublicURL.String(),
		Log: a.log, Mailbox: a.mailbox, Connectors: a.connectors,
		Mail: server.MailStatus{Configured: a.mailer.Configured(), From: a.cfg.MailFrom}}
	if a.shopify != nil {
		pc.ShopifyAPIKey = a.cfg.Shopify.APIKey
	}
	panel, err := server.NewPanel(adminAPI, pc)
	if err != nil {
		panic(err) // the templates are embedded: a broken one is a broken build
	}
	panel.Mount(e)
}

// registerTasks adds plain task handlers to a worker.
func registerTasks(a *app, w *jobs.Worker) {
	w.Handle(jobs.TypePurgeArchive, jobs.HandlePurge(a.store, time.Now, a.log, 1000))
	digests := jobs.Digests{Store: a.store, Now: time.Now, Log: a.log, AppURL: a.cfg.PublicURL.String(),
		MerchantURL: a.pipeline.MerchantURL, SetupMissing: setupMissing, Enqueue: a.enqueue}
	w.Handle(jobs.TypeSendDigest, digests.HandleDigest)
	w.Handle(typeRefreshShops, func(ctx context.Context, _ *asynq.Task) error {
		if a.shopify != nil {
			return a.enqueue(ctx, a.shopify.RefreshDue(ctx, 500)...)
		}
		return nil
	})
}

// registerPeriodic adds periodic tasks to the scheduler.
func registerPeriodic(a *app, s *jobs.Scheduler) error {
	if err := s.Cron(jobs.PurgeSchedule, jobs.TypePurgeArchive); err != nil {
		return err
	}
	if err := s.Cron(jobs.DigestSchedule, jobs.TypeSendDigest); err != nil {
		return err
	}
	return s.Cron(refreshSchedule, typeRefreshShops)
}

// typeRefreshShops reads every shop's profile from its platform again
// (daily; shop/update refreshes at once), so a changed address, e-mail or
// domain reaches the answers.
const typeRefreshShops = "shops:refresh"

// refreshSchedule runs it daily at 03:30 UTC.
const refreshSchedule = "30 3 * * *"

// setupMissing is what the daily digest names as setup still missing: the
// fields readiness lacks (requests.Readiness).
func setupMissing(sh *store.Shop) []string { return requests.Readiness(sh).Missing }

// startInfo is what the start page (GET /) tells about this installation.
func startInfo(a *app) server.StartInfo {
	info := server.StartInfo{
		Version: version, PublicURL: a.cfg.PublicURL.String(), Database: "postgres", DataDir: a.cfg.DataDir,
		Redis: "external", Shopify: a.cfg.Shopify.Enabled, Mail: a.cfg.SMTPURL != "", Entry: a.entry,
	}
	if a.cfg.Embedded() {
		info.Database = "sqlite"
	}
	if a.cfg.RedisURL == "" {
		info.Redis = "embedded"
	}
	return info
}
