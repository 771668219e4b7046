package server

import (
	"context"
	"net/http"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
)

// intakeBody is a request the merchant received outside the platform, as
// the API's JSON body and the panel's form (panel_request_new.go) give it.
type intakeBody struct {
	Type       string   `json:"type"`
	Email      string   `json:"email"`
	Name       string   `json:"name"`
	Phone      string   `json:"phone"`
	CustomerID string   `json:"customer_id"`
	OrderIDs   []string `json:"order_ids"` // the platform's order ids the person named
	Channel    string   `json:"channel"`
	Locale     string   `json:"locale"`
	ReceivedAt string   `json:"received_at"` // RFC 3339, or YYYY-MM-DD (then noon in the shop's zone, or now when that is today)
	Note       string   `json:"note"`        // the merchant's own note, sealed
}

var channels = map[string]bool{"e-mail": true, "letter": true, "phone": true, "in_person": true, "form": true, "chat": true, "other": true}

// channelList is channels in the order the form offers them.
var channelList = []string{"e-mail", "letter", "phone", "in_person", "form", "chat", "other"}

// channelAliases are other spellings of a channel that API users type; the
// request stores the channel they stand for.
var channelAliases = map[string]string{"email": "e-mail"}

// Limits of a manual intake's free fields.
const (
	maxOrderIDs = 50
	maxNote     = 2000
)

// enterRequest serves POST /api/requests, manual intake: the request gets
// the same pipeline and its due date from its real receipt time.
func (h *API) enterRequest(c echo.Context) error {
	sess := session(c)
	var b intakeBody
	if err := c.Bind(&b); err != nil {
		return fault.BadRequest("bad_request", "body is not valid JSON")
	}
	n, err := b.validate(sess.Shop, h.clock())
	if err != nil {
		return err
	}
	r, err := h.enter(c.Request().Context(), sess, n)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, map[string]any{
		"id": r.ID, "type": r.Type, "status": r.Status, "source": r.Source, "channel": r.Channel,
		"received_at": r.ReceivedAt, "due_at": r.DueAt, "extended_due_at": r.ExtendedDueAt,
	})
}

// enter records a request the merchant entered (the API's intake and the
// panel's form): the request with its due dates, its audit entries and
// its first step in one transaction, then the step is enqueued.
func (h *API) enter(ctx context.Context, sess tenant.Session, n requests.New) (*store.Request, error) {
	var r *store.Request
	var step *store.Step
	err := h.st.Tx(ctx, func(tx *store.Store) error {
		var err error
		if r, step, err = requests.Create(ctx, tx, sess.Shop, n); err != nil {
			return err
		}
		return requests.Audit(ctx, tx, r, actor(sess), "request.entered", "channel="+n.Channel)
	})
	if err != nil {
		return nil, err
	}
	if h.enqueue != nil {
		_ = h.enqueue(ctx, step) // committed; the reconciler covers a failed enqueue
	}
	return r, nil
}

// intakeProblem is one bad field of a manual intake: the field's name (as
// in the JSON body and the form), a stable code and a safe message; Key
// names the panel's text for it (new.err.<Key>), the field's when empty.
type intakeProblem struct {
	Field, Code, Message, Key string
}

// validate is check for the API: the first problem is its 400.
func (b intakeBody) validate(sh *store.Shop, now time.Time) (requests.New, error) {
	n, problems := b.check(sh, now)
	if len(problems) > 0 {
		return n, fault.BadRequest(problems[0].Code, problems[0].Message)
	}
	return n, nil
}

// check turns the body into a new manual request of sh at now, listing
// every bad field.
func (b intakeBody) check(sh *store.Shop, now time.Time) (requests.New, []intakeProblem) {
	var ps []intakeProblem
	bad := func(field, code, msg string) { ps = append(ps, intakeProblem{Field: field, Code: code, Message: msg}) }
	n := requests.New{Source: "manual", Channel: strings.TrimSpace(b.Channel), Locale: strings.ToLower(strings.TrimSpace(b.Locale)),
		Note: strings.TrimSpace(b.Note)}
	switch b.Type {
	case store.TypeAccess, store.TypeErasure:
		n.Type = b.Type
	default:
		bad("type", "invalid_type", `type must be "access" or "erasure"`)
	}
	addr, err := mail.ParseAddress(strings.TrimSpace(b.Email))
	if err != nil || addr.Name != "" || !strings.Contains(addr.Address, ".") {
		bad("email", "invalid_email", "email must be a plain e-mail address (name@example.com)")
		addr = &mail.Address{}
	}
	if n.Channel == "" {
		n.Channel = "e-mail"
	}
	if c, ok := channelAliases[n.Channel]; ok {
		n.Channel = c
	}
	if !channels[n.Channel] {
		bad("channel", "invalid_channel", "channel must be one of e-mail (or email), letter, phone, in_person, form, chat, other")
	}
	for _, f := range []struct {
		name, v string
		max     int
	}{{"name", b.Name, 200}, {"phone", b.Phone, 50}, {"customer_id", b.CustomerID, 200}} {
		if len(f.v) > f.max {
			bad(f.name, "too_long", "name, phone or customer_id is too long")
		}
	}
	var orders []string
	for _, o := range b.OrderIDs {
		if o = strings.TrimSpace(o); o != "" {
			orders = append(orders, o)
		}
		if len(o) > 100 || strings.ContainsAny(o, " ,;") {
			bad("order_ids", "invalid_order_ids", "order_ids must be the platform's order ids, each at most 100 characters")
			break
		}
	}
	if len(orders) > maxOrderIDs {
		bad("order_ids", "invalid_order_ids", "at most 50 order_ids")
	}
	if utf8.RuneCountInString(n.Note) > maxNote {
		bad("note", "too_long", "note is longer than 2000 characters")
	}
	n.Subject = store.Subject{Email: addr.Address, Name: strings.TrimSpace(b.Name), Phone: strings.TrimSpace(b.Phone),
		CustomerID: strings.TrimSpace(b.CustomerID), OrderIDs: orders}
	n.ReceivedAt = now
	if at, p := receivedAt(b.ReceivedAt, sh.Location(), now); p != nil {
		ps = append(ps, *p)
	} else if !at.IsZero() {
		n.ReceivedAt = at
	}
	return n, ps
}

// receivedAt reads the time a request was received: RFC 3339, or a date of
// the shop's calendar (noon; now when the date is today, so that a request
// entered in the morning is not in the future). Zero when v is empty.
func receivedAt(v string, loc *time.Location, now time.Time) (time.Time, *intakeProblem) {
	bad := func(key, msg string) *intakeProblem {
		return &intakeProblem{Field: "received_at", Code: "invalid_received_at", Message: msg, Key: key}
	}
	if v = strings.TrimSpace(v); v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		d, derr := time.ParseInLocation(time.DateOnly, v, loc)
		if derr != nil {
			return t, bad("received_at", "received_at must be RFC 3339 (2026-11-28T09:30:00+01:00) or a date (2026-11-28)")
		}
		t = d.Add(12 * time.Hour)
		if y, m, dd := now.In(loc).Date(); d.Equal(time.Date(y, m, dd, 0, 0, 0, 0, loc)) && t.After(now) {
			t = now
		}
	}
	if t.After(now.Add(5 * time.Minute)) {
		return t, bad("received_at.future", "received_at is in the future")
	}
	if t.Before(now.AddDate(-1, 0, 0)) {
		return t, bad("received_at.old", "received_at is more than a year ago")
	}
	return t, nil
}
