package server

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
)

// The request page's actions: plain forms (POST, then 303 back to the
// page; htmx boosts them), each running the same function as its API
// route (runAction with the API's action, approvePlanOf, retry). A refused
// action (409, 422) shows its reason next to its form, in the page's
// language, with what the merchant typed.

// requestApprove serves POST /app/requests/:id/approve.
func (p *Panel) requestApprove(c echo.Context) error {
	id, err := panelRequestID(c)
	if err != nil {
		return err
	}
	return p.afterAction(c, "approve", p.api.approvePlanOf(c.Request().Context(), session(c), id), formState{})
}

// requestVerify serves POST /app/requests/:id/verify.
func (p *Panel) requestVerify(c echo.Context) error {
	id, err := panelRequestID(c)
	if err != nil {
		return err
	}
	_, err = p.api.runAction(c.Request().Context(), session(c), id, p.api.verification())
	return p.afterAction(c, "verify", err, formState{})
}

// requestExtend serves POST /app/requests/:id/extend (reason, ground).
func (p *Panel) requestExtend(c echo.Context) error {
	return p.reasonAction(c, "extend", p.api.extension)
}

// requestReceipt serves POST /app/requests/:id/receipt (received_on): the
// day the person made a request that a platform passed on late.
func (p *Panel) requestReceipt(c echo.Context) error {
	id, err := panelRequestID(c)
	if err != nil {
		return err
	}
	on := c.FormValue("received_on")
	day, err := parseReceivedOn(on)
	if err == nil {
		_, err = p.api.runAction(c.Request().Context(), session(c), id, p.api.receipt(day))
	}
	return p.afterAction(c, "receipt", err, formState{Reason: on})
}

// requestRefuse serves POST /app/requests/:id/refuse (reason, ground).
func (p *Panel) requestRefuse(c echo.Context) error {
	return p.reasonAction(c, "refuse", p.api.refusal)
}

// requestClose serves POST /app/requests/:id/close (reason): a request
// held in identity_unverified is closed (it did not come from the person).
func (p *Panel) requestClose(c echo.Context) error {
	return p.reasonAction(c, "close", closing)
}

// requestResend serves POST /app/requests/:id/resend: the access answer
// goes again with a new link; the old one ends.
func (p *Panel) requestResend(c echo.Context) error {
	id, err := panelRequestID(c)
	if err != nil {
		return err
	}
	return p.afterAction(c, "resend", p.api.resendAnswerOf(c.Request().Context(), session(c), id), formState{})
}

// reasonAction runs an action that takes a reason and a ground.
func (p *Panel) reasonAction(c echo.Context, name string, x func(requests.Action) action) error {
	id, err := panelRequestID(c)
	if err != nil {
		return err
	}
	a := requests.Action{Reason: c.FormValue("reason"), Ground: c.FormValue("ground")}
	_, err = p.api.runAction(c.Request().Context(), session(c), id, x(a))
	return p.afterAction(c, name, err, formState{Reason: a.Reason, Ground: a.Ground})
}

// requestRetry serves POST /app/requests/:id/retry.
func (p *Panel) requestRetry(c echo.Context) error {
	sess := session(c)
	id, err := panelRequestID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	r, err := p.api.st.Request(ctx, sess.Shop.ID, id)
	if errors.Is(err, store.ErrNotFound) {
		return fault.NotFound("no such request")
	}
	if err == nil {
		_, err = p.api.retry(ctx, sess, r)
	}
	return p.afterAction(c, "retry", err, formState{})
}

// afterAction answers a form: back to the page (303) when it worked; the
// page again with the error beside the form when the request's state or
// the input refused it (4xx); anything else (404, 5xx) as an error page.
func (p *Panel) afterAction(c echo.Context, name string, err error, f formState) error {
	id, _ := panelRequestID(c)
	if err == nil {
		return c.Redirect(http.StatusSeeOther, "/app/requests/"+strconv.FormatInt(id, 10)+"?done="+name)
	}
	e := classify(err)
	if e.Status == http.StatusNotFound || e.Status >= 500 || e.Status < 400 {
		return err
	}
	d, lerr := p.loadRequest(c)
	if lerr != nil {
		return lerr
	}
	v := p.newView(c, "", "", nil)
	f.Action, f.Error = name, actionMessage(v.L, e, d.Req)
	d.Form = f
	shown := map[string]bool{"approve": d.Can.Approve, "verify": d.Can.Verify, "extend": d.Can.Extend, "refuse": d.Can.Refuse, "retry": d.Can.Retry,
		"close": d.Can.Close, "resend": d.Can.Resend, "receipt": d.Can.Receipt}
	for i := range d.Emails {
		if d.Emails[i].ID != f.EmailID {
			continue
		}
		shown["edit"], shown["send"] = true, true // the e-mail's own block shows the error
		if name == "edit" && d.Emails[i].Editable {
			d.Emails[i].Subject, d.Emails[i].Text = f.Subject, f.Body // keep what the merchant wrote
		}
	}
	d.Form.Orphan = !shown[name] // its form is gone (the state moved on): the error goes on top
	if c.Request().Header.Get("HX-Request") == "true" {
		h := c.Response().Header()
		// The address stays the page's (historyHeaders, in render); the
		// page is shown at the error, not at its top, which on a phone is
		// far from the form.
		if !d.Form.Orphan {
			h.Set("HX-Reswap", "innerHTML show:#"+errorID(name, f.EmailID)+":top")
		}
	}
	return p.renderRequest(c, e.Status, d)
}

// errorID is the id of the error shown next to the form name (the
// e-mail's block for edit and send).
func errorID(name string, emailID int64) string {
	if name == "edit" || name == "send" {
		return "email-" + strconv.FormatInt(emailID, 10) + "-error"
	}
	return name + "-error"
}

// actionMessage is a refused action's reason in the page's language; a
// code the catalog does not know shows the API's message.
func actionMessage(l lang, e *fault.Error, r *store.Request) string {
	switch e.Code {
	case "deadline_passed":
		return l.T("reqpage.err.deadline_passed", dateIn(l, r.DueAt.Time))
	case "already_extended":
		return l.T("reqpage.err.already_extended", dateIn(l, r.ExtendedDueAt.Time))
	case "invalid_received_on":
		return l.T("reqpage.err.invalid_received_on")
	case "illegal_move":
		return l.T("reqpage.err.illegal_move", statusLabel(l, r.Status))
	}
	if _, ok := catalog["reqpage.err."+e.Code]; ok {
		return l.T("reqpage.err." + e.Code)
	}
	return l.T("reqpage.err.other", e.Message)
}
