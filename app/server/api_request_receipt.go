package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
)

// receiptBody is the JSON body of POST /api/requests/:id/receipt.
type receiptBody struct {
	ReceivedOn string `json:"received_on"` // YYYY-MM-DD
}

// recordReceipt serves POST /api/requests/:id/receipt {received_on}: the
// day the person made a request that reached Lethe through a platform's
// delayed webhook (Shopify's customers/redact); the due dates are counted
// from it (Art. 12(3) GDPR). The answer is the request as it is now.
func (h *API) recordReceipt(c echo.Context) error {
	var b receiptBody
	if err := c.Bind(&b); err != nil {
		return fault.BadRequest("bad_request", "body is not valid JSON")
	}
	on, err := parseReceivedOn(b.ReceivedOn)
	if err != nil {
		return err
	}
	return h.act(c, h.receipt(on))
}

// parseReceivedOn reads the day of receipt (YYYY-MM-DD).
func parseReceivedOn(s string) (gdpr.Date, error) {
	d, err := gdpr.ParseDate(strings.TrimSpace(s))
	if err != nil {
		return gdpr.Date{}, fault.Wrap(http.StatusUnprocessableEntity, "invalid_received_on", "received_on: a day as YYYY-MM-DD is required", err)
	}
	return d, nil
}

// receipt is the action that records the day of receipt on.
func (h *API) receipt(on gdpr.Date) action {
	return action{verb: "given a day of receipt", do: func(ctx context.Context, tx *store.Store, sess tenant.Session, r *store.Request) (*store.Email, error) {
		err := requests.RecordReceipt(ctx, tx, sess.Shop, r, actor(sess), on)
		if err != nil {
			return nil, receiptError(err, sess.Shop, r)
		}
		return nil, nil
	}}
}

// receiptError is the answer to a day of receipt that cannot be recorded:
// 409 when the receipt was known at intake, 422 for a day out of range.
func receiptError(err error, sh *store.Shop, r *store.Request) error {
	switch {
	case errors.Is(err, requests.ErrReceiptKnown):
		return fault.Wrap(http.StatusConflict, "receipt_known", "the day of receipt is known from the request's intake", err)
	case errors.Is(err, requests.ErrReceiptDay):
		first, last := requests.ReceiptRange(sh, r)
		return fault.Wrap(http.StatusUnprocessableEntity, "invalid_received_on",
			fmt.Sprintf("received_on: a day from %s to %s (the platform's webhook arrived on %s)", first, last, last), err)
	}
	return err
}
