package store

import "context"

// ArchiveDayCount is how many of a shop's archived records share a purge
// date (retain_until) and hold status.
type ArchiveDayCount struct {
	RetainUntil Day
	LegalHold   bool
	Count       int64
}

// ArchiveCounts counts a shop's archive by purge date and legal hold,
// earliest date first (counts only, no data).
func (s *Store) ArchiveCounts(ctx context.Context, shopID int64) ([]ArchiveDayCount, error) {
	var out []ArchiveDayCount
	err := s.q(ctx).Model(&ArchiveEntry{}).Select("retain_until, legal_hold, COUNT(*) AS count").
		Where("shop_id = ?", shopID).Group("retain_until, legal_hold").Order("retain_until").Scan(&out).Error
	return out, translate(err)
}
