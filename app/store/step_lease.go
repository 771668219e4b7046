package store

import (
	"context"
	"time"
)

// ExtendLease keeps a running step's lease alive while its worker works on
// it; false when the step is no longer running under this lease.
func (s *Store) ExtendLease(ctx context.Context, id int64, lease time.Duration) (bool, error) {
	res := s.q(ctx).Model(&Step{}).Where("id = ? AND status = ?", id, StepRunning).
		Update("lease_until", s.Now().Add(lease))
	return res.RowsAffected == 1, translate(res.Error)
}
