package requests

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/lethe-gdpr/lethe/app/store"
)

// ErrIllegalMove is a status change the state table does not list.
var ErrIllegalMove = errors.New("requests: illegal status change")

// moves is a request's state machine: every status of app/store and the
// statuses it may move to, and nothing else. A new status is a new row
// here (and its name in the rows it is reached from).
//
//	access:  received → processing → ready → answered
//	erasure: received → processing → awaiting_review → erasing → completed
//	         (processing → erasing when the plan runs by policy)
//	any step failing for good: → failed; the merchant's retry: failed → processing
//	the merchant ends it before its answer (actions.go): → refused (Art. 12(5)),
//	withdrawn (the person withdrew), closed (with a reason) — from every
//	status but erasing (an erasure under way is finished) and the final
//	ones; nothing moves out of them, so no pending step continues them
//	setup incomplete: received|processing → needs_setup → processing (setup completed)
//	identity in doubt (identity.go): processing → identity_unverified →
//	processing (the merchant verified the identity) or ended
//	a system refusing the shop's credentials moves nothing: the step that
//	met it waits (reconnect.go, app/pipeline wait.go), the request keeps
//	its status, even erasing, and continues from there once reconnected
var moves = map[string][]string{
	store.StatusReceived:       {store.StatusProcessing, store.StatusNeedsSetup, store.StatusFailed, store.StatusRefused, store.StatusWithdrawn, store.StatusClosed},
	store.StatusProcessing:     {store.StatusReady, store.StatusAwaitingReview, store.StatusErasing, store.StatusCompleted, store.StatusNeedsSetup, store.StatusIdentityUnverified, store.StatusFailed, store.StatusRefused, store.StatusWithdrawn, store.StatusClosed},
	store.StatusReady:          {store.StatusAnswered, store.StatusRefused, store.StatusWithdrawn, store.StatusClosed},
	store.StatusAnswered:       {},
	store.StatusAwaitingReview: {store.StatusErasing, store.StatusFailed, store.StatusRefused, store.StatusWithdrawn, store.StatusClosed},
	store.StatusErasing:        {store.StatusCompleted, store.StatusFailed},
	store.StatusCompleted:      {},
	store.StatusFailed:         {store.StatusProcessing, store.StatusReady, store.StatusRefused, store.StatusWithdrawn, store.StatusClosed},
	store.StatusRefused:        {},
	store.StatusWithdrawn:      {},
	store.StatusClosed:         {},
	// Readiness (issue 10): a request of a shop whose setup is incomplete
	// waits, and continues by itself once the setup is complete (or is
	// ended by the merchant).
	store.StatusNeedsSetup: {store.StatusProcessing, store.StatusRefused, store.StatusWithdrawn, store.StatusClosed},
	// Identity (issue 12): a request whose identifiers belong to different
	// people waits, with nothing built or drafted, until the merchant
	// verifies the identity (the answer then goes to the contact the shop
	// holds) or ends it.
	store.StatusIdentityUnverified: {store.StatusProcessing, store.StatusRefused, store.StatusWithdrawn, store.StatusClosed},
}

// stamps are the columns set to the time of the move when a request
// reaches a status.
var stamps = map[string]string{
	store.StatusAnswered:  "answered_at",
	store.StatusCompleted: "completed_at",
}

// CanMove reports whether the state table lets a request move from one
// status to another.
func CanMove(from, to string) bool { return slices.Contains(moves[from], to) }

// Transition moves r from its status (as the caller loaded it) to `to`,
// inside the caller's transaction tx, with the audit entry "status.<to>"
// by actor. A move the table does not list is ErrIllegalMove; a request
// that someone else moved meanwhile is store.ErrConflict. Either leaves
// the request and its audit trail unchanged.
func Transition(ctx context.Context, tx *store.Store, r *store.Request, actor, to, detail string) error {
	if !CanMove(r.Status, to) {
		return fmt.Errorf("%w: %s → %s", ErrIllegalMove, r.Status, to)
	}
	var set map[string]any
	if col, ok := stamps[to]; ok {
		set = map[string]any{col: tx.Now()}
	}
	if err := tx.MoveRequestStatus(ctx, r.ShopID, r.ID, r.Status, to, set); err != nil {
		return err
	}
	r.Status = to
	return Audit(ctx, tx, r, actor, "status."+to, detail)
}

// Resume lets a failed request run again after the merchant retried its
// failed steps (failed → processing); a request that is not failed keeps
// its status.
func Resume(ctx context.Context, tx *store.Store, r *store.Request, actor string) error {
	if r.Status != store.StatusFailed {
		return nil
	}
	return Transition(ctx, tx, r, actor, store.StatusProcessing, "")
}
