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
// A request held in identity_unverified goes on (discovery runs again, and
// the answer goes to the contact the shop holds for the person).
func (h *API) verifyIdentity(c echo.Context) error { return h.act(c, h.verification()) }

// verification is the action verify-identity.
func (h *API) verification() action {
	var next *store.Step
	return action{verb: "verified", do: func(ctx context.Context, tx *store.Store, sess tenant.Session, r *store.Request) (*store.Email, error) {
		if err := requests.VerifyIdentity(ctx, tx, r, actor(sess), h.now()); err != nil {
			return nil, err
		}
		var err error
		next, err = requests.ContinueVerified(ctx, tx, r, actor(sess))
		return nil, err
	}, next: func() *store.Step { return next }}
}
