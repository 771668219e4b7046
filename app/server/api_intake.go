package server

import (
	"net/http"
	"net/mail"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
)

// intakeBody is a request the merchant received outside the platform.
type intakeBody struct {
	Type       string `json:"type"`
	Email      string `json:"email"`
	Name       string `json:"name"`
	Phone      string `json:"phone"`
	CustomerID string `json:"customer_id"`
	Channel    string `json:"channel"`
	Locale     string `json:"locale"`
	ReceivedAt string `json:"received_at"` // RFC 3339, or YYYY-MM-DD (then noon in the shop's zone)
}

var channels = map[string]bool{"e-mail": true, "letter": true, "phone": true, "in_person": true, "form": true, "chat": true, "other": true}

// channelAliases are other spellings of a channel that API users type; the
// request stores the channel they stand for.
var channelAliases = map[string]string{"email": "e-mail"}

// enterRequest serves POST /api/requests, manual intake: the request gets
// the same pipeline and its due date from its real receipt time.
func (h *API) enterRequest(c echo.Context) error {
	sess := session(c)
	var b intakeBody
	if err := c.Bind(&b); err != nil {
		return fault.BadRequest("bad_request", "body is not valid JSON")
	}
	n, err := b.validate(sess.Shop, h.now())
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	var r *store.Request
	var step *store.Step
	err = h.st.Tx(ctx, func(tx *store.Store) error {
		var err error
		if r, step, err = requests.Create(ctx, tx, sess.Shop, n); err != nil {
			return err
		}
		return requests.Audit(ctx, tx, r, actor(sess), "request.entered", "channel="+n.Channel)
	})
	if err != nil {
		return err
	}
	_ = h.enqueue(ctx, step) // committed; the reconciler covers a failed enqueue
	return c.JSON(http.StatusCreated, map[string]any{
		"id": r.ID, "type": r.Type, "status": r.Status, "source": r.Source, "channel": r.Channel,
		"received_at": r.ReceivedAt, "due_at": r.DueAt, "extended_due_at": r.ExtendedDueAt,
	})
}

func (b intakeBody) validate(sh *store.Shop, now time.Time) (requests.New, error) {
	n := requests.New{Source: "manual", Channel: b.Channel, Locale: strings.ToLower(strings.TrimSpace(b.Locale))}
	switch b.Type {
	case store.TypeAccess, store.TypeErasure:
		n.Type = b.Type
	default:
		return n, fault.BadRequest("invalid_type", `type must be "access" or "erasure"`)
	}
	addr, err := mail.ParseAddress(strings.TrimSpace(b.Email))
	if err != nil || addr.Name != "" || !strings.Contains(addr.Address, ".") {
		return n, fault.BadRequest("invalid_email", "email must be a plain e-mail address (name@example.com)")
	}
	if n.Channel == "" {
		n.Channel = "e-mail"
	}
	if c, ok := channelAliases[n.Channel]; ok {
		n.Channel = c
	}
	if !channels[n.Channel] {
		return n, fault.BadRequest("invalid_channel", "channel must be one of e-mail (or email), letter, phone, in_person, form, chat, other")
	}
	if len(b.Name) > 200 || len(b.Phone) > 50 || len(b.CustomerID) > 200 {
		return n, fault.BadRequest("too_long", "name, phone or customer_id is too long")
	}
	n.Subject = store.Subject{Email: addr.Address, Name: strings.TrimSpace(b.Name), Phone: strings.TrimSpace(b.Phone), CustomerID: strings.TrimSpace(b.CustomerID)}
	n.ReceivedAt = now
	if b.ReceivedAt != "" {
		t, err := time.Parse(time.RFC3339, b.ReceivedAt)
		if err != nil {
			d, derr := time.ParseInLocation(time.DateOnly, b.ReceivedAt, sh.Location())
			if derr != nil {
				return n, fault.BadRequest("invalid_received_at", "received_at must be RFC 3339 (2026-11-28T09:30:00+01:00) or a date (2026-11-28)")
			}
			t = d.Add(12 * time.Hour)
		}
		if t.After(now.Add(5 * time.Minute)) {
			return n, fault.BadRequest("invalid_received_at", "received_at is in the future")
		}
		if t.Before(now.AddDate(-1, 0, 0)) {
			return n, fault.BadRequest("invalid_received_at", "received_at is more than a year ago")
		}
		n.ReceivedAt = t
	}
	return n, nil
}
