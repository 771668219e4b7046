package store

import (
	"context"
	"time"
)

// Delivery statuses.
const (
	DeliveryAccepted  = "accepted"
	DeliveryIgnored   = "ignored"
	DeliveryMalformed = "malformed"
)

// Delivery is one webhook delivery, recorded before it is answered; the
// platform's delivery id is unique, so a repeat is recognised.
type Delivery struct {
	ID          int64
	Platform    string
	DeliveryID  string
	ShopDomain  string
	Topic       string
	Status      string
	Error       string
	Body        []byte `json:"-"` // sealed; kept only for malformed deliveries
	RequestID   *int64
	ReceivedAt  time.Time
	ProcessedAt *time.Time
}

// TableName is webhook_deliveries.
func (Delivery) TableName() string { return "webhook_deliveries" }

// RecordDelivery inserts a delivery; a repeat of the same delivery id is
// ErrConflict. body, when given, is sealed.
func (s *Store) RecordDelivery(ctx context.Context, d *Delivery, body []byte) error {
	if body != nil {
		sealed, err := s.keys.Seal(purposeDelivery, body)
		if err != nil {
			return err
		}
		d.Body = sealed
	}
	if d.ReceivedAt.IsZero() {
		d.ReceivedAt = s.Now()
	}
	return translate(s.q(ctx).Create(d).Error)
}

// MarkDeliveryProcessed records when a delivery's work finished.
func (s *Store) MarkDeliveryProcessed(ctx context.Context, id int64) error {
	now := s.Now()
	return translate(s.q(ctx).Model(&Delivery{}).Where("id = ?", id).Update("processed_at", &now).Error)
}

// SetDeliveryRequest links a delivery to the request it created.
func (s *Store) SetDeliveryRequest(ctx context.Context, id, requestID int64) error {
	return translate(s.q(ctx).Model(&Delivery{}).Where("id = ?", id).Update("request_id", requestID).Error)
}
