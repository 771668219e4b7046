package server

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/gdpr/plan"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
)

// Approver approves an erasure plan (the pipeline).
type Approver func(ctx context.Context, shopID, requestID int64, by string) error

type planJSON struct {
	RequestID  int64        `json:"request_id"`
	Status     string       `json:"status"`
	Automatic  bool         `json:"automatic"`
	ApprovedBy string       `json:"approved_by"`
	ApprovedAt any          `json:"approved_at"`
	Items      []plan.Entry `json:"items"`
}

// MountPlanAPI adds the erasure plan: GET /api/requests/:id/plan (per item
// system, record_type, record_id, action, retain_until, legal_reference,
// keep_fields) and POST /api/requests/:id/plan/approve.
func MountPlanAPI(g *echo.Group, st *store.Store, approve Approver) {
	g.GET("/requests/:id/plan", func(c echo.Context) error {
		sess, id, err := sessionAndID(c)
		if err != nil {
			return err
		}
		ctx := c.Request().Context()
		r, err := st.Request(ctx, sess.Shop.ID, id)
		if err != nil {
			return err
		}
		p, err := st.Plan(ctx, sess.Shop.ID, id)
		if errors.Is(err, store.ErrNotFound) {
			return Fail(http.StatusConflict, "no_plan", "the request has no erasure plan yet (discovery still running, or not an erasure request)")
		}
		if err != nil {
			return err
		}
		out := planJSON{RequestID: id, Status: r.Status, Automatic: p.Automatic, ApprovedBy: p.ApprovedBy, Items: p.Entries}
		if p.ApprovedAt != nil {
			out.ApprovedAt = p.ApprovedAt
		}
		c.Response().Header().Set("Cache-Control", "no-store")
		return c.JSON(http.StatusOK, out)
	})
	g.POST("/requests/:id/plan/approve", func(c echo.Context) error {
		sess, id, err := sessionAndID(c)
		if err != nil {
			return err
		}
		err = approve(c.Request().Context(), sess.Shop.ID, id, actor(sess))
		switch {
		case errors.Is(err, store.ErrConflict):
			return Fail(http.StatusConflict, "not_awaiting_review", "the plan is not awaiting review (approved already, or the request is in another state)")
		case err != nil:
			return err
		}
		return c.JSON(http.StatusAccepted, map[string]any{"request_id": id, "status": store.StatusErasing})
	})
}

func sessionAndID(c echo.Context) (tenant.Session, int64, error) {
	sess, ok := tenant.From(c.Request().Context())
	if !ok {
		return sess, 0, Fail(http.StatusUnauthorized, "unauthorized", "no shop session")
	}
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return sess, 0, Fail(http.StatusBadRequest, "bad_id", "request id must be a number")
	}
	return sess, id, nil
}
