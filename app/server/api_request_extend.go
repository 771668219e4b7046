package server

import (
	"context"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
)

// extendRequest serves POST /api/requests/:id/extend {reason, ground?}:
// the deadline is extended by two months (Art. 12(3) GDPR) while the first
// has not passed, and the person's extension notice with the reasons is
// queued; the answer shows the new due date.
func (h *API) extendRequest(c echo.Context) error { return h.actWithBody(c, h.extension) }

// extension is the action extend with a.
func (h *API) extension(a requests.Action) action {
	return notify("extended", a, func(ctx context.Context, tx *store.Store, sess tenant.Session, r *store.Request, a requests.Action) error {
		return requests.Extend(ctx, tx, sess.Shop, r, actor(sess), h.now(), a)
	}, mail.DraftExtensionNotice)
}
