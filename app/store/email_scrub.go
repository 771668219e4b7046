package store

import (
	"context"
)

// ScrubEmails erases the personal data of a request's e-mails. A sent
// e-mail keeps its kind, locale, subject, status, Message-ID and times as
// the record of what was sent and when; its recipient and bodies become
// sealed empty values (the recipient and text columns are NOT NULL, so an
// empty value is sealed rather than the schema relaxed). Every unsent
// e-mail of the request (draft, queued, failed) is deleted, except those of
// the kinds in keepUnsent: the caller names the kinds that hold no personal
// data of the customer and must still go out (notices to the merchant).
// Running it again is harmless.
func (s *Store) ScrubEmails(ctx context.Context, shopID, requestID int64, keepUnsent ...string) error {
	var sent []int64
	err := s.q(ctx).Model(&Email{}).Where("shop_id = ? AND request_id = ? AND status = ?", shopID, requestID, EmailSent).
		Order("id").Pluck("id", &sent).Error
	if err != nil {
		return translate(err)
	}
	now := s.Now()
	for _, id := range sent {
		// Sealed afresh per row: every value has its own nonce.
		cols := map[string]any{"updated_at": now}
		for col, purpose := range map[string]string{
			"recipient": purposeEmailRecipient, "body_text": purposeEmailText, "body_html": purposeEmailHTML,
		} {
			v, err := s.keys.Seal(purpose, nil)
			if err != nil {
				return err
			}
			cols[col] = v
		}
		if err := s.q(ctx).Model(&Email{}).Where("shop_id = ? AND id = ?", shopID, id).Updates(cols).Error; err != nil {
			return translate(err)
		}
	}
	q := s.q(ctx).Where("shop_id = ? AND request_id = ? AND status <> ?", shopID, requestID, EmailSent)
	if len(keepUnsent) > 0 {
		q = q.Where("kind NOT IN ?", keepUnsent)
	}
	return translate(q.Delete(&Email{}).Error)
}
