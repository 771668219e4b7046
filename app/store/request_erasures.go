package store

import (
	"context"
	"time"
)

// ErasuresOf lists a shop's erasure requests of one subject received since
// the given time, newest first (subjects not opened: callers need ids and
// statuses).
func (s *Store) ErasuresOf(ctx context.Context, shopID int64, subjectHash string, since time.Time) ([]Request, error) {
	var rs []Request
	err := s.q(ctx).Where("shop_id = ? AND subject_hash = ? AND type = ? AND received_at >= ?", shopID, subjectHash, TypeErasure, since.UTC()).
		Order("id DESC").Limit(20).Find(&rs).Error
	return rs, translate(err)
}
