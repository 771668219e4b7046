package mail

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/report"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
)

// HandleSend is the email:send step handler. It loads the e-mail, does
// nothing when it was sent already, delivers it with its stored
// Message-ID (a redelivery after a crash carries the same one), and
// records the delivery; sending a customer's answer moves the request from
// ready to answered, and sending an erasure confirmation (or any e-mail of
// the request after it) scrubs the request's e-mails in the same
// transaction. Temporary failures (4xx, network) return the error so the
// worker retries with backoff; permanent ones (5xx, no SMTP configuration)
// mark the e-mail failed with the reason and return the error marked
// fault.Permanent.
func HandleSend(st *store.Store, s *Sender, log *slog.Logger, opts ...SendOption) func(ctx context.Context, step *store.Step) error {
	var cfg sendConfig
	for _, o := range opts {
		o(&cfg)
	}
	return func(ctx context.Context, step *store.Step) error {
		p, err := stepPayload(step)
		if err != nil {
			return err
		}
		e, err := st.Email(ctx, p.ShopID, p.EmailID)
		if errors.Is(err, store.ErrNotFound) { // deleted with its request or shop
			log.Info("email to send is gone", "email_id", p.EmailID, "shop_id", p.ShopID, "step", step.ID)
			return nil
		}
		if err != nil {
			return err
		}
		if e.Status == store.EmailSent {
			return nil
		}
		if ended, err := answersEnded(ctx, st, e); err != nil || ended {
			if ended {
				log.Info("answer of an ended request not sent", "email_id", e.ID, "shop_id", e.ShopID, "step", step.ID)
			}
			return err
		}
		sh, err := st.Shop(ctx, e.ShopID)
		if err != nil {
			return err
		}
		if e.MessageID == "" {
			if e.MessageID, err = st.AssignEmailMessageID(ctx, e.ShopID, e.ID, s.NewMessageID(e.ID)); err != nil {
				return err
			}
		}
		m := Message{
			To: e.To, Subject: e.Subject, Text: e.BodyText, HTML: e.BodyHTML, MessageID: e.MessageID,
			Date: st.Now(), AutoSubmitted: !toCustomer(e.Kind),
		}
		if toCustomer(e.Kind) { // from the shop, replies go to the shop
			m.FromName, m.ReplyTo = shopName(sh), strings.TrimSpace(sh.Email)
		}
		attrs := []any{"email_id", e.ID, "kind", e.Kind, "shop_id", e.ShopID, "step", step.ID, "attempt", step.Attempts}
		if sendErr := s.Send(ctx, m); sendErr != nil {
			return failed(ctx, st, log, e, step, sendErr, attrs)
		}
		following, err := recordSent(ctx, st, e, cfg.after)
		if err != nil {
			// Delivered but not recorded: the retry delivers again with the
			// same Message-ID, which receivers recognise.
			return fmt.Errorf("e-mail %d delivered, recording it failed: %w", e.ID, err)
		}
		log.Info("email sent", attrs...)
		if len(following) > 0 && cfg.enqueue != nil {
			if err := cfg.enqueue(ctx, following...); err != nil {
				log.Warn("enqueue failed; left to the reconciler", append(attrs, "err", err.Error())...)
			}
		}
		return nil
	}
}

// failed records a failed attempt: for good when it is permanent or the
// last attempt, else as a note while the worker retries.
func failed(ctx context.Context, st *store.Store, log *slog.Logger, e *store.Email, step *store.Step,
	sendErr error, attrs []any) error {
	var se *SendError
	if errors.As(sendErr, &se) {
		attrs = append(attrs, "smtp_code", se.Code, "smtp_status", se.Enhanced, "stage", se.Stage)
	}
	reason := Reason(sendErr)
	if !IsPermanent(sendErr) && step.Attempts < step.MaxAttempts {
		if err := st.NoteEmailError(ctx, e.ShopID, e.ID, reason); err != nil && !errors.Is(err, store.ErrConflict) {
			return err
		}
		log.Info("email send deferred", append(attrs, "err", sendErr.Error())...)
		return sendErr
	}
	err := st.Tx(ctx, func(tx *store.Store) error {
		if err := tx.MarkEmailFailed(ctx, e.ShopID, e.ID, reason); err != nil {
			return err
		}
		return audit(ctx, tx, e, "email.failed", fmt.Sprintf("email=%d kind=%s reason=%s", e.ID, e.Kind, sendErr.Error()))
	})
	if err != nil && !errors.Is(err, store.ErrEmailSent) {
		return err
	}
	log.Warn("email send failed", append(attrs, "err", sendErr.Error())...)
	return fault.Permanent(sendErr)
}

// recordSent marks the e-mail sent and, for a customer's answer, the
// request answered, or, once the erasure is confirmed, scrubs the
// request's e-mails, with the audit trail, in one transaction; after (when
// given) runs in it too, and the steps it records are returned.
func recordSent(ctx context.Context, st *store.Store, e *store.Email, after AfterSentFunc) ([]*store.Step, error) {
	var following []*store.Step
	err := st.Tx(ctx, func(tx *store.Store) error {
		following = nil
		if err := tx.MarkEmailSent(ctx, e.ShopID, e.ID); err != nil {
			if errors.Is(err, store.ErrEmailSent) {
				return nil
			}
			return err
		}
		if err := audit(ctx, tx, e, "email.sent", fmt.Sprintf("email=%d kind=%s", e.ID, e.Kind)); err != nil {
			return err
		}
		if err := scrubAfterErasure(ctx, tx, e); err != nil {
			return err
		}
		if err := activateLink(ctx, tx, e); err != nil {
			return err
		}
		if err := answered(ctx, tx, e); err != nil {
			return err
		}
		if after == nil {
			return nil
		}
		var err error
		following, err = after(ctx, tx, e)
		return err
	})
	return following, err
}

// answered moves the request of a customer's answer from ready to
// answered.
func answered(ctx context.Context, tx *store.Store, e *store.Email) error {
	if !IsAnswer(e.Kind) || e.RequestID == nil {
		return nil
	}
	r, err := tx.Request(ctx, e.ShopID, *e.RequestID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if r.Status != store.StatusReady {
		return nil // answered before, or moved on: the e-mail alone is recorded
	}
	err = requests.Transition(ctx, tx, r, "system", store.StatusAnswered, fmt.Sprintf("email=%d", e.ID))
	if errors.Is(err, store.ErrConflict) {
		return nil
	}
	return err
}

// activateLink lets the report link of an access answer work from now on,
// for its lifetime: the customer's link works only once the answer that
// carries it was sent, and its days count from the sending.
func activateLink(ctx context.Context, tx *store.Store, e *store.Email) error {
	if e.Kind != KindAccessAnswer || e.RequestID == nil {
		return nil
	}
	n, err := report.Activate(ctx, tx, e.ShopID, *e.RequestID, tx.Now())
	if err != nil || n == 0 {
		return err
	}
	return audit(ctx, tx, e, "report.link_activated", fmt.Sprintf("email=%d links=%d", e.ID, n))
}

// scrubAfterErasure scrubs the request's e-mails (store.ScrubEmails) when e
// confirms its erasure, or was sent after the confirmation (a notice to
// the merchant that was still queued): once the erasure is confirmed, the
// request's e-mails keep no personal data, and pending notices to the
// merchant still go out.
func scrubAfterErasure(ctx context.Context, tx *store.Store, e *store.Email) error {
	if e.RequestID == nil {
		return nil
	}
	confirmed := IsErasureConfirmation(e.Kind)
	if !confirmed {
		es, err := tx.EmailsOf(ctx, e.ShopID, *e.RequestID)
		if err != nil {
			return err
		}
		for _, o := range es {
			confirmed = confirmed || IsErasureConfirmation(o.Kind) && o.Status == store.EmailSent
		}
	}
	if !confirmed {
		return nil
	}
	if err := tx.ScrubEmails(ctx, e.ShopID, *e.RequestID, merchantKinds...); err != nil {
		return err
	}
	return audit(ctx, tx, e, "email.scrubbed", fmt.Sprintf("email=%d", e.ID))
}

// audit appends an event to the e-mail's request (ids only).
func audit(ctx context.Context, tx *store.Store, e *store.Email, action, detail string) error {
	if e.RequestID == nil {
		return nil
	}
	r, err := tx.Request(ctx, e.ShopID, *e.RequestID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	return requests.Audit(ctx, tx, r, "system", action, detail)
}

// answersEnded reports whether e answers a request that was refused,
// withdrawn or closed after the answer was queued: it is not sent.
func answersEnded(ctx context.Context, st *store.Store, e *store.Email) (bool, error) {
	if !IsAnswer(e.Kind) || e.RequestID == nil {
		return false, nil
	}
	r, err := st.Request(ctx, e.ShopID, *e.RequestID)
	if errors.Is(err, store.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return requests.Ended(r.Status), nil
}
