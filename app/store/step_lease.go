package store

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// ErrLeaseLost means a step's outcome was not written: the step is no
// longer running under the caller's claim (its lease ran out and another
// worker claimed it, or the outcome was written already). A handler's
// transaction that gets it rolls back, so a stalled worker's effects never
// commit beside those of the step's owner.
var ErrLeaseLost = errors.New("step lease lost to another claim")

// ExtendLease keeps the claimed step's lease alive while its worker works
// on it; false when the step is no longer running under this claim.
func (s *Store) ExtendLease(ctx context.Context, claimed *Step, lease time.Duration) (bool, error) {
	res := s.q(ctx).Model(&Step{}).Where(owned(claimed)).Update("lease_until", s.Now().Add(lease))
	return res.RowsAffected == 1, translate(res.Error)
}

// owned matches the claimed step while it still runs under that claim: its
// fencing token, the claim number ClaimStep gave it, is the latest.
func owned(claimed *Step) clause.Expr {
	return gorm.Expr("id = ? AND status = ? AND claims = ?", claimed.ID, StepRunning, claimed.Claims)
}

// fenced translates the result of a write under a claim: no row means the
// claim is no longer the step's owner.
func fenced(res *gorm.DB) error {
	if res.Error != nil {
		return translate(res.Error)
	}
	if res.RowsAffected == 0 {
		return ErrLeaseLost
	}
	return nil
}
