package pipeline

import (
	"context"
	"errors"
	"fmt"

	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/report"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
)

// ErrNotAnswered: the request has no sent access answer to send again.
var ErrNotAnswered = errors.New("pipeline: the access answer was not sent yet")

// ResendAnswer sends a request's access answer again with a new link
// (the person lost it, or it expired): every earlier link of the request
// ends now, the new one is made inactive and starts working when the
// resent answer is sent, for the link lifetime from then. The answer is
// written anew from its template, to the address the first went to, and
// queued; its step is returned for the caller to enqueue after the commit.
// A request whose answer was not sent is ErrNotAnswered.
func (p *Pipeline) ResendAnswer(ctx context.Context, shopID, requestID int64, by string) (*store.Step, error) {
	var sendStep *store.Step
	err := p.Store.Tx(ctx, func(tx *store.Store) error {
		sh, err := tx.Shop(ctx, shopID)
		if err != nil {
			return err
		}
		r, err := tx.Request(ctx, shopID, requestID)
		if err != nil {
			return err
		}
		es, err := tx.EmailsOf(ctx, shopID, requestID)
		if err != nil {
			return err
		}
		var sent *store.Email
		for i := range es {
			if es[i].Kind == mail.KindAccessAnswer && es[i].Status == store.EmailSent {
				sent = &es[i]
			}
		}
		if r.Type != store.TypeAccess || sent == nil || requests.Ended(r.Status) {
			return ErrNotAnswered
		}
		now := p.now()
		ended, err := report.RevokeLinks(ctx, tx, shopID, requestID, now)
		if err != nil {
			return err
		}
		l, err := report.NewLink(ctx, tx, shopID, requestID, p.PublicURL, p.LinkTTL, now)
		if err != nil {
			return err
		}
		if err := tx.ReopenSentEmail(ctx, shopID, sent.ID); err != nil {
			return err
		}
		e, err := mail.DraftAnswer(ctx, tx, sh, r, mail.AnswerLink{URL: l.URL, Lifetime: l.Lifetime})
		if err != nil {
			return err
		}
		if err := requests.Audit(ctx, tx, r, by, "report.link_reissued", fmt.Sprintf("email=%d ended=%d link=%d", e.ID, ended, l.ID)); err != nil {
			return err
		}
		if sendStep, err = mail.QueueSend(ctx, tx, e); err != nil {
			return err
		}
		return requests.Audit(ctx, tx, r, by, "email.queued", fmt.Sprintf("email=%d kind=%s", e.ID, e.Kind))
	})
	if err != nil {
		return nil, err
	}
	return sendStep, nil
}
