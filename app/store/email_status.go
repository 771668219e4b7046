package store

import (
	"context"
	"strings"
)

// MarkEmailQueued puts an e-mail in the send queue (from draft, failed or
// queued); ErrEmailSent when it was sent already.
func (s *Store) MarkEmailQueued(ctx context.Context, shopID, id int64) error {
	now := s.Now()
	return s.setEmailStatus(ctx, shopID, id, []string{EmailDraft, EmailFailed, EmailQueued},
		map[string]any{"status": EmailQueued, "queued_at": now, "error": "", "updated_at": now})
}

// MarkEmailSent records the delivery to the SMTP server; ErrEmailSent when
// it was recorded before.
func (s *Store) MarkEmailSent(ctx context.Context, shopID, id int64) error {
	now := s.Now()
	return s.setEmailStatus(ctx, shopID, id, []string{EmailDraft, EmailFailed, EmailQueued},
		map[string]any{"status": EmailSent, "sent_at": now, "error": "", "updated_at": now})
}

// MarkEmailFailed records a failure for good with its reason (no personal
// data); ErrEmailSent when it was sent already.
func (s *Store) MarkEmailFailed(ctx context.Context, shopID, id int64, reason string) error {
	return s.setEmailStatus(ctx, shopID, id, []string{EmailDraft, EmailFailed, EmailQueued},
		map[string]any{"status": EmailFailed, "error": bound(reason), "updated_at": s.Now()})
}

// NoteEmailError keeps the reason of a failed attempt that will be retried;
// the e-mail stays queued.
func (s *Store) NoteEmailError(ctx context.Context, shopID, id int64, reason string) error {
	return s.setEmailStatus(ctx, shopID, id, []string{EmailQueued},
		map[string]any{"error": bound(reason), "updated_at": s.Now()})
}

// AssignEmailMessageID gives an e-mail its Message-ID unless it has one,
// and returns the one it keeps: every attempt to send it uses the same.
func (s *Store) AssignEmailMessageID(ctx context.Context, shopID, id int64, messageID string) (string, error) {
	err := s.q(ctx).Model(&Email{}).Where("shop_id = ? AND id = ? AND message_id = ''", shopID, id).
		Update("message_id", messageID).Error
	if err != nil {
		return "", translate(err)
	}
	var got []string
	if err := s.q(ctx).Model(&Email{}).Where("shop_id = ? AND id = ?", shopID, id).Pluck("message_id", &got).Error; err != nil {
		return "", translate(err)
	}
	if len(got) == 0 {
		return "", ErrNotFound
	}
	return got[0], nil
}

// setEmailStatus updates an e-mail in one of the statuses from; when it is
// in none, ErrEmailSent (sent), ErrConflict (other) or ErrNotFound.
func (s *Store) setEmailStatus(ctx context.Context, shopID, id int64, from []string, cols map[string]any) error {
	res := s.q(ctx).Model(&Email{}).Where("shop_id = ? AND id = ? AND status IN ?", shopID, id, from).Updates(cols)
	if res.Error != nil {
		return translate(res.Error)
	}
	if res.RowsAffected > 0 {
		return nil
	}
	var status []string
	if err := s.q(ctx).Model(&Email{}).Where("shop_id = ? AND id = ?", shopID, id).Pluck("status", &status).Error; err != nil {
		return translate(err)
	}
	if len(status) == 0 {
		return ErrNotFound
	}
	if status[0] == EmailSent {
		return ErrEmailSent
	}
	return ErrConflict
}

// bound cuts a reason to 500 bytes without splitting a character.
func bound(s string) string {
	if len(s) <= 500 {
		return s
	}
	return strings.ToValidUTF8(s[:500], "")
}
