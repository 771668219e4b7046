package store

import (
	"context"
	"encoding/json"
)

// archiveColumns are an entry's columns without its sealed data: what the
// restricted archive may show (Art. 18(2) GDPR).
var archiveColumns = []string{
	"id", "shop_id", "request_id", "system", "record_type", "record_id", "legal_reference",
	"keep_fields", "retain_until", "legal_hold", "hold_reason", "created_at", "updated_at",
}

// ArchiveFilter narrows ListArchiveEntries.
type ArchiveFilter struct {
	RecordType string
	OnHold     *bool // only records on (true) or not on (false) legal hold
	Limit      int   // 1 … 500, default 100
	Before     int64 // id cursor: only records with a smaller id
}

// ListArchiveEntries returns a shop's archived records without their data, newest
// first. Data stays nil: reading it takes ArchiveEntriesByID or ArchiveEntriesAfter and
// OpenArchiveEntry, for an export with a stated reason.
func (s *Store) ListArchiveEntries(ctx context.Context, shopID int64, f ArchiveFilter) ([]ArchiveEntry, error) {
	q := s.q(ctx).Select(archiveColumns).Where("shop_id = ?", shopID)
	if f.RecordType != "" {
		q = q.Where("record_type = ?", f.RecordType)
	}
	if f.OnHold != nil {
		q = q.Where("legal_hold = ?", *f.OnHold)
	}
	if f.Before > 0 {
		q = q.Where("id < ?", f.Before)
	}
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 100
	}
	var es []ArchiveEntry
	err := q.Order("id DESC").Limit(f.Limit).Find(&es).Error
	return es, translate(err)
}

// KeptFields is the list of field names the entry keeps.
func (e *ArchiveEntry) KeptFields() []string {
	var fs []string
	if err := json.Unmarshal([]byte(e.KeepFields), &fs); err != nil || fs == nil {
		return []string{}
	}
	return fs
}
