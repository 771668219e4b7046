package store

import (
	"context"
	"time"
)

// RequestTimes are the dates of one closed request, for the time it took.
type RequestTimes struct {
	ReceivedAt  time.Time
	AnsweredAt  *time.Time
	CompletedAt *time.Time
}

// CountRequests counts a shop's requests matching f.
func (s *Store) CountRequests(ctx context.Context, shopID int64, f RequestFilter) (int64, error) {
	var n int64
	err := s.filterRequests(s.q(ctx).Model(&Request{}).Where("shop_id = ?", shopID), f).Count(&n).Error
	return n, translate(err)
}

// ClosedRequestTimes lists when each of a shop's latest limit closed
// requests (by receipt, newest first) was received and answered or
// completed; the limit bounds the read however long the shop's history.
func (s *Store) ClosedRequestTimes(ctx context.Context, shopID int64, limit int) ([]RequestTimes, error) {
	var out []RequestTimes
	err := s.q(ctx).Model(&Request{}).Select("received_at", "answered_at", "completed_at").
		Where("shop_id = ? AND status IN ? AND (answered_at IS NOT NULL OR completed_at IS NOT NULL)", shopID, ClosedStatuses).
		Order("received_at DESC").Order("id DESC").Limit(limit).
		Find(&out).Error
	return out, translate(err)
}
