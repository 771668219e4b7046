package store

import "context"

// DueCount is how many of a shop's open requests fall due on one day.
type DueCount struct {
	Due Day
	N   int64
}

// OpenDueDays counts a shop's open requests per effective due day from
// from (inclusive) to before (exclusive), earliest first: one grouped
// query over the index requests_shop_status_due (migration 00020), at most
// one row per day of the range, for the inbox's chart of the coming weeks.
func (s *Store) OpenDueDays(ctx context.Context, shopID int64, from, before Day) ([]DueCount, error) {
	var out []DueCount
	err := s.q(ctx).Model(&Request{}).
		Select(effectiveDueColumn+" AS due, COUNT(*) AS n").
		Where("shop_id = ? AND status IN ?", shopID, OpenStatuses).
		Where(effectiveDueColumn+" >= ? AND "+effectiveDueColumn+" < ?", from, before).
		Group(effectiveDueColumn).Order(effectiveDueColumn).
		Scan(&out).Error
	return out, translate(err)
}
