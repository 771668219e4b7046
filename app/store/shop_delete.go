package store

import (
	"context"
)

// ShopDeletion counts what DeleteShopData removed (no personal data).
type ShopDeletion struct {
	Requests, Holds, Steps, Events, Deliveries int64
	ShopRow                                    bool
}

// DeleteShopData deletes everything held for a shop in short transactions
// of at most batch rows: requests (with their events, items and steps),
// archived records, remaining steps and events, webhook deliveries, and
// last the shop row itself. keepStep (the step running this) survives
// until the shop row goes, so an interrupted run can resume.
func (s *Store) DeleteShopData(ctx context.Context, shopID, keepStep int64, batch int) (ShopDeletion, error) {
	var d ShopDeletion
	sh, err := s.Shop(ctx, shopID)
	if err == ErrNotFound {
		return d, nil // already gone
	}
	if err != nil {
		return d, err
	}
	type table struct {
		name, where string
		args        []any
		count       *int64
	}
	tables := []table{
		{"requests", "shop_id = ?", []any{shopID}, &d.Requests},
		{"retention_holds", "shop_id = ?", []any{shopID}, &d.Holds},
		{"steps", "shop_id = ? AND id <> ?", []any{shopID, keepStep}, &d.Steps},
		{"request_events", "shop_id = ?", []any{shopID}, &d.Events},
		{"webhook_deliveries", "platform = ? AND shop_domain = ?", []any{sh.Platform, sh.Domain}, &d.Deliveries},
	}
	for _, t := range tables {
		for {
			n, err := s.deleteBatch(ctx, t.name, t.where, t.args, batch)
			if err != nil {
				return d, err
			}
			*t.count += n
			if n < int64(batch) {
				break
			}
		}
	}
	res := s.q(ctx).Exec("DELETE FROM shops WHERE id = ?", shopID)
	d.ShopRow = res.RowsAffected == 1
	return d, translate(res.Error)
}

// deleteBatch deletes up to n rows of table matching where, in one
// statement (one short transaction).
func (s *Store) deleteBatch(ctx context.Context, table, where string, args []any, n int) (int64, error) {
	q := "DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table + " WHERE " + where + " ORDER BY id LIMIT ?)"
	res := s.q(ctx).Exec(q, append(args, n)...)
	return res.RowsAffected, translate(res.Error)
}
