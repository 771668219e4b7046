package store

import (
	"context"
	"time"

	"gorm.io/gorm/clause"
)

// DataItem is one record found for a request in a connected system. Its
// fields are personal data and stored sealed.
type DataItem struct {
	ID             int64
	ShopID         int64
	RequestID      int64
	System         string
	RecordType     string
	RecordID       string
	Fields         map[string]any `gorm:"-"`
	Data           []byte         `json:"-"`
	DocumentDate   *Day
	DeliveredOn    *Day
	ConsentEndedOn *Day
	Open           bool
	CreatedAt      time.Time
}

// SaveItems stores items found for a request; finding the same record again
// replaces it (discovery may run twice).
func (s *Store) SaveItems(ctx context.Context, items []DataItem) error {
	for i := range items {
		sealed, err := s.sealJSON(purposeItem, items[i].Fields)
		if err != nil {
			return err
		}
		items[i].Data = sealed
	}
	if len(items) == 0 {
		return nil
	}
	return translate(s.q(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "request_id"}, {Name: "system"}, {Name: "record_type"}, {Name: "record_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"data", "document_date", "delivered_on", "consent_ended_on", "open"}),
	}).CreateInBatches(items, 200).Error)
}

// Items lists the items of a request, in a stable order.
func (s *Store) Items(ctx context.Context, shopID, requestID int64) ([]DataItem, error) {
	var items []DataItem
	err := s.q(ctx).Where("shop_id = ? AND request_id = ?", shopID, requestID).
		Order("system, record_type, record_id").Find(&items).Error
	if err != nil {
		return nil, translate(err)
	}
	for i := range items {
		if err := s.openJSON(purposeItem, items[i].Data, &items[i].Fields); err != nil {
			return nil, err
		}
	}
	return items, nil
}

// DeleteItems erases the items of a request.
func (s *Store) DeleteItems(ctx context.Context, shopID, requestID int64) (int64, error) {
	res := s.q(ctx).Where("shop_id = ? AND request_id = ?", shopID, requestID).Delete(&DataItem{})
	return res.RowsAffected, translate(res.Error)
}
