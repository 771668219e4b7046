package server

import (
	"context"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
)

// refuseRequest serves POST /api/requests/:id/refuse {ground, reason}: the
// request is refused as manifestly unfounded or excessive (Art. 12(5)
// GDPR; ground "unfounded" or "excessive") and the person's refusal with
// the reasons, the right to complain and to a judicial remedy (Art. 12(4))
// is queued.
func (h *API) refuseRequest(c echo.Context) error { return h.actWithBody(c, h.refusal) }

// refusal is the action refuse with a.
func (h *API) refusal(a requests.Action) action {
	return notify("refused", a, func(ctx context.Context, tx *store.Store, sess tenant.Session, r *store.Request, a requests.Action) error {
		return requests.Refuse(ctx, tx, r, actor(sess), a)
	}, mail.DraftRefusal)
}
