package report

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/lethe-gdpr/lethe/app/store"
)

// Save stores r sealed as the report of its request, replacing an earlier
// one (one report per request). tx may be a transaction's store.
func Save(ctx context.Context, tx *store.Store, r *Report) error {
	if r.ShopID == 0 || r.Request.ID == 0 {
		return invalid("the report names no shop or request")
	}
	b, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("report: encode: %w", err)
	}
	return tx.SaveReport(ctx, &store.Report{
		ShopID: r.ShopID, RequestID: r.Request.ID, Schema: r.Schema, Negative: !r.Processed, Document: b,
	})
}

// Load returns the report of a shop's request; store.ErrNotFound when there
// is none (or the request is another shop's).
func Load(ctx context.Context, st *store.Store, shopID, requestID int64) (*Report, error) {
	row, err := st.Report(ctx, shopID, requestID)
	if err != nil {
		return nil, err
	}
	d := json.NewDecoder(bytes.NewReader(row.Document))
	d.UseNumber()
	var r Report
	if err := d.Decode(&r); err != nil {
		return nil, fmt.Errorf("report: decode report of request %d: %w", requestID, err)
	}
	r.ShopID = shopID
	return &r, nil
}

// Exists reports whether a shop's request has a report, without opening it;
// store.ErrNotFound when the request is another shop's.
func Exists(ctx context.Context, st *store.Store, shopID, requestID int64) (bool, error) {
	return st.HasReport(ctx, shopID, requestID)
}
