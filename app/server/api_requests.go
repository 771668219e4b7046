package server

import (
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/store"
)

// MaxRequestsPage is the largest ?limit= of GET /api/requests.
const MaxRequestsPage = 500

var (
	requestTypes    = []string{store.TypeAccess, store.TypeErasure}
	requestStatuses = []string{
		store.StatusReceived, store.StatusProcessing, store.StatusReady, store.StatusAnswered,
		store.StatusAwaitingReview, store.StatusErasing, store.StatusCompleted, store.StatusFailed,
		store.StatusNeedsSetup,
	}
)

// listRequests serves GET /api/requests?status&type&limit&before: the shop's
// requests, newest first; next_before is the cursor of the next page.
func (h *API) listRequests(c echo.Context) error {
	sess := session(c)
	f, err := requestFilter(c)
	if err != nil {
		return err
	}
	rs, err := h.st.ListRequests(c.Request().Context(), sess.Shop.ID, f)
	if err != nil {
		return err
	}
	out := requestsPage{Requests: make([]requestJSON, 0, len(rs))}
	for i := range rs {
		out.Requests = append(out.Requests, toRequestJSON(&rs[i]))
	}
	if len(rs) == f.Limit && len(rs) > 0 {
		out.NextBefore = rs[len(rs)-1].ID
	}
	noStore(c)
	return c.JSON(http.StatusOK, out)
}

// getRequest serves GET /api/requests/:id; another shop's request is not
// found.
func (h *API) getRequest(c echo.Context) error {
	_, r, err := h.shopRequest(c, errRequestID)
	if errors.Is(err, store.ErrNotFound) {
		return fault.NotFound("no such request")
	}
	if err != nil {
		return err
	}
	noStore(c)
	return c.JSON(http.StatusOK, toRequestJSON(r))
}

func requestFilter(c echo.Context) (store.RequestFilter, error) {
	f := store.RequestFilter{Status: c.QueryParam("status"), Type: c.QueryParam("type"), Limit: 100}
	if f.Status != "" && !slices.Contains(requestStatuses, f.Status) {
		return f, fault.BadRequest("bad_request", "unknown status; use one of the request statuses")
	}
	if f.Type != "" && !slices.Contains(requestTypes, f.Type) {
		return f, fault.BadRequest("bad_request", "unknown type; use access or erasure")
	}
	if v := c.QueryParam("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > MaxRequestsPage {
			return f, fault.BadRequest("bad_request", "limit must be a whole number from 1 to "+strconv.Itoa(MaxRequestsPage))
		}
		f.Limit = n
	}
	if v := c.QueryParam("before"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1 {
			return f, fault.BadRequest("bad_request", "before must be a request id")
		}
		f.Before = n
	}
	return f, nil
}

// noStore keeps answers carrying personal data out of caches.
func noStore(c echo.Context) { c.Response().Header().Set(echo.HeaderCacheControl, "no-store") }

type requestsPage struct {
	Requests   []requestJSON `json:"requests"`
	NextBefore int64         `json:"next_before,omitempty"`
}

// requestJSON is a request as the admin API shows it: times in RFC 3339
// (UTC), deadlines as calendar dates.
type requestJSON struct {
	ID            int64       `json:"id"`
	Type          string      `json:"type"`
	Status        string      `json:"status"`
	Source        string      `json:"source"`
	Channel       string      `json:"channel"`
	Partial       bool        `json:"partial"`
	Failure       string      `json:"failure"`
	SetupMissing  []string    `json:"setup_missing"` // needs_setup: the shop's missing setup fields
	Locale        string      `json:"locale"`
	ExternalID    string      `json:"external_id"`
	ReceivedAt    string      `json:"received_at"`
	DueAt         string      `json:"due_at"`
	ExtendedDueAt string      `json:"extended_due_at"`
	PlatformDueAt *string     `json:"platform_due_at"`
	ExtendedAt    *string     `json:"extended_at"`
	AnsweredAt    *string     `json:"answered_at"`
	CompletedAt   *string     `json:"completed_at"`
	Subject       subjectJSON `json:"subject"`
}

type subjectJSON struct {
	CustomerID string   `json:"customer_id"`
	Email      string   `json:"email"`
	Phone      string   `json:"phone"`
	Name       string   `json:"name"`
	OrderIDs   []string `json:"order_ids"`
}

func toRequestJSON(r *store.Request) requestJSON {
	out := requestJSON{
		ID: r.ID, Type: r.Type, Status: r.Status, Source: r.Source, Channel: r.Channel,
		Partial: r.Partial, Failure: r.Failure, Locale: r.Locale, ExternalID: r.ExternalID,
		ReceivedAt:    rfc3339(r.ReceivedAt),
		DueAt:         r.DueAt.String(),
		ExtendedDueAt: r.ExtendedDueAt.String(),
		ExtendedAt:    optTime(r.ExtendedAt),
		AnsweredAt:    optTime(r.AnsweredAt),
		CompletedAt:   optTime(r.CompletedAt),
		Subject: subjectJSON{
			CustomerID: r.Subject.CustomerID, Email: r.Subject.Email, Phone: r.Subject.Phone,
			Name: r.Subject.Name, OrderIDs: r.Subject.OrderIDs,
		},
	}
	if out.Subject.OrderIDs == nil {
		out.Subject.OrderIDs = []string{}
	}
	out.SetupMissing = []string{}
	if r.SetupMissing != "" {
		out.SetupMissing = strings.Split(r.SetupMissing, ",")
	}
	if r.PlatformDueAt != nil {
		d := r.PlatformDueAt.String()
		out.PlatformDueAt = &d
	}
	return out
}

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func optTime(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := rfc3339(*t)
	return &s
}
