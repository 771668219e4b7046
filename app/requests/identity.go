package requests

import (
	"context"
	"fmt"
	"strings"

	"github.com/lethe-gdpr/lethe/app/step"
	"github.com/lethe-gdpr/lethe/app/store"
)

// Identity (Art. 12(6), 15(4) GDPR): an answer goes only to a contact the
// shop already holds for the person. A request Lethe took in itself (the
// merchant entered it, a form) whose identifiers belong to different
// people on the platform — a customer id, phone number or order number of
// one person with another person's e-mail address — is held in
// identity_unverified: nothing is built, nothing drafted, until the
// merchant verifies the identity (then the answer goes to the contact the
// shop holds) or ends the request. A platform's own request (Shopify's
// customers/data_request) was verified by the platform.

// The identifiers of a request that can disagree with its e-mail address
// (the names of the request's fields; the audit trail and the panel name
// them, never their values).
const (
	MismatchCustomerID = "customer_id"
	MismatchPhone      = "phone"
	MismatchOrderIDs   = "order_ids"
)

// NeedsIdentityCheck reports whether a mismatch of r's identifiers holds
// it: a request no platform verified (no initiator) and the merchant has
// not verified either.
func NeedsIdentityCheck(r *store.Request) bool {
	return r.Initiator == "" && r.IdentityVerifiedAt == nil
}

// HoldIdentity moves r (processing) to identity_unverified inside tx,
// naming the fields that disagree on the request and in the audit entry.
func HoldIdentity(ctx context.Context, tx *store.Store, r *store.Request, mismatch []string) error {
	list := strings.Join(mismatch, ",")
	if err := Transition(ctx, tx, r, "system", store.StatusIdentityUnverified, "mismatch="+list); err != nil {
		return err
	}
	r.IdentityMismatch = list
	return tx.UpdateRequest(ctx, r.ShopID, r.ID, map[string]any{"identity_mismatch": list})
}

// AnswerToHeldContact makes contact — the e-mail address the platform
// holds for the person the request's identifiers name — the address every
// e-mail to the person goes to, inside tx; the address the request came
// from stays on the request as Subject.AskedBy (sealed, for the
// merchant). Nothing changes when contact is empty or the request's
// address already.
func AnswerToHeldContact(ctx context.Context, tx *store.Store, r *store.Request, contact string) error {
	contact = strings.TrimSpace(contact)
	if contact == "" || strings.EqualFold(contact, strings.TrimSpace(r.Subject.Email)) {
		return nil
	}
	sub := r.Subject
	if sub.AskedBy == "" {
		sub.AskedBy = sub.Email
	}
	sub.Email = contact
	if err := tx.SetRequestSubject(ctx, r.ShopID, r.ID, sub); err != nil {
		return err
	}
	r.Subject = sub
	r.SubjectHash = tx.SubjectHash(sub)
	return Audit(ctx, tx, r, "system", "identity.held_contact", "answer_to=held_contact")
}

// ContinueVerified lets a request held in identity_unverified go on once
// the merchant verified the identity (VerifyIdentity), inside tx:
// identity_unverified → processing, the mismatch cleared, and a new
// request:discover step (discovery runs again and answers the contact the
// shop holds). A request in any other status is left as it is (nil step).
// Enqueue the returned step after the commit.
func ContinueVerified(ctx context.Context, tx *store.Store, r *store.Request, actor string) (*store.Step, error) {
	if r.Status != store.StatusIdentityUnverified {
		return nil, nil
	}
	if err := Transition(ctx, tx, r, actor, store.StatusProcessing, "identity verified"); err != nil {
		return nil, err
	}
	if err := tx.UpdateRequest(ctx, r.ShopID, r.ID, map[string]any{"identity_mismatch": ""}); err != nil {
		return nil, err
	}
	r.IdentityMismatch = ""
	st := newStep(r, step.Discover)
	key := fmt.Sprintf("%s:verified-%d", *st.DedupeKey, tx.Now().UnixNano())
	st.DedupeKey = &key
	if _, err := tx.CreateStep(ctx, st); err != nil {
		return nil, err
	}
	return st, nil
}
