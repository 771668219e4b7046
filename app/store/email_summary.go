package store

import (
	"context"
	"time"
)

// EmailSummary is an e-mail Lethe wrote for a request, by its plain columns
// only (the recipient and the bodies are sealed and not read).
type EmailSummary struct {
	RequestID int64
	Kind      string
	Locale    string
	Subject   string
	Status    string
	QueuedAt  *time.Time
	SentAt    *time.Time
	CreatedAt time.Time
}

// EmailSummaries lists the e-mails of a shop's requests, oldest first.
func (s *Store) EmailSummaries(ctx context.Context, shopID int64, requestIDs []int64) ([]EmailSummary, error) {
	var es []EmailSummary
	err := s.q(ctx).Model(&Email{}).
		Select("request_id, kind, locale, subject, status, queued_at, sent_at, created_at").
		Where("shop_id = ? AND request_id IN ?", shopID, requestIDs).Order("id").Scan(&es).Error
	return es, translate(err)
}
