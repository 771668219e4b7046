package store

import (
	"context"
)

// Forgotten counts what ForgetSubject erased (no personal data).
type Forgotten struct {
	Requests, Items, Reports, Links int64
}

// ForgetSubject erases what Lethe holds about a person at a shop outside
// the retention archive: for every request of the person (matched by the
// subject's keyed hash, and the current request by id) the found items,
// reports and report links, the e-mails (sent ones scrubbed, drafts
// deleted), the sealed subject itself and the merchant's note. What stays
// is the minimal record that the requests were handled: type, dates,
// statuses and the keyed hash.
// The e-mails of keepMailOf (the erasure confirmation waiting to be sent)
// are left for the sender, which scrubs them once sent.
func (s *Store) ForgetSubject(ctx context.Context, shopID int64, subjectHash string, current, keepMailOf int64) (Forgotten, error) {
	var f Forgotten
	var ids []int64
	q := s.q(ctx).Model(&Request{}).Where("shop_id = ?", shopID)
	if subjectHash != "" {
		q = q.Where("subject_hash = ? OR id = ?", subjectHash, current)
	} else {
		q = q.Where("id = ?", current)
	}
	if err := q.Pluck("id", &ids).Error; err != nil {
		return f, translate(err)
	}
	if len(ids) == 0 {
		return f, nil
	}
	for _, t := range []struct {
		table string
		n     *int64
	}{{"data_items", &f.Items}, {"reports", &f.Reports}, {"report_links", &f.Links}} {
		res := s.q(ctx).Exec("DELETE FROM "+t.table+" WHERE shop_id = ? AND request_id IN ?", shopID, ids)
		if res.Error != nil {
			return f, translate(res.Error)
		}
		*t.n = res.RowsAffected
	}
	for _, id := range ids {
		if id == keepMailOf {
			continue
		}
		if err := s.ScrubEmails(ctx, shopID, id); err != nil {
			return f, err
		}
	}
	empty, err := s.sealJSON(purposeSubject, Subject{})
	if err != nil {
		return f, err
	}
	res := s.q(ctx).Model(&Request{}).Where("shop_id = ? AND id IN ?", shopID, ids).
		Updates(map[string]any{"subject": empty, "closing_reason": nil, "note": nil, "updated_at": s.Now()})
	f.Requests = res.RowsAffected
	return f, translate(res.Error)
}
