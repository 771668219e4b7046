package server

import (
	"context"
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/gdpr/plan"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
)

type planJSON struct {
	RequestID  int64        `json:"request_id"`
	Status     string       `json:"status"`
	Automatic  bool         `json:"automatic"`
	ApprovedBy string       `json:"approved_by"`
	ApprovedAt any          `json:"approved_at"`
	Items      []plan.Entry `json:"items"`
}

// showPlan serves GET /api/requests/:id/plan, the erasure plan: per item
// system, record_type, record_id, action, retain_until, legal_reference,
// keep_fields.
func (h *API) showPlan(c echo.Context) error {
	sess, r, err := h.shopRequest(c, errBadID)
	if err != nil {
		return err
	}
	p, err := h.st.Plan(c.Request().Context(), sess.Shop.ID, r.ID)
	if errors.Is(err, store.ErrNotFound) {
		return fault.Conflict("no_plan", "the request has no erasure plan yet (discovery still running, or not an erasure request)")
	}
	if err != nil {
		return err
	}
	out := planJSON{RequestID: r.ID, Status: r.Status, Automatic: p.Automatic, ApprovedBy: p.ApprovedBy, Items: p.Entries}
	if p.ApprovedAt != nil {
		out.ApprovedAt = p.ApprovedAt
	}
	noStore(c)
	return c.JSON(http.StatusOK, out)
}

// approvePlan serves POST /api/requests/:id/plan/approve: the merchant
// approves the erasure plan, and the erasure starts.
func (h *API) approvePlan(c echo.Context) error {
	id, err := pathID(c, "id", errBadID)
	if err != nil {
		return err
	}
	if err := h.approvePlanOf(c.Request().Context(), session(c), id); err != nil {
		return err
	}
	return c.JSON(http.StatusAccepted, map[string]any{"request_id": id, "status": store.StatusErasing})
}

// approvePlanOf approves the plan of the session shop's request id (the
// API's approve and the panel's button): 409 when it is not awaiting
// review.
func (h *API) approvePlanOf(ctx context.Context, sess tenant.Session, id int64) error {
	err := h.approve(ctx, sess.Shop.ID, id, actor(sess))
	if errors.Is(err, store.ErrConflict) {
		return fault.Conflict("not_awaiting_review", "the plan is not awaiting review (approved already, or the request is in another state)")
	}
	return err
}
