package store

import (
	"context"
	"encoding/json"
	"time"
)

// Hold is a record kept restricted (Art. 18(2) GDPR) because a law requires
// it: only the fields the duty needs, sealed, until RetainUntil; a legal hold
// blocks purging whatever the date says (§147(3) AO).
type Hold struct {
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
	HoldReason     string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// TableName is retention_holds.
func (Hold) TableName() string { return "retention_holds" }

// CreateHold archives a record; archiving the same record twice is ErrConflict.
func (s *Store) CreateHold(ctx context.Context, h *Hold, keep []string) error {
	sealed, err := s.sealJSON(purposeArchive, h.Fields)
	if err != nil {
		return err
	}
	kf, _ := json.Marshal(keep)
	h.Data, h.KeepFields = sealed, string(kf)
	return translate(s.q(ctx).Create(h).Error)
}

// OpenHold unseals the archived fields of a hold.
func (s *Store) OpenHold(h *Hold) error {
	return s.openJSON(purposeArchive, h.Data, &h.Fields)
}

// Holds lists a shop's archived records (sealed; call OpenHold to read).
func (s *Store) Holds(ctx context.Context, shopID int64) ([]Hold, error) {
	var hs []Hold
	err := s.q(ctx).Where("shop_id = ?", shopID).Order("id").Find(&hs).Error
	return hs, translate(err)
}
