package requests

import (
	"context"
	"errors"
	"fmt"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/deadline"
	"github.com/lethe-gdpr/lethe/app/store"
)

var (
	// ErrReceiptKnown: the request's day of receipt was known at intake;
	// there is nothing to record.
	ErrReceiptKnown = errors.New("requests: the day of receipt is known")
	// ErrReceiptDay: the day given lies after the webhook's arrival or
	// more than JoinWindow before it.
	ErrReceiptDay = errors.New("requests: day of receipt out of range")
	// ErrReceiptUnknown: the action needs the legal due date, which is
	// unknown until the day of receipt is recorded.
	ErrReceiptUnknown = errors.New("requests: the day of receipt is not recorded yet")
)

// ReceiptRange is the range of days RecordReceipt accepts for r: from
// JoinWindow before the platform's webhook arrived (Shopify holds
// customers/redact back up to six months after the last order, plus 10
// days) to the day it arrived, in the shop's zone.
func ReceiptRange(sh *store.Shop, r *store.Request) (first, last gdpr.Date) {
	loc := location(sh)
	return gdpr.FromTime(r.CreatedAt.Add(-JoinWindow), loc), gdpr.FromTime(r.CreatedAt, loc)
}

// RecordReceipt records the day the person made a request that reached
// Lethe late, through a platform's delayed webhook, and counts the due
// dates from it (Art. 12(3) GDPR, counted by deadline.Due in the shop's
// zone and place): received_at becomes the start of that day. It may be
// recorded again to correct it; a request whose receipt was known at
// intake has nothing to record (ErrReceiptKnown). Audited without personal
// data. Call it inside tx.
func RecordReceipt(ctx context.Context, tx *store.Store, sh *store.Shop, r *store.Request, actor string, received gdpr.Date) error {
	if r.Receipt == "" {
		return ErrReceiptKnown
	}
	if first, last := ReceiptRange(sh, r); received.Before(first) || received.After(last) {
		return fmt.Errorf("%w: %s is not between %s and %s", ErrReceiptDay, received, first, last)
	}
	loc := location(sh)
	at := received.Time(loc).UTC()
	d := deadline.Due(at, Place(sh), loc)
	due, ext := day(d.Due), day(d.ExtendedDue)
	err := tx.UpdateRequest(ctx, r.ShopID, r.ID, map[string]any{
		"received_at": at, "due_at": due, "extended_due_at": ext, "receipt": store.ReceiptRecorded,
	})
	if err != nil {
		return err
	}
	r.ReceivedAt, r.DueAt, r.ExtendedDueAt, r.Receipt = at, due, ext, store.ReceiptRecorded
	return Audit(ctx, tx, r, actor, "request.receipt_recorded", fmt.Sprintf("received_on=%s due=%s extended_due=%s", received, due, ext))
}
