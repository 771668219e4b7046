package mail

import (
	"context"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/lethe-gdpr/lethe/app/store"
)

// The merchant's edit of a draft: the subject and the text as the merchant
// wrote them, and an HTML body made from that text in the e-mails' layout,
// so the person gets the same words in both parts.

// Limits of an edit.
const (
	MaxSubject = 200
	MaxBody    = 50000
)

// ErrEdit: the edit cannot be saved as it is (empty, too long, a subject
// over several lines); its message says why.
var ErrEdit = errors.New("mail: invalid edit")

// EditDraft replaces the draft e's subject and text with the merchant's,
// and its HTML body with one made from the text. Call it inside tx; a
// draft that was queued meanwhile is store.ErrConflict.
func EditDraft(ctx context.Context, tx *store.Store, sh *store.Shop, e *store.Email, subject, text string) error {
	subject = strings.Join(strings.Fields(subject), " ")
	text = strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n")) + "\n"
	switch {
	case subject == "":
		return editError("the subject is empty")
	case utf8.RuneCountInString(subject) > MaxSubject:
		return editError("the subject is longer than 200 characters")
	case strings.TrimSpace(text) == "":
		return editError("the text is empty")
	case utf8.RuneCountInString(text) > MaxBody:
		return editError("the text is longer than 50,000 characters")
	}
	html, err := textToHTML(e.Locale, shopName(sh), text)
	if err != nil {
		return err
	}
	if err := tx.EditEmailDraft(ctx, e.ShopID, e.ID, subject, text, html); err != nil {
		return err
	}
	e.Subject, e.BodyText, e.BodyHTML = subject, text, html
	return nil
}

type editError string

func (e editError) Error() string { return string(e) }
func (e editError) Unwrap() error { return ErrEdit }
