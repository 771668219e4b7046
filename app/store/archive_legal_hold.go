package store

import "context"

// SetLegalHold puts an entry of a shop's archive on legal hold (on), which
// blocks its purge whatever retain_until says (§147(3) AO: the documents
// still matter for an open tax assessment), or lifts the hold, after which
// the record is purged once its date has passed. reason is kept with the
// hold (no personal data: the caller scrubs it) and cleared on lifting.
// Another shop's entry is ErrNotFound. It returns the entry without its
// data.
func (s *Store) SetLegalHold(ctx context.Context, shopID, id int64, on bool, reason string) (*ArchiveEntry, error) {
	if !on {
		reason = ""
	}
	res := s.q(ctx).Model(&ArchiveEntry{}).Where("shop_id = ? AND id = ?", shopID, id).
		Updates(map[string]any{"legal_hold": on, "hold_reason": reason, "updated_at": s.Now()})
	if res.Error != nil {
		return nil, translate(res.Error)
	}
	if res.RowsAffected == 0 {
		return nil, ErrNotFound
	}
	var e ArchiveEntry
	err := s.q(ctx).Select(archiveColumns).Where("shop_id = ? AND id = ?", shopID, id).Take(&e).Error
	return &e, translate(err)
}
