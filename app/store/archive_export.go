package store

import (
	"context"
	"slices"
)

// ArchiveEntriesByID loads a shop's archived records with these ids, sealed data
// included (call OpenArchiveEntry), ordered by id. ErrNotFound unless every id is a
// record of the shop.
func (s *Store) ArchiveEntriesByID(ctx context.Context, shopID int64, ids []int64) ([]ArchiveEntry, error) {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	if len(ids) == 0 {
		return nil, nil
	}
	var es []ArchiveEntry
	if err := s.q(ctx).Where("shop_id = ? AND id IN ?", shopID, ids).Order("id").Find(&es).Error; err != nil {
		return nil, translate(err)
	}
	if len(es) != len(ids) {
		return nil, ErrNotFound
	}
	return es, nil
}

// ArchiveEntriesAfter pages through a shop's archived records, sealed data included
// (call OpenArchiveEntry): up to n records with after < id ≤ upTo, ordered by id.
func (s *Store) ArchiveEntriesAfter(ctx context.Context, shopID, after, upTo int64, n int) ([]ArchiveEntry, error) {
	var es []ArchiveEntry
	err := s.q(ctx).Where("shop_id = ? AND id > ? AND id <= ?", shopID, after, upTo).Order("id").Limit(n).Find(&es).Error
	return es, translate(err)
}

// ArchiveExtent counts a shop's archived records and returns the highest id
// among them (0 when there are none): the bounds of an export of them all.
func (s *Store) ArchiveExtent(ctx context.Context, shopID int64) (count, maxID int64, err error) {
	var row struct {
		N     int64
		MaxID *int64
	}
	err = s.q(ctx).Model(&ArchiveEntry{}).Select("COUNT(*) AS n, MAX(id) AS max_id").Where("shop_id = ?", shopID).Scan(&row).Error
	if row.MaxID != nil {
		maxID = *row.MaxID
	}
	return row.N, maxID, translate(err)
}
