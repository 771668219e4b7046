package server

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
)

// MountRetryAPI adds POST /api/requests/:id/retry: after the merchant fixed
// the cause (re-authenticated the shop, restored a system), the request's
// failed steps run again from the start of their attempts.
func MountRetryAPI(g *echo.Group, st *store.Store, enqueue Enqueue) {
	g.POST("/requests/:id/retry", func(c echo.Context) error {
		sess, ok := tenant.From(c.Request().Context())
		if !ok {
			return Fail(http.StatusUnauthorized, "unauthorized", "no shop session")
		}
		id, err := strconv.ParseInt(c.Param("id"), 10, 64)
		if err != nil {
			return Fail(http.StatusBadRequest, "bad_id", "request id must be a number")
		}
		ctx := c.Request().Context()
		r, err := st.Request(ctx, sess.Shop.ID, id)
		if err != nil {
			return err
		}
		var retried []*store.Step
		err = st.Tx(ctx, func(tx *store.Store) error {
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
				return Fail(http.StatusConflict, "nothing_to_retry", "the request has no failed step")
			}
			if err := requests.Resume(ctx, tx, r, actor(sess)); err != nil {
				return err
			}
			return requests.Audit(ctx, tx, r, actor(sess), "request.retried", "steps="+strconv.Itoa(len(retried)))
		})
		if err != nil {
			return err
		}
		for _, s := range retried {
			s.Status, s.Attempts = store.StepPending, 0
		}
		_ = enqueue(ctx, retried...)
		return c.JSON(http.StatusAccepted, map[string]any{"retried": len(retried)})
	})
}
