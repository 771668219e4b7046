package server

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
)

// updateShop serves PATCH /api/shop: the fields present change, each
// validated; a bad field answers 422 naming every bad field and why, and
// nothing is saved. The change is audited with who and which fields, never
// their values. A shop the change makes ready lets its waiting requests
// continue (requests.ContinueSetup).
func (h *API) updateShop(c echo.Context) error {
	sess := session(c)
	var patch requests.ShopPatch
	if err := json.NewDecoder(c.Request().Body).Decode(&patch); err != nil || patch == nil {
		return fault.BadRequest("bad_request", "the body must be a JSON object of the fields to change")
	}
	ctx := c.Request().Context()
	now := time.Now
	if h.now != nil {
		now = h.now
	}
	var steps []*store.Step
	var out *store.Shop
	err := h.st.Tx(ctx, func(tx *store.Store) error {
		if err := tx.LockShop(ctx, sess.Shop.ID); err != nil {
			return err
		}
		cur, err := tx.Shop(ctx, sess.Shop.ID)
		if err != nil {
			return err
		}
		next, fields, bad := patch.Apply(cur, actor(sess), now())
		if len(bad) > 0 {
			return fault.Invalid(bad)
		}
		if len(fields) == 0 {
			out = cur
			return nil
		}
		if err := tx.UpdateShopProfile(ctx, next, nil); err != nil {
			return err
		}
		if err := tx.SaveSettings(ctx, next.ID, store.ShopSettings(next)); err != nil {
			return err
		}
		if err := tx.AddEvent(ctx, &store.Event{ShopID: next.ID, Actor: actor(sess), Action: "shop.updated",
			Detail: "fields=" + strings.Join(fields, ",")}); err != nil {
			return err
		}
		steps, err = requests.ContinueSetup(ctx, tx, next, actor(sess))
		out = next
		return err
	})
	if err != nil {
		return err
	}
	if len(steps) > 0 && h.enqueue != nil {
		_ = h.enqueue(ctx, steps...) // committed: the reconciler enqueues what this misses
	}
	noStore(c)
	return c.JSON(http.StatusOK, toShopJSON(out))
}
