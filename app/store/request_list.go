package store

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Orders of ListRequests.
const (
	SortReceivedDesc = "-received" // newest first (the default)
	SortReceivedAsc  = "received"
	SortDueAsc       = "due" // most urgent first
	SortDueDesc      = "-due"
)

// RequestSorts lists the orders ListRequests knows.
var RequestSorts = []string{SortReceivedDesc, SortReceivedAsc, SortDueAsc, SortDueDesc}

// MaxRequestLimit is the largest page ListRequests returns.
const MaxRequestLimit = 500

// RequestFilter narrows ListRequests. Days are compared with the effective
// due date; the caller turns "overdue" and "due within n days" into days of
// the shop's calendar.
type RequestFilter struct {
	Statuses     []string // any of these; empty: all
	Type         string
	Source       string
	Open         *bool     // true: deadline still running (not ClosedStatuses); false: closed
	DueFrom      *Day      // effective due on or after
	DueBefore    *Day      // effective due before
	NotDueBefore *Day      // not (open and due before this day): "not overdue"
	NotExtended  bool      // the deadline was not extended (extended_at unset)
	ReceivedFrom time.Time // received at or after (zero: no bound)
	ReceivedTo   time.Time // received before (zero: no bound)
	Sort         string    // one of RequestSorts; empty: SortReceivedDesc
	After        *RequestCursor
	Limit        int
}

// RequestCursor is the position after the last request of a page: its sort
// key and id. Paging by it (keyset) never repeats or skips a request when
// others are inserted meanwhile.
type RequestCursor struct {
	Sort     string
	Received time.Time
	Due      Day
	ID       int64
}

// ErrBadCursor is a cursor that ListRequests did not hand out for this order.
var ErrBadCursor = errors.New("store: bad cursor")

// CursorAfter is the cursor that continues after r in the given order.
func CursorAfter(r *Request, sort string) *RequestCursor {
	return &RequestCursor{Sort: normSort(sort), Received: r.ReceivedAt, Due: EffectiveDue(r), ID: r.ID}
}

// Encode writes the cursor as an opaque URL-safe string.
func (c *RequestCursor) Encode() string {
	key := c.Due.String()
	if strings.HasSuffix(c.Sort, "received") {
		key = strconv.FormatInt(c.Received.UnixNano(), 10)
	}
	return base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, "%s|%s|%d", c.Sort, key, c.ID))
}

// DecodeRequestCursor reads a cursor of Encode for the order sort.
func DecodeRequestCursor(s, sort string) (*RequestCursor, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	parts := strings.Split(string(b), "|")
	if err != nil || len(parts) != 3 || parts[0] != normSort(sort) {
		return nil, ErrBadCursor
	}
	c := &RequestCursor{Sort: parts[0]}
	if c.ID, err = strconv.ParseInt(parts[2], 10, 64); err != nil || c.ID < 1 {
		return nil, ErrBadCursor
	}
	if strings.HasSuffix(c.Sort, "received") {
		ns, err := strconv.ParseInt(parts[1], 10, 64)
		if err != nil {
			return nil, ErrBadCursor
		}
		c.Received = time.Unix(0, ns).UTC()
	} else if c.Due, err = ParseDay(parts[1]); err != nil {
		return nil, ErrBadCursor
	}
	return c, nil
}

func normSort(s string) string {
	if s == "" {
		return SortReceivedDesc
	}
	return s
}

// ListRequests returns one page of a shop's requests in f's order, ties
// broken by id (indexes requests_shop_received, requests_shop_due).
func (s *Store) ListRequests(ctx context.Context, shopID int64, f RequestFilter) ([]Request, error) {
	q := s.filterRequests(s.q(ctx).Where("shop_id = ?", shopID), f)
	col, desc := "received_at", true
	switch normSort(f.Sort) {
	case SortReceivedDesc:
	case SortReceivedAsc:
		desc = false
	case SortDueAsc:
		col, desc = effectiveDueColumn, false
	case SortDueDesc:
		col = effectiveDueColumn
	default:
		return nil, fmt.Errorf("store: unknown order %q", f.Sort)
	}
	if c := f.After; c != nil {
		if c.Sort != normSort(f.Sort) {
			return nil, ErrBadCursor
		}
		var key any = c.Due
		if col == "received_at" {
			key = c.Received
		}
		op := ">"
		if desc {
			op = "<"
		}
		q = q.Where(fmt.Sprintf("(%[1]s %[2]s ? OR (%[1]s = ? AND id %[2]s ?))", col, op), key, key, c.ID)
	}
	dir := " ASC"
	if desc {
		dir = " DESC"
	}
	if f.Limit <= 0 || f.Limit > MaxRequestLimit {
		f.Limit = 100
	}
	var rs []Request
	if err := q.Order(col + dir).Order("id" + dir).Limit(f.Limit).Find(&rs).Error; err != nil {
		return nil, translate(err)
	}
	for i := range rs {
		if err := s.openJSON(purposeSubject, rs[i].SubjectSealed, &rs[i].Subject); err != nil {
			return nil, err
		}
	}
	return rs, nil
}

func (s *Store) filterRequests(q *gorm.DB, f RequestFilter) *gorm.DB {
	if len(f.Statuses) > 0 {
		q = q.Where("status IN ?", f.Statuses)
	}
	q = equalIfSet(q, "type", f.Type)
	q = equalIfSet(q, "source", f.Source)
	if f.Open != nil {
		if *f.Open {
			q = q.Where("status IN ?", OpenStatuses)
		} else {
			q = q.Where("status IN ?", ClosedStatuses)
		}
	}
	if f.DueFrom != nil {
		q = q.Where(effectiveDueColumn+" >= ?", *f.DueFrom)
	}
	if f.DueBefore != nil {
		q = q.Where(effectiveDueColumn+" < ?", *f.DueBefore)
	}
	if f.NotDueBefore != nil {
		q = q.Where("NOT (status IN ? AND "+effectiveDueColumn+" < ?)", OpenStatuses, *f.NotDueBefore)
	}
	if f.NotExtended {
		q = q.Where("extended_at IS NULL")
	}
	if !f.ReceivedFrom.IsZero() {
		q = q.Where("received_at >= ?", f.ReceivedFrom.UTC())
	}
	if !f.ReceivedTo.IsZero() {
		q = q.Where("received_at < ?", f.ReceivedTo.UTC())
	}
	return q
}

// equalIfSet narrows q to col = v unless v is empty (no filter).
func equalIfSet(q *gorm.DB, col, v string) *gorm.DB {
	if v == "" {
		return q
	}
	return q.Where(col+" = ?", v)
}
