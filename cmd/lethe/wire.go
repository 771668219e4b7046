package main

import (
	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/jobs"
)

// registerKinds registers every pipeline step kind (before the queue exists,
// so the queue knows each kind's options).
func registerKinds(a *app) {}

// registerRoutes mounts the product's HTTP routes on the server.
func registerRoutes(a *app, srv *server.Server) {}

// registerTasks adds plain task handlers to a worker.
func registerTasks(a *app, w *jobs.Worker) {}

// registerPeriodic adds periodic tasks to the scheduler.
func registerPeriodic(a *app, s *jobs.Scheduler) {}
