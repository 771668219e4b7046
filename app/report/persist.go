package report

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/lethe-gdpr/lethe/app/store"
)

// reportRow is a row of reports: the report of one request, sealed.
type reportRow struct {
	ID        int64
	ShopID    int64
	RequestID int64
	Schema    string
	Negative  bool
	Data      []byte
	CreatedAt time.Time
}

func (reportRow) TableName() string { return "reports" }

// sealPurpose binds a sealed report to its row, so it cannot be moved to
// another request's row and opened there.
func sealPurpose(shopID, requestID int64) string {
	return fmt.Sprintf("reports.data:%d:%d", shopID, requestID)
}

// Save stores r sealed as the report of its request, replacing an earlier
// one (one report per request). tx may be a transaction's store.
func Save(ctx context.Context, tx *store.Store, r *Report) error {
	if r.ShopID == 0 || r.Request.ID == 0 {
		return invalid("the report names no shop or request")
	}
	if err := requestOfShop(ctx, tx, r.ShopID, r.Request.ID); err != nil {
		return err
	}
	b, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("report: encode: %w", err)
	}
	sealed, err := tx.Keys().Seal(sealPurpose(r.ShopID, r.Request.ID), b)
	if err != nil {
		return err
	}
	row := reportRow{
		ShopID: r.ShopID, RequestID: r.Request.ID, Schema: r.Schema,
		Negative: !r.Processed, Data: sealed, CreatedAt: tx.Now(),
	}
	return tx.Gorm().WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "request_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"schema", "negative", "data", "created_at"}),
	}).Create(&row).Error
}

// requestOfShop is store.ErrNotFound unless the request is the shop's.
func requestOfShop(ctx context.Context, st *store.Store, shopID, requestID int64) error {
	var n int64
	err := st.Gorm().WithContext(ctx).Model(&store.Request{}).
		Where("shop_id = ? AND id = ?", shopID, requestID).Count(&n).Error
	if err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("%w: request %d of shop %d", store.ErrNotFound, requestID, shopID)
	}
	return nil
}

// Load returns the report of a shop's request; store.ErrNotFound when there
// is none (or the request is another shop's).
func Load(ctx context.Context, st *store.Store, shopID, requestID int64) (*Report, error) {
	var row reportRow
	err := st.Gorm().WithContext(ctx).Where("shop_id = ? AND request_id = ?", shopID, requestID).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	b, err := st.Keys().Open(sealPurpose(shopID, requestID), row.Data)
	if err != nil {
		return nil, fmt.Errorf("report: open report of request %d: %w", requestID, err)
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var r Report
	if err := d.Decode(&r); err != nil {
		return nil, fmt.Errorf("report: decode report of request %d: %w", requestID, err)
	}
	r.ShopID = shopID
	return &r, nil
}

// Exists reports whether a shop's request has a report, without opening it.
func Exists(ctx context.Context, st *store.Store, shopID, requestID int64) (bool, error) {
	var n int64
	err := st.Gorm().WithContext(ctx).Model(&reportRow{}).
		Where("shop_id = ? AND request_id = ?", shopID, requestID).Count(&n).Error
	return n > 0, err
}
