package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm/clause"
)

// Report is the report of one request: its JSON document, sealed at rest.
type Report struct {
	ID        int64
	ShopID    int64
	RequestID int64
	Schema    string
	Negative  bool   // nothing processed about the person
	Document  []byte `gorm:"-"` // the report's JSON, clear
	Data      []byte // Document sealed
	CreatedAt time.Time
}

// TableName is reports.
func (Report) TableName() string { return "reports" }

// reportPurpose binds a sealed report to its row, so it cannot be moved to
// another request's row and opened there.
func reportPurpose(shopID, requestID int64) string {
	return fmt.Sprintf("reports.data:%d:%d", shopID, requestID)
}

// SaveReport stores r's document sealed as the report of its request,
// replacing an earlier one (one report per request). ErrNotFound unless the
// request is the shop's.
func (s *Store) SaveReport(ctx context.Context, r *Report) error {
	if err := s.requestOfShop(ctx, r.ShopID, r.RequestID); err != nil {
		return err
	}
	sealed, err := s.keys.Seal(reportPurpose(r.ShopID, r.RequestID), r.Document)
	if err != nil {
		return err
	}
	r.Data, r.CreatedAt = sealed, s.Now()
	return translate(s.q(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "request_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"schema", "negative", "data", "created_at"}),
	}).Create(r).Error)
}

// Report loads and opens the report of a shop's request; ErrNotFound when
// there is none (or the request is another shop's).
func (s *Store) Report(ctx context.Context, shopID, requestID int64) (*Report, error) {
	var r Report
	if err := s.q(ctx).Where("shop_id = ? AND request_id = ?", shopID, requestID).Take(&r).Error; err != nil {
		return nil, translate(err)
	}
	doc, err := s.keys.Open(reportPurpose(shopID, requestID), r.Data)
	if err != nil {
		return nil, fmt.Errorf("store: open report of request %d: %w", requestID, err)
	}
	r.Document = doc
	return &r, nil
}

// HasReport reports whether a shop's request has a report, without opening
// it. ErrNotFound unless the request is the shop's.
func (s *Store) HasReport(ctx context.Context, shopID, requestID int64) (bool, error) {
	if err := s.requestOfShop(ctx, shopID, requestID); err != nil {
		return false, err
	}
	var n int64
	err := s.q(ctx).Model(&Report{}).Where("shop_id = ? AND request_id = ?", shopID, requestID).Count(&n).Error
	return n > 0, translate(err)
}

// requestOfShop is ErrNotFound unless the request is the shop's.
func (s *Store) requestOfShop(ctx context.Context, shopID, requestID int64) error {
	var n int64
	err := s.q(ctx).Model(&Request{}).Where("shop_id = ? AND id = ?", shopID, requestID).Count(&n).Error
	if err != nil {
		return translate(err)
	}
	if n == 0 {
		return fmt.Errorf("%w: request %d of shop %d", ErrNotFound, requestID, shopID)
	}
	return nil
}

// ReportStamp is when the report of a shop's request was built (its
// version: SaveReport stamps it anew), without opening it; ok is false
// when there is none. store.ErrNotFound when the request is another shop's.
func (s *Store) ReportStamp(ctx context.Context, shopID, requestID int64) (time.Time, bool, error) {
	if err := s.requestOfShop(ctx, shopID, requestID); err != nil {
		return time.Time{}, false, err
	}
	var rows []Report
	err := s.q(ctx).Model(&Report{}).Select("id", "created_at").Where("shop_id = ? AND request_id = ?", shopID, requestID).Limit(1).Find(&rows).Error
	if err != nil || len(rows) == 0 {
		return time.Time{}, false, translate(err)
	}
	return rows[0].CreatedAt, true, nil
}
