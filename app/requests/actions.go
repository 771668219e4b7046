package requests

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/store"
)

// The merchant's actions on a request's life: extend its deadline
// (Art. 12(3) GDPR), mark the person's identity verified (Art. 12(6)), and
// end it before its answer — refused (Art. 12(5)), withdrawn by the person,
// closed. The e-mails that tell the person are app/mail's; the handler
// drafts and queues them in the same transaction.

var (
	// ErrDeadlinePassed: the first deadline is over, so it can no longer be
	// extended (the person must be told within the first month).
	ErrDeadlinePassed = errors.New("requests: the first deadline has passed")
	// ErrExtended: the deadline was extended before (once, by two months).
	ErrExtended = errors.New("requests: the deadline was extended already")
	// ErrVerified: the identity was marked verified before.
	ErrVerified = errors.New("requests: the identity was verified already")
	// ErrReason: the action needs a reason (or its reason is too long).
	ErrReason = errors.New("requests: a reason is required")
	// ErrGround: the ground given is not one the action allows.
	ErrGround = errors.New("requests: unknown ground")
)

// MaxReason is the longest reason the merchant may give, in characters.
const MaxReason = 2000

// Grounds of an extension (Art. 12(3): the complexity and number of the
// requests) and of a refusal (Art. 12(5): manifestly unfounded or
// excessive).
const (
	GroundComplexity = "complexity"
	GroundNumber     = "number"
	GroundUnfounded  = "unfounded"
	GroundExcessive  = "excessive"
)

// Ended reports whether a request was ended by the merchant or the person
// (refused, withdrawn, closed): no step continues it.
func Ended(status string) bool {
	return status == store.StatusRefused || status == store.StatusWithdrawn || status == store.StatusClosed
}

// Action is what the merchant gives with an action: the ground (a fixed
// word, audited) and the reason (free text, never audited: it may name the
// person).
type Action struct {
	Ground string
	Reason string
}

// detail is the audit entry's detail: the ground and the reason's length,
// nothing of its text.
func (a Action) detail(extra string) string {
	d := fmt.Sprintf("reason_len=%d", utf8.RuneCountInString(strings.TrimSpace(a.Reason)))
	if a.Ground != "" {
		d = "ground=" + a.Ground + " " + d
	}
	if extra != "" {
		d = extra + " " + d
	}
	return d
}

// check validates the reason (required when need) and the ground: one of
// grounds, required when groundNeeded; an action without grounds keeps
// none.
func (a *Action) check(need, groundNeeded bool, grounds ...string) error {
	a.Reason = strings.TrimSpace(a.Reason)
	if need && a.Reason == "" {
		return ErrReason
	}
	if utf8.RuneCountInString(a.Reason) > MaxReason {
		return fmt.Errorf("%w: at most %d characters", ErrReason, MaxReason)
	}
	switch {
	case len(grounds) == 0:
		a.Ground = ""
	case a.Ground == "" && !groundNeeded:
	case !slices.Contains(grounds, a.Ground):
		return fmt.Errorf("%w: use one of %s", ErrGround, strings.Join(grounds, ", "))
	}
	return nil
}

// Extend extends the request's deadline by two further months (Art. 12(3)):
// its ExtendedDueAt, counted by the rules core at intake, applies from now
// on. Allowed once, while the first deadline (in the shop's zone) has not
// passed and the request is not final; the reason is required and goes to
// the person in the extension notice. Call it inside tx.
func Extend(ctx context.Context, tx *store.Store, sh *store.Shop, r *store.Request, actor string, now time.Time, a Action) error {
	if err := a.check(true, false, GroundComplexity, GroundNumber); err != nil {
		return err
	}
	if len(moves[r.Status]) == 0 {
		return fmt.Errorf("%w: a request that is %s cannot be extended", ErrIllegalMove, r.Status)
	}
	if ShopInitiated(r) {
		return fmt.Errorf("%w: the shop started this erasure itself; there is no person's request to extend", ErrIllegalMove)
	}
	if r.ExtendedAt != nil {
		return ErrExtended
	}
	if !r.ReceiptKnown() { // the first month's end is not known: nor whether it may still be extended
		return ErrReceiptUnknown
	}
	if FirstDeadlinePassed(sh, r, now) {
		return fmt.Errorf("%w: it was due on %s", ErrDeadlinePassed, r.DueAt)
	}
	if err := tx.MarkRequestExtended(ctx, r.ShopID, r.ID, now); err != nil {
		return err
	}
	at := now.UTC()
	r.ExtendedAt = &at
	return Audit(ctx, tx, r, actor, "request.extended", a.detail(fmt.Sprintf("due=%s extended_due=%s", r.DueAt, r.ExtendedDueAt)))
}

// FirstDeadlinePassed reports whether r's first due date (Art. 12(3):
// one month from receipt) lies before the shop's today at now: from then
// on the deadline can no longer be extended, and nothing offers it.
func FirstDeadlinePassed(sh *store.Shop, r *store.Request, now time.Time) bool {
	return day(gdpr.FromTime(now, location(sh))).After(r.DueAt.Time)
}

// Extendable reports whether Extend would accept r at now: not final, not
// extended before, its first deadline not passed.
func Extendable(sh *store.Shop, r *store.Request, now time.Time) bool {
	return len(moves[r.Status]) > 0 && r.ExtendedAt == nil && r.ReceiptKnown() && !FirstDeadlinePassed(sh, r, now)
}

// VerifyIdentity records that the merchant verified the person's identity
// (once). Call it inside tx.
func VerifyIdentity(ctx context.Context, tx *store.Store, r *store.Request, actor string, now time.Time) error {
	if err := tx.MarkIdentityVerified(ctx, r.ShopID, r.ID, now); err != nil {
		if errors.Is(err, store.ErrConflict) {
			return ErrVerified
		}
		return err
	}
	at := now.UTC()
	r.IdentityVerifiedAt = &at
	return Audit(ctx, tx, r, actor, "identity.verified", "")
}

// Refuse refuses the request as manifestly unfounded or excessive
// (Art. 12(5)): ground and reason are required; the reason goes to the
// person in the refusal. Call it inside tx.
func Refuse(ctx context.Context, tx *store.Store, r *store.Request, actor string, a Action) error {
	if err := a.check(true, true, GroundUnfounded, GroundExcessive); err != nil {
		return err
	}
	if ShopInitiated(r) {
		return fmt.Errorf("%w: the shop started this erasure itself; there is no person's request to refuse", ErrIllegalMove)
	}
	return end(ctx, tx, r, actor, store.StatusRefused, a)
}

// Withdraw records that the person withdrew the request; the reason is
// optional. Call it inside tx.
func Withdraw(ctx context.Context, tx *store.Store, r *store.Request, actor string, a Action) error {
	if err := a.check(false, false); err != nil {
		return err
	}
	return end(ctx, tx, r, actor, store.StatusWithdrawn, a)
}

// Close closes the request with the merchant's reason (answered by other
// means, a duplicate, the person could not be identified …). Call it
// inside tx.
func Close(ctx context.Context, tx *store.Store, r *store.Request, actor string, a Action) error {
	if err := a.check(true, false); err != nil {
		return err
	}
	return end(ctx, tx, r, actor, store.StatusClosed, a)
}

// end moves r to an ended status and keeps the reason, sealed.
func end(ctx context.Context, tx *store.Store, r *store.Request, actor, to string, a Action) error {
	if err := Transition(ctx, tx, r, actor, to, a.detail("")); err != nil {
		return err
	}
	if a.Reason == "" {
		return nil
	}
	r.ClosingReason = a.Reason
	return tx.SetClosingReason(ctx, r.ShopID, r.ID, a.Reason)
}
