package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
)

// The merchant's actions on a request's life (api_request_*.go): extend,
// refuse, verify-identity, withdraw, close. Each takes a JSON body
// {"reason", "ground"}, runs in one transaction with its audit entry and,
// for extend and refuse, the person's e-mail queued, and answers with the
// request as it is now.

// actionBody is an action's JSON body.
type actionBody struct {
	Reason string `json:"reason"`
	Ground string `json:"ground"`
}

// actionAnswer is an action's answer: the request, and the e-mail queued
// to the person (nil when none was; Notice says why).
type actionAnswer struct {
	Request requestJSON `json:"request"`
	Email   *emailRef   `json:"email"`
	Notice  string      `json:"notice,omitempty"`
}

type emailRef struct {
	ID     int64  `json:"id"`
	Kind   string `json:"kind"`
	Locale string `json:"locale"`
	Status string `json:"status"`
}

// errNoAddress is the notice of an action whose e-mail cannot be written:
// the request has no e-mail address.
const errNoAddress = "the request has no e-mail address: tell the person by the way they wrote to you"

func bindAction(c echo.Context) (requests.Action, error) {
	var b actionBody
	if err := c.Bind(&b); err != nil {
		return requests.Action{}, fault.BadRequest("bad_request", "body is not valid JSON")
	}
	return requests.Action{Reason: b.Reason, Ground: b.Ground}, nil
}

// action is one of the merchant's actions on a request: its verb (for
// the answer to a move the state table refuses) and what it does inside
// the transaction; do returns the e-mail it drafted for the person, if
// any. The JSON handlers (act) and the panel's forms run the same action
// through runAction.
type action struct {
	verb string
	do   func(ctx context.Context, tx *store.Store, sess tenant.Session, r *store.Request) (*store.Email, error)
	// next, when set, is the pipeline step do created (nil when none),
	// enqueued after the commit.
	next func() *store.Step
}

// act serves an action as JSON: the request named by :id, the answer of
// runAction.
func (h *API) act(c echo.Context, x action) error {
	id, err := pathID(c, "id", errRequestID)
	if err != nil {
		return err
	}
	out, err := h.runAction(c.Request().Context(), session(c), id, x)
	if err != nil {
		return err
	}
	noStore(c)
	return c.JSON(http.StatusOK, out)
}

// runAction runs x on the session shop's request id inside one
// transaction; the e-mail x drafted is queued in the same transaction and
// enqueued after the commit. A failure is answered by actionError.
func (h *API) runAction(ctx context.Context, sess tenant.Session, id int64, x action) (actionAnswer, error) {
	var r *store.Request
	var e *store.Email
	var step *store.Step
	notice := ""
	err := h.st.Tx(ctx, func(tx *store.Store) error {
		var err error
		if r, err = tx.Request(ctx, sess.Shop.ID, id); err != nil {
			return err
		}
		e, err = x.do(ctx, tx, sess, r)
		if errors.Is(err, mail.ErrNoRecipient) {
			e, err, notice = nil, nil, errNoAddress
		}
		if err != nil || e == nil {
			return err
		}
		if step, err = mail.QueueSend(ctx, tx, e); err != nil {
			return err
		}
		return requests.Audit(ctx, tx, r, actor(sess), "email.queued", fmt.Sprintf("email=%d kind=%s", e.ID, e.Kind))
	})
	if err != nil {
		return actionAnswer{}, actionError(err, x.verb, r)
	}
	var steps []*store.Step
	if step != nil {
		steps = append(steps, step)
	}
	if x.next != nil && x.next() != nil {
		steps = append(steps, x.next())
	}
	if len(steps) > 0 {
		_ = h.enqueue(ctx, steps...) // committed; the reconciler covers a failed enqueue
	}
	out := actionAnswer{Request: h.toRequestJSON(sess.Shop, r), Notice: notice}
	if e != nil {
		out.Email = &emailRef{ID: e.ID, Kind: e.Kind, Locale: e.Locale, Status: e.Status}
	}
	return out, nil
}

// actionError is the answer to an action that failed: 404 for another
// shop's request, 409 for a move the state table refuses or a deadline
// passed, 422 for a missing reason or an unknown ground.
func actionError(err error, verb string, r *store.Request) error {
	unprocessable := func(code, msg string) error { return fault.Wrap(http.StatusUnprocessableEntity, code, msg, err) }
	switch {
	case errors.Is(err, store.ErrNotFound):
		return fault.NotFound("no such request")
	case errors.Is(err, requests.ErrReason):
		return unprocessable("reason_required", "reason: "+strings.TrimPrefix(err.Error(), "requests: "))
	case errors.Is(err, requests.ErrGround):
		return unprocessable("invalid_ground", "ground: "+strings.TrimPrefix(err.Error(), "requests: unknown ground: "))
	case errors.Is(err, requests.ErrDeadlinePassed):
		return fault.Wrap(http.StatusConflict, "deadline_passed", fmt.Sprintf(
			"the first deadline passed on %s; the deadline can only be extended before it ends (Art. 12(3) GDPR)", r.DueAt), err)
	case errors.Is(err, requests.ErrReceiptUnknown):
		return fault.Wrap(http.StatusConflict, "receipt_unknown",
			"the day the person asked is not recorded yet, so the first deadline is unknown: record it first (POST /api/requests/:id/receipt)", err)
	case errors.Is(err, requests.ErrExtended):
		return fault.Wrap(http.StatusConflict, "already_extended", fmt.Sprintf("the deadline was extended already, to %s", r.ExtendedDueAt), err)
	case errors.Is(err, requests.ErrVerified):
		return fault.Wrap(http.StatusConflict, "already_verified", "the identity was marked verified already", err)
	case errors.Is(err, requests.ErrIllegalMove):
		return fault.Wrap(http.StatusConflict, "illegal_move", fmt.Sprintf("a request that is %s cannot be %s", r.Status, verb), err)
	case errors.Is(err, mail.ErrNoAuthority):
		return fault.Wrap(http.StatusConflict, "no_authority",
			"the refusal must name the supervisory authority: set the shop's state or name the authority in the settings", err)
	case errors.Is(err, store.ErrConflict):
		return fault.Wrap(http.StatusConflict, "conflict", "the request changed meanwhile; load it and try again", err)
	}
	return err
}

// notify is an action that tells the person: change applies it, draft
// writes the person's e-mail of it.
func notify(verb string, a requests.Action,
	change func(ctx context.Context, tx *store.Store, sess tenant.Session, r *store.Request, a requests.Action) error,
	draft func(ctx context.Context, tx *store.Store, sh *store.Shop, r *store.Request, a requests.Action) (*store.Email, error)) action {
	return action{verb: verb, do: func(ctx context.Context, tx *store.Store, sess tenant.Session, r *store.Request) (*store.Email, error) {
		if err := change(ctx, tx, sess, r, a); err != nil {
			return nil, err
		}
		return draft(ctx, tx, sess.Shop, r, a)
	}}
}

// actWithBody serves an action that takes the JSON body {reason, ground}.
func (h *API) actWithBody(c echo.Context, x func(requests.Action) action) error {
	a, err := bindAction(c)
	if err != nil {
		return err
	}
	return h.act(c, x(a))
}
