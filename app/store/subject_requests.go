package store

import "context"

// SubjectRequestIDs lists the ids of a shop's requests whose subject hash
// is one of hashes, all but except, in the order they were received.
func (s *Store) SubjectRequestIDs(ctx context.Context, shopID int64, hashes []string, except int64) ([]int64, error) {
	var ids []int64
	err := s.q(ctx).Model(&Request{}).
		Where("shop_id = ? AND subject_hash IN ? AND id <> ?", shopID, hashes, except).
		Order("received_at, id").Pluck("id", &ids).Error
	return ids, translate(err)
}
