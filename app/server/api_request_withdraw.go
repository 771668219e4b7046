package server

import (
	"context"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
)

// withdrawRequest serves POST /api/requests/:id/withdraw {reason?}: the
// person withdrew the request; it becomes withdrawn and its pending steps
// do nothing more.
func (h *API) withdrawRequest(c echo.Context) error {
	a, err := bindAction(c)
	if err != nil {
		return err
	}
	return h.act(c, "withdrawn", func(ctx context.Context, tx *store.Store, sess tenant.Session, r *store.Request) (*store.Email, error) {
		return nil, requests.Withdraw(ctx, tx, r, actor(sess), a)
	})
}
