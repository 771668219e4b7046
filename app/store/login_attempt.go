package store

import (
	"context"
	"time"
)

// loginAttempt is one failed login (or one reset request), counted for the
// rate limit by the keyed hash of what it is limited by: the account or
// the client's address. Kept in the database, so the limit holds across
// restarts and every web process.
type loginAttempt struct {
	ID      int64
	KeyHash string
	At      time.Time
}

func (loginAttempt) TableName() string { return "login_attempts" }

// AddLoginAttempts records one attempt at at under each key and returns
// the rows' ids.
func (s *Store) AddLoginAttempts(ctx context.Context, at time.Time, keyHashes ...string) ([]int64, error) {
	rows := make([]loginAttempt, 0, len(keyHashes))
	for _, k := range keyHashes {
		rows = append(rows, loginAttempt{KeyHash: k, At: at})
	}
	if len(rows) == 0 {
		return nil, nil
	}
	if err := s.q(ctx).Create(&rows).Error; err != nil {
		return nil, translate(err)
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	return ids, nil
}

// DeleteLoginAttempts forgets the attempts of the given ids.
func (s *Store) DeleteLoginAttempts(ctx context.Context, ids ...int64) error {
	if len(ids) == 0 {
		return nil
	}
	return translate(s.q(ctx).Where("id IN ?", ids).Delete(&loginAttempt{}).Error)
}

// CountLoginAttempts counts the attempts under a key after since.
func (s *Store) CountLoginAttempts(ctx context.Context, keyHash string, since time.Time) (int64, error) {
	var n int64
	err := s.q(ctx).Model(&loginAttempt{}).Where("key_hash = ? AND at > ?", keyHash, since).Count(&n).Error
	return n, translate(err)
}

// ClearLoginAttempts forgets the attempts under a key.
func (s *Store) ClearLoginAttempts(ctx context.Context, keyHash string) error {
	return translate(s.q(ctx).Where("key_hash = ?", keyHash).Delete(&loginAttempt{}).Error)
}

// PruneLoginAttempts deletes the attempts at or before before.
func (s *Store) PruneLoginAttempts(ctx context.Context, before time.Time) error {
	return translate(s.q(ctx).Where("at <= ?", before).Delete(&loginAttempt{}).Error)
}
