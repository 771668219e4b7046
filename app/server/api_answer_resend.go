package server

import (
	"context"
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/pipeline"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
)

// Resender sends a request's access answer again with a new link, ending
// every earlier one (the pipeline's ResendAnswer); it returns the send
// step to enqueue.
type Resender func(ctx context.Context, shopID, requestID int64, by string) (*store.Step, error)

// WithResend lets the API resend access answers through f.
func (h *API) WithResend(f Resender) *API {
	h.resend = f
	return h
}

// resendAnswer serves POST /api/requests/:id/answer/resend: the access
// answer goes out again with a new link (the old one ends at once; the new
// one works from the sending, for the link lifetime): 202, or 409 when no
// answer was sent yet.
func (h *API) resendAnswer(c echo.Context) error {
	id, err := pathID(c, "id", errRequestID)
	if err != nil {
		return err
	}
	if err := h.resendAnswerOf(c.Request().Context(), session(c), id); err != nil {
		return err
	}
	return c.JSON(http.StatusAccepted, map[string]any{"id": id, "resent": true})
}

// resendAnswerOf resends the answer of the session shop's request id (the
// API's route and the panel's button) and enqueues its step.
func (h *API) resendAnswerOf(ctx context.Context, sess tenant.Session, id int64) error {
	if h.resend == nil {
		return fault.Wrap(http.StatusConflict, "resend_unavailable", "answers cannot be resent here", nil)
	}
	st, err := h.resend(ctx, sess.Shop.ID, id, actor(sess))
	switch {
	case errors.Is(err, store.ErrNotFound):
		return fault.NotFound("no such request")
	case errors.Is(err, pipeline.ErrNotAnswered):
		return fault.Wrap(http.StatusConflict, "not_answered", "the access answer was not sent yet; send it first", err)
	case err != nil:
		return err
	}
	if st != nil {
		_ = h.enqueue(ctx, st) // committed; the reconciler covers a failed enqueue
	}
	return nil
}
