package store

import (
	"context"
	"time"
)

// Event is one entry of the audit trail: who did what to which request. It
// never holds personal data; the subject appears only as its keyed hash.
type Event struct {
	ID          int64
	ShopID      int64
	RequestID   *int64
	Actor       string // "system", "shopify", "merchant:<user id>", "customer"
	Action      string // "request.created", "status.processing", "report.downloaded" …
	Detail      string // free text without personal data (ids, counts, reasons)
	SubjectHash string
	At          time.Time
}

// TableName is request_events.
func (Event) TableName() string { return "request_events" }

// AddEvent appends to the audit trail.
func (s *Store) AddEvent(ctx context.Context, e *Event) error {
	if e.At.IsZero() {
		e.At = s.Now()
	}
	return translate(s.q(ctx).Create(e).Error)
}

// Events lists a request's audit trail, oldest first.
func (s *Store) Events(ctx context.Context, shopID, requestID int64) ([]Event, error) {
	var es []Event
	err := s.q(ctx).Where("shop_id = ? AND request_id = ?", shopID, requestID).Order("id").Find(&es).Error
	return es, translate(err)
}

// ShopEvents lists a shop's own audit trail (changes of its settings, not
// of a request), oldest first.
func (s *Store) ShopEvents(ctx context.Context, shopID int64) ([]Event, error) {
	var es []Event
	err := s.q(ctx).Where("shop_id = ? AND request_id IS NULL", shopID).Order("id").Find(&es).Error
	return es, translate(err)
}
