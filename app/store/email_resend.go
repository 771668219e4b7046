package store

import "context"

// ReopenSentEmail turns a sent e-mail of a shop back into a draft to be
// written again and sent anew (a resend of the access answer with a new
// link): its Message-ID and send times are cleared, so the resend is a
// new message. The audit trail keeps the first sending. ErrConflict when
// the e-mail was not sent; ErrNotFound when there is none.
func (s *Store) ReopenSentEmail(ctx context.Context, shopID, id int64) error {
	res := s.q(ctx).Model(&Email{}).Where("shop_id = ? AND id = ? AND status = ?", shopID, id, EmailSent).
		Updates(map[string]any{"status": EmailDraft, "message_id": "", "sent_at": nil, "queued_at": nil, "error": "", "updated_at": s.Now()})
	if res.Error != nil {
		return translate(res.Error)
	}
	if res.RowsAffected > 0 {
		return nil
	}
	if _, err := s.Email(ctx, shopID, id); err != nil {
		return err
	}
	return ErrConflict
}
