package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
)

// A request's reply e-mails: the drafts to review and the send button.

// listEmails serves GET /api/requests/:id/emails: the request's e-mails,
// oldest first.
func (h *API) listEmails(c echo.Context) error {
	sess, r, err := h.shopRequest(c, errRequestID)
	if errors.Is(err, store.ErrNotFound) {
		return fault.NotFound("no such request")
	} else if err != nil {
		return err
	}
	es, err := h.st.EmailsOf(c.Request().Context(), sess.Shop.ID, r.ID)
	if err != nil {
		return err
	}
	out := emailsPage{Emails: make([]emailJSON, 0, len(es))}
	for i := range es {
		out.Emails = append(out.Emails, toEmailJSON(&es[i]))
	}
	noStore(c)
	return c.JSON(http.StatusOK, out)
}

// sendEmail serves POST /api/requests/:id/emails/:email_id/send: it queues
// one e-mail of the request: 202, or 409 when it was sent.
func (h *API) sendEmail(c echo.Context) error {
	reqID, err := pathID(c, "id", errRequestID)
	if err != nil {
		return err
	}
	emailID, err := pathID(c, "email_id", errEmailID)
	if err != nil {
		return err
	}
	e, err := h.queueEmail(c.Request().Context(), session(c), reqID, emailID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusAccepted, map[string]any{"id": e.ID, "status": e.Status})
}

// queueEmail queues the e-mail emailID of the session shop's request
// reqID, with its audit entry, and enqueues its step after the commit (the
// API's send and the panel's send button). Another shop's or another
// request's e-mail is 404, a sent one 409, an answer of an ended request
// 409.
func (h *API) queueEmail(ctx context.Context, sess tenant.Session, reqID, emailID int64) (*store.Email, error) {
	var step *store.Step
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
		if mail.IsAnswer(e.Kind) && requests.Ended(r.Status) {
			return fault.Conflict("request_ended", "the request is "+r.Status+"; its answer is not sent")
		}
		// An extension must reach the person within the first month
		// (Art. 12(3) GDPR): once it passed, its notice is not sent.
		if e.Kind == mail.KindExtensionNotice && e.Status != store.EmailSent && requests.FirstDeadlinePassed(sess.Shop, r, h.clock()) {
			return fault.Conflict("deadline_passed", "the first deadline passed on "+r.DueAt.String()+"; an extension notice can no longer be sent (Art. 12(3) GDPR)")
		}
		if step, err = mail.QueueSend(ctx, tx, e); err != nil {
			return err
		}
		return requests.Audit(ctx, tx, r, actor(sess), "email.queued", fmt.Sprintf("email=%d kind=%s", e.ID, e.Kind))
	})
	switch {
	case errors.Is(err, store.ErrNotFound):
		return nil, fault.NotFound("no such e-mail")
	case errors.Is(err, store.ErrEmailSent):
		return nil, fault.Conflict("already_sent", "the e-mail was sent already")
	case err != nil:
		return nil, err
	}
	_ = h.enqueue(ctx, step) // committed; the reconciler covers a failed enqueue
	return e, nil
}

type emailsPage struct {
	Emails []emailJSON `json:"emails"`
}

// emailJSON is an e-mail as the admin shows it for review.
type emailJSON struct {
	ID       int64   `json:"id"`
	Kind     string  `json:"kind"`
	Locale   string  `json:"locale"`
	To       string  `json:"to"`
	Subject  string  `json:"subject"`
	BodyText string  `json:"body_text"`
	BodyHTML string  `json:"body_html"`
	Status   string  `json:"status"`
	QueuedAt *string `json:"queued_at"`
	SentAt   *string `json:"sent_at"`
	Error    string  `json:"error"`
}

func toEmailJSON(e *store.Email) emailJSON {
	return emailJSON{
		ID: e.ID, Kind: e.Kind, Locale: e.Locale, To: e.To, Subject: e.Subject,
		BodyText: e.BodyText, BodyHTML: e.BodyHTML, Status: e.Status, Error: e.Error,
		QueuedAt: emailTime(e.QueuedAt), SentAt: emailTime(e.SentAt),
	}
}

func emailTime(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := t.UTC().Format(time.RFC3339)
	return &s
}
