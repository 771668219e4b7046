package server

import (
	"context"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
)

// closeRequest serves POST /api/requests/:id/close {reason}: the merchant
// closes the request with a reason (answered by other means, a duplicate
// …); it becomes closed and its pending steps do nothing more.
func (h *API) closeRequest(c echo.Context) error { return h.actWithBody(c, closing) }

// closing is the action close with a.
func closing(a requests.Action) action {
	return action{verb: "closed", do: func(ctx context.Context, tx *store.Store, sess tenant.Session, r *store.Request) (*store.Email, error) {
		return nil, requests.Close(ctx, tx, r, actor(sess), a)
	}}
}
