package store

import (
	"context"
	"encoding/json"
)

// holdColumns are a hold's columns without its sealed data: what the
// restricted archive may show (Art. 18(2) GDPR).
var holdColumns = []string{
	"id", "shop_id", "request_id", "system", "record_type", "record_id", "legal_reference",
	"keep_fields", "retain_until", "legal_hold", "hold_reason", "created_at", "updated_at",
}

// HoldFilter narrows ListHolds.
type HoldFilter struct {
	RecordType string
	OnHold     *bool // only records on (true) or not on (false) legal hold
	Limit      int   // 1 … 500, default 100
	Before     int64 // id cursor: only records with a smaller id
}

// ListHolds returns a shop's archived records without their data, newest
// first. Data stays nil: reading it takes HoldsByID or HoldsAfter and
// OpenHold, for an export with a stated reason.
func (s *Store) ListHolds(ctx context.Context, shopID int64, f HoldFilter) ([]Hold, error) {
	q := s.q(ctx).Select(holdColumns).Where("shop_id = ?", shopID)
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
	var hs []Hold
	err := q.Order("id DESC").Limit(f.Limit).Find(&hs).Error
	return hs, translate(err)
}

// KeptFields is the list of field names the hold keeps.
func (h *Hold) KeptFields() []string {
	var fs []string
	if err := json.Unmarshal([]byte(h.KeepFields), &fs); err != nil || fs == nil {
		return []string{}
	}
	return fs
}
