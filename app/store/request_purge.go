package store

import (
	"context"
	"time"
)

// PurgeRequestRecords deletes up to n records of completed erasure
// requests that were completed before before, in one short transaction,
// with everything that hangs on them (audit trail, steps, the scrubbed
// e-mails, plan; archived records and deliveries keep their rows without
// the link). What an erasure leaves of a request (store.ForgetSubject:
// type, dates, status, the keyed hash) is kept as proof that it was handled
// (Art. 5(2) GDPR) until the regular limitation period of three years from
// the end of the year it was completed has run (§§ 195, 199 BGB); the
// caller passes 1 January of the year three years back. It returns how
// many requests it deleted.
func (s *Store) PurgeRequestRecords(ctx context.Context, before time.Time, n int) (int64, error) {
	return s.deleteBatch(ctx, "requests", "type = ? AND status = ? AND completed_at < ?",
		[]any{TypeErasure, StatusCompleted, before.UTC()}, n)
}
