package server

import (
	"context"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
)

// verifyIdentity serves POST /api/requests/:id/verify-identity: the
// merchant marks the person's identity verified (Art. 12(6) GDPR), once.
func (h *API) verifyIdentity(c echo.Context) error { return h.act(c, h.verification()) }

// verification is the action verify-identity.
func (h *API) verification() action {
	return action{verb: "verified", do: func(ctx context.Context, tx *store.Store, sess tenant.Session, r *store.Request) (*store.Email, error) {
		return nil, requests.VerifyIdentity(ctx, tx, r, actor(sess), h.now())
	}}
}
