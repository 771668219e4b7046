package requests

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
)

// A request held for its identity names the fields on the request and in
// the audit trail (no values), goes on when the merchant verifies it, and
// then writes to the contact the shop holds, keeping the asking address.
func TestIdentityHeldThenVerified(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sh := testShop(t, s, "identity.myshopify.com")
		n := erasure("attacker@evil.example")
		n.Type, n.Subject.CustomerID = store.TypeAccess, "777"
		r := create(t, s, sh, n)
		if !NeedsIdentityCheck(r) {
			t.Fatal("a manual request needs no identity check")
		}
		if NeedsIdentityCheck(&store.Request{Initiator: "shopify"}) {
			t.Fatal("the platform's own request needs an identity check")
		}
		err := act(t, s, r, func(tx *store.Store, cur *store.Request) error {
			if err := Transition(ctx, tx, cur, "system", store.StatusProcessing, ""); err != nil {
				return err
			}
			return HoldIdentity(ctx, tx, cur, []string{MismatchCustomerID, MismatchOrderIDs})
		})
		if err != nil {
			t.Fatal(err)
		}
		got := reload(t, s, r)
		if got.Status != store.StatusIdentityUnverified || got.IdentityMismatch != "customer_id,order_ids" {
			t.Fatalf("held: %s %q", got.Status, got.IdentityMismatch)
		}
		// Only the merchant's resolution or an end leaves the status.
		for _, to := range []string{store.StatusReady, store.StatusAnswered, store.StatusAwaitingReview, store.StatusErasing} {
			if CanMove(store.StatusIdentityUnverified, to) {
				t.Errorf("identity_unverified → %s is legal", to)
			}
		}
		var next *store.Step
		err = act(t, s, r, func(tx *store.Store, cur *store.Request) error {
			if err := VerifyIdentity(ctx, tx, cur, "merchant:u1", received.Add(time.Hour)); err != nil {
				return err
			}
			var err error
			next, err = ContinueVerified(ctx, tx, cur, "merchant:u1")
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		got = reload(t, s, r)
		if next == nil || next.ID == 0 || got.Status != store.StatusProcessing || got.IdentityMismatch != "" || got.IdentityVerifiedAt == nil {
			t.Fatalf("after verifying: step %+v, %s %q", next, got.Status, got.IdentityMismatch)
		}
		err = act(t, s, r, func(tx *store.Store, cur *store.Request) error {
			return AnswerToHeldContact(ctx, tx, cur, "jane@kunde.example")
		})
		if err != nil {
			t.Fatal(err)
		}
		got = reload(t, s, r)
		if got.Subject.Email != "jane@kunde.example" || got.Subject.AskedBy != "attacker@evil.example" || got.Subject.CustomerID != "777" ||
			got.SubjectHash != s.SubjectHash(store.Subject{Email: "jane@kunde.example"}) {
			t.Fatalf("subject after the contact: %+v %s", got.Subject, got.SubjectHash)
		}
		es, _ := s.Events(ctx, sh.ID, r.ID)
		var trail []string
		for _, e := range es {
			trail = append(trail, e.Action+" "+e.Detail)
		}
		all := strings.Join(trail, "\n")
		for _, want := range []string{"status.identity_unverified mismatch=customer_id,order_ids", "identity.verified", "status.processing identity verified", "identity.held_contact answer_to=held_contact"} {
			if !strings.Contains(all, want) {
				t.Errorf("audit trail lacks %q:\n%s", want, all)
			}
		}
		if strings.Contains(all, "@") {
			t.Errorf("the audit trail holds an address:\n%s", all)
		}
	})
}
