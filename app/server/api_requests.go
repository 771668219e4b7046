package server

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
)

// listRequests serves GET /api/requests: one page of the shop's requests.
//
// Filters (all optional, combined with AND): status (one or several,
// comma-separated or repeated), type, source, overdue=true|false, due_within=N
// (open requests due from today to N days from now, 0–366), received_from and
// received_to (dates YYYY-MM-DD of the shop's calendar, both inclusive).
// sort: -received (newest first, the default), received, due (most urgent
// first), -due. Paging: limit (1–500, default 100) and cursor, the opaque
// next_cursor of the previous page (for the same sort); keyset paging, so
// requests inserted meanwhile never repeat or skip one. A bad value is 400
// naming the parameter. The figures of the panel's header are a route of
// their own, GET /api/requests/counts (countRequests), so that a page does
// not pay for them.
func (h *API) listRequests(c echo.Context) error {
	sess := session(c)
	f, err := requestFilter(c, sess.Shop, h.clock())
	if err != nil {
		return err
	}
	rs, err := h.st.ListRequests(c.Request().Context(), sess.Shop.ID, f)
	if err != nil {
		return err
	}
	out := requestsPage{Requests: make([]requestJSON, 0, len(rs))}
	for i := range rs {
		out.Requests = append(out.Requests, h.toRequestJSON(sess.Shop, &rs[i]))
	}
	if len(rs) == f.Limit && len(rs) > 0 {
		out.NextCursor = store.CursorAfter(&rs[len(rs)-1], f.Sort).Encode()
	}
	noStore(c)
	return c.JSON(http.StatusOK, out)
}

// countRequests serves GET /api/requests/counts: open, due this week,
// overdue, median days to answer (requests.Counts).
func (h *API) countRequests(c echo.Context) error {
	sess := session(c)
	counts, err := requests.CountRequests(c.Request().Context(), h.st, sess.Shop, h.clock())
	if err != nil {
		return err
	}
	noStore(c)
	return c.JSON(http.StatusOK, counts)
}

// getRequest serves GET /api/requests/:id; another shop's request is not
// found.
func (h *API) getRequest(c echo.Context) error {
	sess, r, err := h.shopRequest(c, errRequestID)
	if errors.Is(err, store.ErrNotFound) {
		return fault.NotFound("no such request")
	}
	if err != nil {
		return err
	}
	noStore(c)
	return c.JSON(http.StatusOK, h.toRequestJSON(sess.Shop, r))
}

// clock is the API's time (the store's when none was given).
func (h *API) clock() time.Time {
	if h.now != nil {
		return h.now()
	}
	return h.st.Now()
}

// noStore keeps answers carrying personal data out of caches.
func noStore(c echo.Context) { c.Response().Header().Set(echo.HeaderCacheControl, "no-store") }

type requestsPage struct {
	Requests   []requestJSON `json:"requests"`
	NextCursor string        `json:"next_cursor,omitempty"`
}

// requestJSON is a request as the admin API shows it: times in RFC 3339
// (UTC), deadlines as calendar dates. overdue and days_left are computed on
// the shop's calendar from the effective due date (store.EffectiveDue):
// days_left is 0 on the due date, negative when overdue (-2: two days
// late), null once the request is closed (answered, completed); a closed
// request is never overdue.
type requestJSON struct {
	ID           int64    `json:"id"`
	Type         string   `json:"type"`
	Status       string   `json:"status"`
	Source       string   `json:"source"`
	Channel      string   `json:"channel"`
	Partial      bool     `json:"partial"`
	Failure      string   `json:"failure"`
	SetupMissing []string `json:"setup_missing"` // needs_setup: the shop's missing setup fields
	// IdentityMismatch: identity_unverified: the request's fields that
	// belong to another person than its e-mail address (customer_id,
	// phone, order_ids)
	IdentityMismatch []string `json:"identity_mismatch"`
	// WaitReason: what the open request waits for, "" while it waits for
	// nothing: "reconnect:<system>" — a system refused the shop's
	// credentials, and a step waits until it is connected again (the
	// status stays, the deadline runs on)
	WaitReason string `json:"wait_reason"`
	Locale     string `json:"locale"`
	ExternalID string `json:"external_id"`
	ReceivedAt string `json:"received_at"`
	// Receipt: "known" (received_at is when the person asked), "unknown"
	// (received_at is when the platform's delayed webhook arrived —
	// Shopify's customers/redact; the legal due dates are null until the
	// merchant records the day, POST /api/requests/:id/receipt, and
	// days_left and overdue count to platform_due_at), "recorded" (the
	// merchant recorded it).
	Receipt       string      `json:"receipt"`
	DueAt         *string     `json:"due_at"`
	ExtendedDueAt *string     `json:"extended_due_at"`
	PlatformDueAt *string     `json:"platform_due_at"`
	ExtendedAt    *string     `json:"extended_at"`
	AnsweredAt    *string     `json:"answered_at"`
	CompletedAt   *string     `json:"completed_at"`
	Overdue       bool        `json:"overdue"`
	DaysLeft      *int        `json:"days_left"`
	Subject       subjectJSON `json:"subject"`

	// Extended: the merchant extended the deadline (Art. 12(3) GDPR), so
	// EffectiveDueAt is extended_due_at; else it is due_at.
	Extended bool `json:"extended"`
	// Extendable: the deadline can still be extended (open, not extended,
	// the receipt day known, the first deadline not passed); an overdue
	// request never is.
	Extendable         bool    `json:"extendable"`
	EffectiveDueAt     *string `json:"effective_due_at"`
	IdentityVerifiedAt *string `json:"identity_verified_at"`
	ClosingReason      string  `json:"closing_reason"` // why it was refused, withdrawn or closed
	Note               string  `json:"note"`           // the merchant's note on a request entered by hand
}

type subjectJSON struct {
	CustomerID string   `json:"customer_id"`
	Email      string   `json:"email"`
	Phone      string   `json:"phone"`
	Name       string   `json:"name"`
	OrderIDs   []string `json:"order_ids"`
	// AskedBy is the address the request came from when the answer goes
	// to the contact the shop holds for the person (Email), "" otherwise.
	AskedBy string `json:"asked_by"`
}

func (h *API) toRequestJSON(sh *store.Shop, r *store.Request) requestJSON {
	out := requestJSON{
		ID: r.ID, Type: r.Type, Status: r.Status, Source: r.Source, Channel: r.Channel,
		Partial: r.Partial, Failure: r.Failure, Locale: r.Locale, ExternalID: r.ExternalID,
		ReceivedAt:         rfc3339(r.ReceivedAt),
		Receipt:            receiptJSON(r),
		ExtendedAt:         optTime(r.ExtendedAt),
		AnsweredAt:         optTime(r.AnsweredAt),
		CompletedAt:        optTime(r.CompletedAt),
		Extended:           r.ExtendedAt != nil,
		IdentityVerifiedAt: optTime(r.IdentityVerifiedAt),
		ClosingReason:      r.ClosingReason,
		Note:               r.Note,
		Subject: subjectJSON{
			CustomerID: r.Subject.CustomerID, Email: r.Subject.Email, Phone: r.Subject.Phone,
			Name: r.Subject.Name, OrderIDs: r.Subject.OrderIDs, AskedBy: r.Subject.AskedBy,
		},
		Extendable: requests.Extendable(sh, r, h.clock()),
	}
	if out.Subject.OrderIDs == nil {
		out.Subject.OrderIDs = []string{}
	}
	out.SetupMissing, out.IdentityMismatch = []string{}, []string{}
	if r.SetupMissing != "" {
		out.SetupMissing = strings.Split(r.SetupMissing, ",")
	}
	if r.IdentityMismatch != "" {
		out.IdentityMismatch = strings.Split(r.IdentityMismatch, ",")
	}
	if r.IsOpen() {
		out.WaitReason = r.WaitReason
		left := store.DaysLeft(r, h.clock(), sh.Location())
		out.DaysLeft, out.Overdue = &left, left < 0
	}
	if r.PlatformDueAt != nil {
		d := r.PlatformDueAt.String()
		out.PlatformDueAt = &d
	}
	if r.ReceiptKnown() {
		due, ext, eff := r.DueAt.String(), r.ExtendedDueAt.String(), r.EffectiveDueAt().String()
		out.DueAt, out.ExtendedDueAt, out.EffectiveDueAt = &due, &ext, &eff
	}
	return out
}

// receiptJSON is requestJSON.Receipt.
func receiptJSON(r *store.Request) string {
	if r.Receipt == "" {
		return "known"
	}
	return r.Receipt
}

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func optTime(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := rfc3339(*t)
	return &s
}
