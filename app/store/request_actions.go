package store

import (
	"context"
	"time"
)

// The merchant's actions on a request that are not status changes (those
// go through requests.Transition): the extension of its deadline, the
// verification of the person's identity, the reason it ended.

// EffectiveDueAt is the deadline that applies: the extended one once the
// merchant extended it (Art. 12(3) GDPR), else the first.
func (r *Request) EffectiveDueAt() Day {
	if r.ExtendedAt != nil {
		return r.ExtendedDueAt
	}
	return r.DueAt
}

// openRequest opens the sealed fields of a loaded request.
func (s *Store) openRequest(r *Request) error {
	if err := s.openJSON(purposeSubject, r.SubjectSealed, &r.Subject); err != nil {
		return err
	}
	if err := s.openJSON(purposeClosing, r.ClosingReasonSealed, &r.ClosingReason); err != nil {
		return err
	}
	return s.openJSON(purposeNote, r.NoteSealed, &r.Note)
}

// MarkRequestExtended records that the request's deadline was extended at
// at; ErrConflict when it was extended before, ErrNotFound when the shop
// has no such request.
func (s *Store) MarkRequestExtended(ctx context.Context, shopID, id int64, at time.Time) error {
	return s.stampOnce(ctx, shopID, id, "extended_at", at)
}

// MarkIdentityVerified records that the merchant verified the person's
// identity at at; ErrConflict when it was verified before.
func (s *Store) MarkIdentityVerified(ctx context.Context, shopID, id int64, at time.Time) error {
	return s.stampOnce(ctx, shopID, id, "identity_verified_at", at)
}

// stampOnce sets the time column col of a request that has none yet.
func (s *Store) stampOnce(ctx context.Context, shopID, id int64, col string, at time.Time) error {
	res := s.q(ctx).Model(&Request{}).Where("shop_id = ? AND id = ? AND "+col+" IS NULL", shopID, id).
		Updates(map[string]any{col: at.UTC(), "updated_at": s.Now()})
	return s.conditionallyUpdated(ctx, res, shopID, id)
}

// SetClosingReason stores the reason a request was refused, withdrawn or
// closed, sealed.
func (s *Store) SetClosingReason(ctx context.Context, shopID, id int64, reason string) error {
	sealed, err := s.sealJSON(purposeClosing, reason)
	if err != nil {
		return err
	}
	return s.UpdateRequest(ctx, shopID, id, map[string]any{"closing_reason": sealed})
}
