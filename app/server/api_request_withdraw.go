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
func (h *API) withdrawRequest(c echo.Context) error { return h.actWithBody(c, withdrawal) }

// withdrawal is the action withdraw with a.
func withdrawal(a requests.Action) action {
	return action{verb: "withdrawn", do: func(ctx context.Context, tx *store.Store, sess tenant.Session, r *store.Request) (*store.Email, error) {
		return nil, requests.Withdraw(ctx, tx, r, actor(sess), a)
	}}
}
