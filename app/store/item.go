package store

import (
	"context"
	"time"

	"gorm.io/gorm/clause"

	"github.com/lethe-gdpr/lethe/app/gdpr"
)

// DataItem is one record found for a request in a connected system. The
// item itself (its fields are personal data) is stored sealed; the columns
// beside it are for queries.
type DataItem struct {
	ID             int64
	ShopID         int64
	RequestID      int64
	System         string
	RecordType     string
	RecordID       string
	Item           gdpr.Item `gorm:"-"`
	Data           []byte    `json:"-"`
	DocumentDate   *Day
	DeliveredOn    *Day
	ConsentEndedOn *Day
	Open           bool
	CreatedAt      time.Time
}

// ReplaceItems stores the items found for a request, replacing what an
// earlier run of discovery found.
func (s *Store) ReplaceItems(ctx context.Context, shopID, requestID int64, items []gdpr.Item) error {
	if _, err := s.DeleteItems(ctx, shopID, requestID); err != nil {
		return err
	}
	rows := make([]DataItem, 0, len(items))
	for _, it := range items {
		sealed, err := s.sealJSON(purposeItem, it)
		if err != nil {
			return err
		}
		rows = append(rows, DataItem{
			ShopID: shopID, RequestID: requestID, System: it.System, RecordType: string(it.RecordType), RecordID: it.RecordID,
			Data: sealed, DocumentDate: dayPtr(&it.Date), DeliveredOn: dayPtr(it.Delivered), ConsentEndedOn: dayPtr(it.ConsentEnded), Open: it.Open,
		})
	}
	if len(rows) == 0 {
		return nil
	}
	return translate(s.q(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "request_id"}, {Name: "system"}, {Name: "record_type"}, {Name: "record_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"data", "document_date", "delivered_on", "consent_ended_on", "open"}),
	}).CreateInBatches(rows, 200).Error)
}

func dayPtr(d *gdpr.Date) *Day {
	if d == nil || d.IsZero() {
		return nil
	}
	v := DayOf(d.Year(), d.Month(), d.Day())
	return &v
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
		if err := s.openJSON(purposeItem, items[i].Data, &items[i].Item); err != nil {
			return nil, err
		}
	}
	return items, nil
}

// GdprItems is Items as the rules core's items.
func (s *Store) GdprItems(ctx context.Context, shopID, requestID int64) ([]gdpr.Item, error) {
	rows, err := s.Items(ctx, shopID, requestID)
	out := make([]gdpr.Item, len(rows))
	for i := range rows {
		out[i] = rows[i].Item
	}
	return out, err
}

// DeleteItems erases the items of a request.
func (s *Store) DeleteItems(ctx context.Context, shopID, requestID int64) (int64, error) {
	res := s.q(ctx).Where("shop_id = ? AND request_id = ?", shopID, requestID).Delete(&DataItem{})
	return res.RowsAffected, translate(res.Error)
}
