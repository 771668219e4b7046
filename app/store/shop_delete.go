package store

import (
	"context"
)

// ShopDeletion counts what DeleteShopData removed (no personal data).
type ShopDeletion struct {
	Requests, ArchiveEntries, Steps, Events, Deliveries int64
	ShopRow                                             bool
}

// DeleteShopData deletes everything held for a shop in short transactions
// of at most batch rows: archived records and webhook deliveries, requests
// (with their events, items, steps, reports, links, e-mails and plans),
// remaining steps and events, and last the shop row itself. keepStep (the
// step running this) survives until the shop row goes, so an interrupted
// run can resume.
//
// The order keeps the work linear in the rows deleted (BENCHMARKS.md,
// "shop/redact"): archived records and deliveries point at requests with
// ON DELETE SET NULL, so they go before the requests, which would otherwise
// rewrite each of them only for it to be deleted afterwards; the requests'
// children go by their cascades, which follow indexes on request_id
// (migration 00008 adds the missing ones).
func (s *Store) DeleteShopData(ctx context.Context, shopID, keepStep int64, batch int) (ShopDeletion, error) {
	var d ShopDeletion
	sh, err := s.Shop(ctx, shopID)
	if err == ErrNotFound {
		return d, nil // already gone
	}
	if err != nil {
		return d, err
	}
	if batch <= 0 {
		batch = 1000
	}
	passes := []struct {
		table, where string
		args         []any
		count        *int64
	}{
		{"archive_entries", "shop_id = ?", []any{shopID}, &d.ArchiveEntries},
		{"webhook_deliveries", "platform = ? AND shop_domain = ?", []any{sh.Platform, sh.Domain}, &d.Deliveries},
		{"requests", "shop_id = ?", []any{shopID}, &d.Requests},
		{"steps", "shop_id = ? AND id <> ?", []any{shopID, keepStep}, &d.Steps},
		{"request_events", "shop_id = ?", []any{shopID}, &d.Events},
	}
	for _, p := range passes {
		var after int64
		for {
			n, last, err := s.deleteBatchAfter(ctx, p.table, p.where, p.args, after, batch)
			if err != nil {
				return d, err
			}
			*p.count += n
			if n < int64(batch) {
				break
			}
			after = last
		}
	}
	// A connection of the shop still under way (a few rows at most).
	if err := s.q(ctx).Exec("DELETE FROM pending_connections WHERE shop_id = ?", shopID).Error; err != nil {
		return d, translate(err)
	}
	res := s.q(ctx).Exec("DELETE FROM shops WHERE id = ?", shopID)
	d.ShopRow = res.RowsAffected == 1
	return d, translate(res.Error)
}

// deleteBatchAfter deletes the first n rows of table matching where with an
// id above after, in one statement (one short transaction), and returns how
// many it deleted and the highest id among them. Walking the ids forward
// keeps each batch's search from passing the rows deleted before it.
func (s *Store) deleteBatchAfter(ctx context.Context, table, where string, args []any, after int64, n int) (count, last int64, err error) {
	q := "DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table + " WHERE " + where +
		" AND id > ? ORDER BY id LIMIT ?) RETURNING id"
	rows, err := s.q(ctx).Raw(q, append(append([]any{}, args...), after, n)...).Rows()
	if err != nil {
		return 0, 0, translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return count, last, err
		}
		count++
		last = max(last, id)
	}
	return count, last, translate(rows.Err())
}

// deleteBatch deletes up to n rows of table matching where, in one
// statement (one short transaction). The outer statement repeats where, so
// that Postgres checks it again on a row changed since the subquery read it
// (a legal hold set while the purge runs keeps its record).
func (s *Store) deleteBatch(ctx context.Context, table, where string, args []any, n int) (int64, error) {
	q := "DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table + " WHERE " + where + " ORDER BY id LIMIT ?) AND " + where
	res := s.q(ctx).Exec(q, append(append(append([]any{}, args...), n), args...)...)
	return res.RowsAffected, translate(res.Error)
}
