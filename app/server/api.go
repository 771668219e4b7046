package server

import (
	"context"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
)

// Enqueue hands committed steps to the queue.
type Enqueue func(ctx context.Context, steps ...*store.Step) error

// Approver approves an erasure plan (the pipeline).
type Approver func(ctx context.Context, shopID, requestID int64, by string) error

// API is the embedded app's JSON API over the authenticated shop's data:
// one method per route, one file per noun or action (api_*.go). The shop
// always comes from the session (session), never from the request.
type API struct {
	st      *store.Store
	enqueue Enqueue
	approve Approver
	now     func() time.Time
	resend  Resender // nil: answers cannot be resent (WithResend)
}

// NewAPI returns the API over st; enqueue hands committed steps to the
// queue, approve approves an erasure plan, now is the clock.
func NewAPI(st *store.Store, enqueue Enqueue, approve Approver, now func() time.Time) *API {
	return &API{st: st, enqueue: enqueue, approve: approve, now: now}
}

// Mount adds the API's routes to g, which must be guarded by a middleware
// that authenticates the caller and puts a tenant.Session into the
// request's context (APIAuth). A request without one gets
// 401 before any handler runs.
func (h *API) Mount(g *echo.Group) {
	r := g.Group("", requireShop)
	answers := g.Group("", answerHeaders, requireShop) // downloads of personal data: one header set

	r.GET("/shop", h.showShop)
	r.PATCH("/shop", h.updateShop)

	r.GET("/requests", h.listRequests)
	r.POST("/requests", h.enterRequest)
	r.GET("/requests/counts", h.countRequests)
	r.GET("/requests/:id", h.getRequest)
	r.POST("/requests/:id/retry", h.retryRequest)
	r.POST("/requests/:id/extend", h.extendRequest)
	r.POST("/requests/:id/receipt", h.recordReceipt)
	r.POST("/requests/:id/refuse", h.refuseRequest)
	r.POST("/requests/:id/verify-identity", h.verifyIdentity)
	r.POST("/requests/:id/withdraw", h.withdrawRequest)
	r.POST("/requests/:id/close", h.closeRequest)
	r.POST("/requests/:id/answer/resend", h.resendAnswer)

	answers.GET("/requests/:id/report.json", h.reportJSON)
	answers.GET("/requests/:id/report.html", h.reportHTML)
	answers.GET("/requests/:id/report.zip", h.reportZip)

	r.GET("/requests/:id/emails", h.listEmails)
	r.PATCH("/requests/:id/emails/:email_id", h.editEmailJSON)
	r.POST("/requests/:id/emails/:email_id/send", h.sendEmail)

	r.GET("/requests/:id/plan", h.showPlan)
	r.POST("/requests/:id/plan/approve", h.approvePlan)

	r.GET("/archive", h.listArchive)
	r.GET("/archive/purges", h.listPurges)
	answers.POST("/archive/export", h.exportArchive)
	r.POST("/archive/:id/hold", h.setHold)
	r.DELETE("/archive/:id/hold", h.liftHold)
}

// requireShop refuses (401) a request whose context carries no
// authenticated shop, so the handlers behind it can rely on session.
func requireShop(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if _, ok := tenant.From(c.Request().Context()); !ok {
			return fault.Unauthorized("no authenticated shop")
		}
		return next(c)
	}
}

// session is the caller's session. It cannot fail behind requireShop; a
// handler mounted without it is a programming error (answered with 500).
func session(c echo.Context) tenant.Session {
	s, ok := tenant.From(c.Request().Context())
	if !ok {
		panic("server: handler mounted without requireShop")
	}
	return s
}

// Answers to a path id that is not a positive whole number. The retry and
// plan routes keep the code they have always had.
var (
	errRequestID = fault.BadRequest("bad_request", "the request id must be a positive whole number")
	errEmailID   = fault.BadRequest("bad_request", "the e-mail id must be a positive whole number")
	errArchiveID = fault.BadRequest("bad_request", "the archive record id must be a positive whole number")
	errBadID     = fault.BadRequest("bad_id", "request id must be a number")
)

// pathID parses the path parameter param as a positive id, answering bad
// when it is not one.
func pathID(c echo.Context, param string, bad *fault.Error) (int64, error) {
	id, err := strconv.ParseInt(c.Param(param), 10, 64)
	if err != nil || id <= 0 {
		e := *bad // each answer its own copy
		return 0, &e
	}
	return id, nil
}

// shopRequest is the session shop's request named by the path's :id: bad
// answers an id that is not one, and another shop's request is
// store.ErrNotFound.
func (h *API) shopRequest(c echo.Context, bad *fault.Error) (tenant.Session, *store.Request, error) {
	sess := session(c)
	id, err := pathID(c, "id", bad)
	if err != nil {
		return sess, nil, err
	}
	r, err := h.st.Request(c.Request().Context(), sess.Shop.ID, id)
	return sess, r, err
}

// actor is who the audit trail names for the session's merchant, or
// "token:<id>" for a caller with an API token.
func actor(s tenant.Session) string {
	if s.Token != 0 {
		return "token:" + strconv.FormatInt(s.Token, 10)
	}
	if s.User == "" {
		return "merchant"
	}
	return "merchant:" + s.User
}
