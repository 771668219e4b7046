package store

import "context"

// OpenStepsOf counts a request's steps of kind that are not done.
func (s *Store) OpenStepsOf(ctx context.Context, requestID int64, kind string) (int64, error) {
	var n int64
	err := s.q(ctx).Model(&Step{}).Where("request_id = ? AND kind = ? AND status <> ?", requestID, kind, StepDone).Count(&n).Error
	return n, translate(err)
}
