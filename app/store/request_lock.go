package store

import "context"

// LockRequest holds the request's row until the transaction ends
// (Postgres); SQLite transactions are exclusive already.
func (s *Store) LockRequest(ctx context.Context, shopID, id int64) error {
	if s.dialect != Postgres {
		return nil
	}
	var got int64
	err := s.q(ctx).Raw("SELECT id FROM requests WHERE shop_id = ? AND id = ? FOR UPDATE", shopID, id).Scan(&got).Error
	if err == nil && got == 0 {
		return ErrNotFound
	}
	return translate(err)
}
