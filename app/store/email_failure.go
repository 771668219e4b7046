package store

import (
	"context"
	"time"
)

// EmailFailure is the last failed delivery attempt of a shop's e-mails:
// which e-mail, when, and why (the stored reason: no personal data beyond
// the SMTP server's words, addresses removed).
type EmailFailure struct {
	EmailID   int64
	RequestID *int64
	Kind      string
	Status    string // failed (for good) or queued (retried)
	Error     string
	At        time.Time
}

// LastEmailFailure is the shop's most recent e-mail whose last attempt
// failed (failed for good, or queued with a noted error); nil when none.
func (s *Store) LastEmailFailure(ctx context.Context, shopID int64) (*EmailFailure, error) {
	var es []Email
	err := s.q(ctx).Select("id, request_id, kind, status, error, updated_at").
		Where("shop_id = ? AND error <> '' AND status IN ?", shopID, []string{EmailFailed, EmailQueued}).
		Order("updated_at DESC, id DESC").Limit(1).Find(&es).Error
	if err != nil || len(es) == 0 {
		return nil, translate(err)
	}
	e := es[0]
	return &EmailFailure{EmailID: e.ID, RequestID: e.RequestID, Kind: e.Kind, Status: e.Status, Error: e.Error, At: e.UpdatedAt}, nil
}
