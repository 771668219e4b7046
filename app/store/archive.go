package store

import (
	"context"
	"encoding/json"
	"time"

	"gorm.io/gorm/clause"
)

// ArchiveEntry is a record of the restricted archive: kept (Art. 18(2) GDPR)
// because a law requires it, with only the fields the duty needs, sealed,
// until RetainUntil. A legal hold blocks purging it whatever the date says
// (§147(3) AO).
type ArchiveEntry struct {
	ID             int64
	ShopID         int64
	RequestID      *int64
	System         string
	RecordType     string
	RecordID       string
	LegalReference string
	KeepFields     string         // JSON list of field names
	Fields         map[string]any `gorm:"-"`
	Data           []byte         `json:"-"`
	RetainUntil    Day
	LegalHold      bool
	HoldReason     string // why the legal hold was set
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// TableName is archive_entries.
func (ArchiveEntry) TableName() string { return "archive_entries" }

// archiveKey is the unique key of archive_entries: one entry per record of
// a shop.
var archiveKey = []clause.Column{{Name: "shop_id"}, {Name: "system"}, {Name: "record_type"}, {Name: "record_id"}}

// CreateArchiveEntry archives a record. A record archived before (by an
// earlier run of the step or an earlier request) is ErrConflict and
// changes nothing; the transaction stays usable (ON CONFLICT DO NOTHING:
// on Postgres a failed insert would abort it).
func (s *Store) CreateArchiveEntry(ctx context.Context, e *ArchiveEntry, keep []string) error {
	sealed, err := s.sealJSON(purposeArchive, e.Fields)
	if err != nil {
		return err
	}
	kf, _ := json.Marshal(keep)
	e.Data, e.KeepFields = sealed, string(kf)
	res := s.q(ctx).Clauses(clause.OnConflict{Columns: archiveKey, DoNothing: true}).Create(e)
	if res.Error != nil {
		return translate(res.Error)
	}
	if res.RowsAffected == 0 {
		return ErrConflict
	}
	return nil
}

// OpenArchiveEntry unseals the archived fields of an entry.
func (s *Store) OpenArchiveEntry(e *ArchiveEntry) error {
	return s.openJSON(purposeArchive, e.Data, &e.Fields)
}

// ArchiveEntries lists a shop's archive (sealed; call OpenArchiveEntry to
// read).
func (s *Store) ArchiveEntries(ctx context.Context, shopID int64) ([]ArchiveEntry, error) {
	var es []ArchiveEntry
	err := s.q(ctx).Where("shop_id = ?", shopID).Order("id").Find(&es).Error
	return es, translate(err)
}
