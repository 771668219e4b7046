package store

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm/clause"
)

// E-mail statuses.
const (
	EmailDraft  = "draft"
	EmailQueued = "queued"
	EmailSent   = "sent"
	EmailFailed = "failed"
)

// ErrEmailSent: the e-mail was already sent; it is never changed again.
var ErrEmailSent = errors.New("e-mail already sent")

// Purposes of the e-mail's sealed columns.
const (
	purposeEmailRecipient = "email.recipient"
	purposeEmailText      = "email.body_text"
	purposeEmailHTML      = "email.body_html"
)

// Email is a reply or notice e-mail. The recipient and the bodies are
// personal data and stored sealed; the subject is plain and must hold none
// (the shop's name and the request id, never the customer's).
type Email struct {
	ID              int64
	ShopID          int64
	RequestID       *int64
	Kind            string // access_answer, negative_answer, merchant_notice
	Locale          string // "de" or "en"
	To              string `gorm:"-"`
	RecipientSealed []byte `gorm:"column:recipient" json:"-"`
	Subject         string
	BodyText        string `gorm:"-"`
	BodyTextSealed  []byte `gorm:"column:body_text" json:"-"`
	BodyHTML        string `gorm:"-"`
	BodyHTMLSealed  []byte `gorm:"column:body_html" json:"-"`
	Status          string
	MessageID       string // "<lethe-{id}-{random}@{host}>", set once at the first send attempt
	Error           string // why the last attempt failed (no personal data beyond the SMTP server's words, addresses removed)
	QueuedAt        *time.Time
	SentAt          *time.Time
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

func (s *Store) sealEmail(e *Email) error {
	var err error
	if e.RecipientSealed, err = s.keys.Seal(purposeEmailRecipient, []byte(e.To)); err != nil {
		return err
	}
	if e.BodyTextSealed, err = s.keys.Seal(purposeEmailText, []byte(e.BodyText)); err != nil {
		return err
	}
	e.BodyHTMLSealed = nil
	if e.BodyHTML != "" {
		e.BodyHTMLSealed, err = s.keys.Seal(purposeEmailHTML, []byte(e.BodyHTML))
	}
	return err
}

func (s *Store) openEmail(e *Email) error {
	open := func(purpose string, sealed []byte, out *string) error {
		if len(sealed) == 0 {
			*out = ""
			return nil
		}
		b, err := s.keys.Open(purpose, sealed)
		*out = string(b)
		return err
	}
	if err := open(purposeEmailRecipient, e.RecipientSealed, &e.To); err != nil {
		return err
	}
	if err := open(purposeEmailText, e.BodyTextSealed, &e.BodyText); err != nil {
		return err
	}
	return open(purposeEmailHTML, e.BodyHTMLSealed, &e.BodyHTML)
}

// SaveEmailDraft stores e, one per request and kind: an existing e-mail of
// the same request and kind is replaced (recipient, locale, subject,
// bodies) and keeps its id, Message-ID and, when queued, its place in the
// queue; a failed one becomes a draft again. An e-mail already sent is
// never replaced: e is loaded with it and ErrEmailSent returned.
func (s *Store) SaveEmailDraft(ctx context.Context, e *Email) error {
	if err := s.sealEmail(e); err != nil {
		return err
	}
	now := s.Now()
	e.Status, e.Error, e.CreatedAt, e.UpdatedAt = EmailDraft, "", now, now
	if e.RequestID == nil { // no unique key to replace by
		return translate(s.q(ctx).Create(e).Error)
	}
	res := s.q(ctx).Clauses(clause.OnConflict{
		Columns: []clause.Column{{Name: "request_id"}, {Name: "kind"}}, DoNothing: true,
	}).Create(e)
	if res.Error != nil {
		return translate(res.Error)
	}
	if res.RowsAffected == 1 {
		return nil
	}
	var cur Email
	if err := s.q(ctx).Where("shop_id = ? AND request_id = ? AND kind = ?", e.ShopID, *e.RequestID, e.Kind).Take(&cur).Error; err != nil {
		return translate(err)
	}
	upd := s.q(ctx).Model(&Email{}).Where("id = ? AND status <> ?", cur.ID, EmailSent).Updates(map[string]any{
		"locale": e.Locale, "recipient": e.RecipientSealed, "subject": e.Subject,
		"body_text": e.BodyTextSealed, "body_html": e.BodyHTMLSealed, "error": "", "updated_at": now,
		"status": clause.Expr{SQL: "CASE WHEN status = ? THEN ? ELSE status END", Vars: []any{EmailFailed, EmailDraft}},
	})
	if upd.Error != nil {
		return translate(upd.Error)
	}
	got, err := s.Email(ctx, e.ShopID, cur.ID)
	if err != nil {
		return err
	}
	*e = *got
	if upd.RowsAffected == 0 {
		return ErrEmailSent
	}
	return nil
}

// DeleteEmailDraft removes a request's e-mail of kind unless it was queued
// or sent (an answer that turned from positive to negative, or back).
func (s *Store) DeleteEmailDraft(ctx context.Context, shopID, requestID int64, kind string) error {
	return translate(s.q(ctx).Where("shop_id = ? AND request_id = ? AND kind = ? AND status IN ?",
		shopID, requestID, kind, []string{EmailDraft, EmailFailed}).Delete(&Email{}).Error)
}

// Email loads one e-mail of a shop; another shop's id is ErrNotFound.
func (s *Store) Email(ctx context.Context, shopID, id int64) (*Email, error) {
	var e Email
	if err := s.q(ctx).Where("shop_id = ? AND id = ?", shopID, id).Take(&e).Error; err != nil {
		return nil, translate(err)
	}
	return &e, s.openEmail(&e)
}

// EmailsOf lists a request's e-mails, oldest first.
func (s *Store) EmailsOf(ctx context.Context, shopID, requestID int64) ([]Email, error) {
	var es []Email
	if err := s.q(ctx).Where("shop_id = ? AND request_id = ?", shopID, requestID).Order("id").Find(&es).Error; err != nil {
		return nil, translate(err)
	}
	for i := range es {
		if err := s.openEmail(&es[i]); err != nil {
			return nil, err
		}
	}
	return es, nil
}
