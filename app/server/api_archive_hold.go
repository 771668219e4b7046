package server

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/logging"
	"github.com/lethe-gdpr/lethe/app/store"
)

// MinReasonLength is the shortest reason an export or a legal hold accepts.
const MinReasonLength = 10

// maxAuditedReason is how much of a reason the audit trail keeps.
const maxAuditedReason = 200

type holdBody struct {
	Reason string `json:"reason"`
}

// setHold serves POST /api/archive/:id/hold {"reason"}: the record is kept
// whatever its retain_until says until the hold is lifted (§147(3) AO: it
// still matters for an open tax assessment).
func (h *API) setHold(c echo.Context) error { return h.hold(c, true) }

// liftHold serves DELETE /api/archive/:id/hold (optionally {"reason"}):
// the record is purged once its retain_until has passed.
func (h *API) liftHold(c echo.Context) error { return h.hold(c, false) }

func (h *API) hold(c echo.Context, on bool) error {
	sess := session(c)
	id, err := pathID(c, "id", errArchiveID)
	if err != nil {
		return err
	}
	var b holdBody
	if err := c.Bind(&b); err != nil {
		return fault.BadRequest("bad_request", "body is not valid JSON")
	}
	var audited string
	if on {
		if _, audited, err = statedReason(b.Reason); err != nil {
			return err
		}
	} else if strings.TrimSpace(b.Reason) != "" {
		audited = auditedReason(b.Reason)
	}
	action, detail := "archive.hold_lifted", fmt.Sprintf("entry=%d", id)
	if on {
		action = "archive.hold_set"
	}
	if audited != "" {
		detail += " reason=" + audited
	}
	ctx := c.Request().Context()
	var rec *store.ArchiveEntry
	err = h.st.Tx(ctx, func(tx *store.Store) error {
		var err error
		if rec, err = tx.SetLegalHold(ctx, sess.Shop.ID, id, on, audited); err != nil {
			return err
		}
		return tx.AddEvent(ctx, &store.Event{ShopID: sess.Shop.ID, Actor: actor(sess), Action: action, Detail: detail})
	})
	if errors.Is(err, store.ErrNotFound) {
		return fault.NotFound("no such archived record")
	}
	if err != nil {
		return err
	}
	noStore(c)
	return c.JSON(http.StatusOK, toArchiveRecordJSON(rec))
}

// statedReason checks a merchant's reason for using restricted data and
// returns it trimmed, and the form the audit trail and the hold keep.
func statedReason(raw string) (reason, audited string, err error) {
	reason = strings.TrimSpace(raw)
	if utf8.RuneCountInString(reason) < MinReasonLength {
		return "", "", fault.BadRequest("reason_required",
			fmt.Sprintf("state the reason (at least %d characters), e.g. \"tax audit 2027 by Finanzamt München\"", MinReasonLength))
	}
	return reason, auditedReason(reason), nil
}

// auditedReason is a reason as the audit trail keeps it: on one line,
// e-mail addresses and phone numbers scrubbed, at most 200 characters
// (scrubbed first, so a cut cannot leave half an address unrecognised).
func auditedReason(raw string) string {
	s := strings.Join(strings.FieldsFunc(raw, unicode.IsSpace), " ")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, logging.Scrub(s))
	if utf8.RuneCountInString(s) > maxAuditedReason {
		s = string([]rune(s)[:maxAuditedReason])
	}
	return s
}
