package server

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
)

// The request's e-mails on its page: each draft's subject and text,
// editable while it is a draft (the API's editEmail), its preview as the
// person gets it (the text here, the HTML on its own page), and the send
// button (the API's queueEmail).

// emailView is one e-mail on the page.
type emailView struct {
	ID       int64
	Kind     string
	Locale   string
	To       string
	Subject  string
	Text     string
	Status   string
	QueuedAt time.Time
	SentAt   time.Time
	Error    string
	Editable bool // a draft: the merchant may change it
	Sendable bool // a draft or a failed e-mail the request still lets go
	HasHTML  bool
}

func (p *Panel) emails(ctx context.Context, sh *store.Shop, r *store.Request) ([]emailView, error) {
	es, err := p.api.st.EmailsOf(ctx, sh.ID, r.ID)
	if err != nil {
		return nil, err
	}
	out := make([]emailView, 0, len(es))
	for i := range es {
		e := &es[i]
		v := emailView{ID: e.ID, Kind: e.Kind, Locale: mail.Language(e.Locale), To: e.To, Subject: e.Subject, Text: e.BodyText,
			Status: e.Status, Error: e.Error, HasHTML: e.BodyHTML != ""}
		if e.QueuedAt != nil {
			v.QueuedAt = *e.QueuedAt
		}
		if e.SentAt != nil {
			v.SentAt = *e.SentAt
		}
		v.Editable = e.Status == store.EmailDraft
		v.Sendable = (e.Status == store.EmailDraft || e.Status == store.EmailFailed) && !(mail.IsAnswer(e.Kind) && requests.Ended(r.Status))
		out = append(out, v)
	}
	return out, nil
}

// Sendable reports whether one of the request's e-mails waits to be sent.
func (d *requestData) Sendable() bool {
	for _, e := range d.Emails {
		if e.Sendable {
			return true
		}
	}
	return false
}

// panelEmailID is the path's e-mail id; anything else is 404.
func panelEmailID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("email_id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, fault.NotFound("no such e-mail")
	}
	return id, nil
}

// requestEmailEdit serves POST /app/requests/:id/emails/:email_id
// (subject, body): the draft is saved, or the page shows why not next to
// the form, keeping what the merchant wrote.
func (p *Panel) requestEmailEdit(c echo.Context) error {
	id, err := panelRequestID(c)
	if err != nil {
		return err
	}
	emailID, err := panelEmailID(c)
	if err != nil {
		return err
	}
	subject, body := c.FormValue("subject"), c.FormValue("body")
	_, err = p.api.editEmail(c.Request().Context(), session(c), id, emailID, subject, body)
	return p.afterAction(c, "edit", err, formState{EmailID: emailID, Subject: subject, Body: body})
}

// requestEmailSend serves POST /app/requests/:id/emails/:email_id/send.
func (p *Panel) requestEmailSend(c echo.Context) error {
	id, err := panelRequestID(c)
	if err != nil {
		return err
	}
	emailID, err := panelEmailID(c)
	if err != nil {
		return err
	}
	_, err = p.api.queueEmail(c.Request().Context(), session(c), id, emailID)
	return p.afterAction(c, "send", err, formState{EmailID: emailID})
}

// requestEmailPreview serves GET /app/requests/:id/emails/:email_id/preview:
// the e-mail's HTML as the person gets it, on a page of its own with the
// answer pages' headers (no scripts, nothing loaded, never framed).
func (p *Panel) requestEmailPreview(c echo.Context) error {
	sess := session(c)
	id, err := panelRequestID(c)
	if err != nil {
		return err
	}
	emailID, err := panelEmailID(c)
	if err != nil {
		return err
	}
	e, err := p.api.st.Email(c.Request().Context(), sess.Shop.ID, emailID)
	if errors.Is(err, store.ErrNotFound) || err == nil && (e.RequestID == nil || *e.RequestID != id) {
		return fault.NotFound("no such e-mail")
	}
	if err != nil {
		return err
	}
	if e.BodyHTML == "" {
		return c.Blob(http.StatusOK, "text/plain; charset=utf-8", []byte(e.BodyText))
	}
	return c.HTMLBlob(http.StatusOK, []byte(e.BodyHTML))
}
