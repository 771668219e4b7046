package store

import (
	"context"
	"slices"
)

// HoldsByID loads a shop's archived records with these ids, sealed data
// included (call OpenHold), ordered by id. ErrNotFound unless every id is a
// record of the shop.
func (s *Store) HoldsByID(ctx context.Context, shopID int64, ids []int64) ([]Hold, error) {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	if len(ids) == 0 {
		return nil, nil
	}
	var hs []Hold
	if err := s.q(ctx).Where("shop_id = ? AND id IN ?", shopID, ids).Order("id").Find(&hs).Error; err != nil {
		return nil, translate(err)
	}
	if len(hs) != len(ids) {
		return nil, ErrNotFound
	}
	return hs, nil
}

// HoldsAfter pages through a shop's archived records, sealed data included
// (call OpenHold): up to n records with after < id ≤ upTo, ordered by id.
func (s *Store) HoldsAfter(ctx context.Context, shopID, after, upTo int64, n int) ([]Hold, error) {
	var hs []Hold
	err := s.q(ctx).Where("shop_id = ? AND id > ? AND id <= ?", shopID, after, upTo).Order("id").Limit(n).Find(&hs).Error
	return hs, translate(err)
}

// HoldExtent counts a shop's archived records and returns the highest id
// among them (0 when there are none): the bounds of an export of them all.
func (s *Store) HoldExtent(ctx context.Context, shopID int64) (count, maxID int64, err error) {
	var row struct {
		N     int64
		MaxID *int64
	}
	err = s.q(ctx).Model(&Hold{}).Select("COUNT(*) AS n, MAX(id) AS max_id").Where("shop_id = ?", shopID).Scan(&row).Error
	if row.MaxID != nil {
		maxID = *row.MaxID
	}
	return row.N, maxID, translate(err)
}
