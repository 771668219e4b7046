package server

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
)

// updateShop serves PATCH /api/shop: the fields present change, each
// validated; a bad field answers 422 naming every bad field and why, and
// nothing is saved. The change is audited with who and which fields, never
// their values. A shop the change makes ready lets its waiting requests
// continue (requests.ContinueSetup).
func (h *API) updateShop(c echo.Context) error {
	var patch requests.ShopPatch
	if err := json.NewDecoder(c.Request().Body).Decode(&patch); err != nil || patch == nil {
		return fault.BadRequest("bad_request", "the body must be a JSON object of the fields to change")
	}
	out, err := h.saveShop(c, session(c), patch)
	if err != nil {
		return err
	}
	noStore(c)
	return c.JSON(http.StatusOK, toShopJSON(out))
}

// saveShop saves patch for the session's shop (requests.UpdateShop) and
// enqueues the steps of the requests it lets continue: the one way the API
// and the panel's forms change a shop.
func (h *API) saveShop(c echo.Context, sess tenant.Session, patch requests.ShopPatch) (*store.Shop, error) {
	ctx := c.Request().Context()
	now := time.Now
	if h.now != nil {
		now = h.now
	}
	out, _, steps, err := requests.UpdateShop(ctx, h.st, sess.Shop.ID, patch, actor(sess), now())
	if err != nil {
		return nil, err
	}
	if len(steps) > 0 && h.enqueue != nil {
		_ = h.enqueue(ctx, steps...) // committed: the reconciler enqueues what this misses
	}
	return out, nil
}
