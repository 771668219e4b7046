package server

import (
	"errors"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/store"
)

// MaxRequestsPage is the largest ?limit= of GET /api/requests.
const MaxRequestsPage = store.MaxRequestLimit

// maxDueWithin is the largest ?due_within= (days).
const maxDueWithin = 366

var (
	requestTypes    = []string{store.TypeAccess, store.TypeErasure}
	requestStatuses = []string{
		store.StatusReceived, store.StatusProcessing, store.StatusReady, store.StatusAnswered,
		store.StatusAwaitingReview, store.StatusErasing, store.StatusCompleted, store.StatusFailed,
		store.StatusRefused, store.StatusWithdrawn, store.StatusClosed, store.StatusNeedsSetup,
		store.StatusIdentityUnverified,
	}
)

// badParam is the 400 of a query parameter with a bad value; its message
// names the parameter first.
func badParam(name, why string) error {
	return fault.BadRequest("bad_request", name+": "+why)
}

// requestFilter reads the query of GET /api/requests (listRequests) into a
// filter on the shop's calendar at now.
func requestFilter(c echo.Context, sh *store.Shop, now time.Time) (store.RequestFilter, error) {
	return requestFilterOf(c.QueryParams(), sh, now)
}

// requestFilterOf reads the parameters of requestFilter from q (the panel's
// inbox passes its own, without the values only it knows).
func requestFilterOf(q url.Values, sh *store.Shop, now time.Time) (store.RequestFilter, error) {
	f := store.RequestFilter{Type: q.Get("type"), Source: q.Get("source"), Sort: q.Get("sort"), Limit: 100}
	for _, s := range listParam(q, "status") {
		if !slices.Contains(requestStatuses, s) {
			return f, badParam("status", "unknown status "+strconv.Quote(s)+"; use one of "+strings.Join(requestStatuses, ", "))
		}
		f.Statuses = append(f.Statuses, s)
	}
	if f.Type != "" && !slices.Contains(requestTypes, f.Type) {
		return f, badParam("type", "unknown type; use access or erasure")
	}
	if f.Sort != "" && !slices.Contains(store.RequestSorts, f.Sort) {
		return f, badParam("sort", "use one of "+strings.Join(store.RequestSorts, ", "))
	}
	loc := sh.Location()
	today := store.ShopToday(now, loc)
	open := true
	switch v := q.Get("overdue"); v {
	case "":
	case "true":
		f.Open, f.DueBefore = &open, &today
	case "false":
		f.NotDueBefore = &today
	default:
		return f, badParam("overdue", "use true or false")
	}
	if v := q.Get("due_within"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > maxDueWithin {
			return f, badParam("due_within", "a number of days from 0 to "+strconv.Itoa(maxDueWithin))
		}
		end := today.AddDays(n + 1)
		f.Open, f.DueFrom = &open, &today
		if f.DueBefore == nil || end.Before(f.DueBefore.Time) {
			f.DueBefore = &end
		}
	}
	var err error
	if f.ReceivedFrom, err = dateParam(q, "received_from", loc, 0); err != nil {
		return f, err
	}
	if f.ReceivedTo, err = dateParam(q, "received_to", loc, 1); err != nil {
		return f, err
	}
	if !f.ReceivedFrom.IsZero() && !f.ReceivedTo.IsZero() && !f.ReceivedFrom.Before(f.ReceivedTo) {
		return f, badParam("received_to", "must not be before received_from")
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > MaxRequestsPage {
			return f, badParam("limit", "a whole number from 1 to "+strconv.Itoa(MaxRequestsPage))
		}
		f.Limit = n
	}
	if v := q.Get("cursor"); v != "" {
		if f.After, err = store.DecodeRequestCursor(v, f.Sort); errors.Is(err, store.ErrBadCursor) {
			return f, badParam("cursor", "not a cursor of this list and sort; use next_cursor of the previous page")
		}
	}
	return f, nil
}

// listParam reads a parameter given several times or comma-separated.
func listParam(q url.Values, name string) []string {
	var out []string
	for _, v := range q[name] {
		for s := range strings.SplitSeq(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// dateParam reads a date YYYY-MM-DD as the start of that day (plus
// addDays) in loc; zero when absent.
func dateParam(q url.Values, name string, loc *time.Location, addDays int) (time.Time, error) {
	v := q.Get(name)
	if v == "" {
		return time.Time{}, nil
	}
	d, err := store.ParseDay(v)
	if err != nil {
		return time.Time{}, badParam(name, "a date YYYY-MM-DD")
	}
	d = d.AddDays(addDays)
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc), nil
}
