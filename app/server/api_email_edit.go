package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
)

// emailEditBody is the body of PATCH /api/requests/:id/emails/:email_id.
type emailEditBody struct {
	Subject  string `json:"subject"`
	BodyText string `json:"body_text"`
}

// editEmailJSON serves PATCH /api/requests/:id/emails/:email_id
// {subject, body_text}: the merchant's edit of a draft before it is sent;
// the HTML body is made from the text. 409 once it is queued or sent.
func (h *API) editEmailJSON(c echo.Context) error {
	reqID, err := pathID(c, "id", errRequestID)
	if err != nil {
		return err
	}
	emailID, err := pathID(c, "email_id", errEmailID)
	if err != nil {
		return err
	}
	var b emailEditBody
	if err := c.Bind(&b); err != nil {
		return fault.BadRequest("bad_request", "body is not valid JSON")
	}
	e, err := h.editEmail(c.Request().Context(), session(c), reqID, emailID, b.Subject, b.BodyText)
	if err != nil {
		return err
	}
	noStore(c)
	return c.JSON(http.StatusOK, toEmailJSON(e))
}

// editEmail replaces the draft emailID of the session shop's request reqID
// with the merchant's subject and text (mail.EditDraft), with the audit
// entry email.edited (ids only, never the words). Another shop's or
// another request's e-mail is 404, one no longer a draft 409, an empty or
// overlong edit 422.
func (h *API) editEmail(ctx context.Context, sess tenant.Session, reqID, emailID int64, subject, text string) (*store.Email, error) {
	var e *store.Email
	err := h.st.Tx(ctx, func(tx *store.Store) error {
		var err error
		if e, err = tx.Email(ctx, sess.Shop.ID, emailID); err != nil {
			return err
		}
		if e.RequestID == nil || *e.RequestID != reqID {
			return store.ErrNotFound
		}
		r, err := tx.Request(ctx, sess.Shop.ID, reqID)
		if err != nil {
			return err
		}
		if e.Status != store.EmailDraft {
			return store.ErrConflict
		}
		if err := mail.EditDraft(ctx, tx, sess.Shop, e, subject, text); err != nil {
			return err
		}
		return requests.Audit(ctx, tx, r, actor(sess), "email.edited", fmt.Sprintf("email=%d kind=%s", e.ID, e.Kind))
	})
	switch {
	case errors.Is(err, store.ErrNotFound):
		return nil, fault.NotFound("no such e-mail")
	case errors.Is(err, store.ErrEmailSent):
		return nil, fault.Wrap(http.StatusConflict, "already_sent", "the e-mail was sent already", err)
	case errors.Is(err, store.ErrConflict):
		return nil, fault.Wrap(http.StatusConflict, "not_draft", "only a draft can be edited; this e-mail is queued or sent", err)
	case errors.Is(err, mail.ErrEdit):
		return nil, fault.Wrap(http.StatusUnprocessableEntity, "invalid_edit", err.Error(), err)
	}
	return e, err
}
