package main

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/jobs"
	"github.com/lethe-gdpr/lethe/shopify"
)

// registerKinds registers every pipeline step kind (before the queue exists,
// so the queue knows each kind's options).
func registerKinds(a *app) {
	a.kinds.Register(requests.StepRedactShop, jobs.HandleShopRedact(a.store, a.log), jobs.KindOptions{Queue: jobs.QueueMaintenance})
}

// registerRoutes mounts the product's HTTP routes on the server.
func registerRoutes(a *app, srv *server.Server) {
	e := srv.Echo()
	if a.cfg.Shopify.Enabled {
		wh := &shopify.Webhooks{
			Secret: a.cfg.Shopify.APISecret, MaxBytes: int64(a.cfg.WebhookMaxBytes),
			Store: a.store, Queue: a.queue, Log: a.log,
		}
		e.POST("/webhooks/shopify", wh.Handle)
		sa := shopify.NewApp(shopify.AppConfig{
			APIKey: a.cfg.Shopify.APIKey, Secret: a.cfg.Shopify.APISecret, Scopes: a.cfg.Shopify.Scopes,
			APIVersion: a.cfg.Shopify.APIVersion, APIOrigin: a.cfg.Shopify.APIOrigin, PublicURL: a.cfg.PublicURL.String(),
		}, a.store, a.log)
		sa.Mount(e)
		api := e.Group("/api", sa.SessionAuth()) // the embedded app's JSON API, scoped to the session's shop
		server.MountRequestsAPI(api, a.store)
	} else {
		e.POST("/webhooks/shopify", func(echo.Context) error {
			return server.Fail(http.StatusServiceUnavailable, "shopify_disabled", "the Shopify integration is not configured (SHOPIFY_API_KEY, SHOPIFY_API_SECRET)")
		})
		a.log.Info("Shopify integration off: set SHOPIFY_API_KEY and SHOPIFY_API_SECRET to turn it on")
	}
}

// registerTasks adds plain task handlers to a worker.
func registerTasks(a *app, w *jobs.Worker) {}

// registerPeriodic adds periodic tasks to the scheduler.
func registerPeriodic(a *app, s *jobs.Scheduler) {}
