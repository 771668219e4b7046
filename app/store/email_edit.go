package store

import "context"

// EditEmailDraft replaces a draft's subject and bodies with the merchant's
// edit, sealed as every e-mail is. Only a draft is edited: a queued one is
// ErrConflict, a sent one ErrEmailSent, another shop's ErrNotFound.
func (s *Store) EditEmailDraft(ctx context.Context, shopID, id int64, subject, text, html string) error {
	e := Email{BodyText: text, BodyHTML: html}
	if err := s.sealEmail(&e); err != nil {
		return err
	}
	return s.setEmailStatus(ctx, shopID, id, []string{EmailDraft}, map[string]any{
		"subject": subject, "body_text": e.BodyTextSealed, "body_html": e.BodyHTMLSealed, "updated_at": s.Now(),
	})
}
