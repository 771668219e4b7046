package server

import (
	"context"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
)

// retryRequest serves POST /api/requests/:id/retry: after the merchant
// fixed the cause (re-authenticated the shop, restored a system), the
// request's failed steps run again from the start of their attempts.
func (h *API) retryRequest(c echo.Context) error {
	sess, r, err := h.shopRequest(c, errBadID)
	if err != nil {
		return err
	}
	n, err := h.retry(c.Request().Context(), sess, r)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusAccepted, map[string]any{"retried": n})
}

// retry puts the failed steps of the session shop's request r back to
// pending, resumes the request and enqueues the steps after the commit
// (the API's retry and the panel's button); 409 when no step failed.
func (h *API) retry(ctx context.Context, sess tenant.Session, r *store.Request) (int, error) {
	var retried []*store.Step
	err := h.st.Tx(ctx, func(tx *store.Store) error {
		steps, err := tx.StepsOf(ctx, r.ID)
		if err != nil {
			return err
		}
		for i := range steps {
			if steps[i].Status != store.StepFailed {
				continue
			}
			if err := tx.RetryStep(ctx, steps[i].ID); err != nil {
				return err
			}
			retried = append(retried, &steps[i])
		}
		if len(retried) == 0 {
			return fault.Conflict("nothing_to_retry", "the request has no failed step")
		}
		if err := requests.Resume(ctx, tx, r, actor(sess)); err != nil {
			return err
		}
		return requests.Audit(ctx, tx, r, actor(sess), "request.retried", "steps="+strconv.Itoa(len(retried)))
	})
	if err != nil {
		return 0, err
	}
	for _, s := range retried {
		s.Status, s.Attempts = store.StepPending, 0
	}
	_ = h.enqueue(ctx, retried...)
	return len(retried), nil
}
