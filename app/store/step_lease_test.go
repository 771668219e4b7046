package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
)

// completeWithEffect commits an effect of claimed (a step with key) with
// its completion, as a handler does.
func completeWithEffect(ctx context.Context, s *store.Store, claimed *store.Step, key string) error {
	return s.Tx(ctx, func(tx *store.Store) error {
		if _, err := tx.CreateStep(ctx, &store.Step{Kind: "test:next", DedupeKey: &key}); err != nil {
			return err
		}
		return tx.CompleteStep(ctx, claimed)
	})
}

// A claim whose lease ran out and was taken over writes nothing: not its
// renewal, not its completion (with the effects of its transaction), not a
// release or a failure. The new owner's outcome stands.
func TestStaleClaimWritesNoOutcome(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		st := &store.Step{Kind: "test:effect"}
		if _, err := s.CreateStep(ctx, st); err != nil {
			t.Fatal(err)
		}
		stale, ok, err := s.ClaimStep(ctx, st.ID, -time.Second) // stalled past its lease
		if !ok || err != nil {
			t.Fatalf("first claim: %v %v", ok, err)
		}
		owner, ok, err := s.ClaimStep(ctx, st.ID, time.Minute)
		if !ok || err != nil || owner.Attempts != stale.Attempts+1 {
			t.Fatalf("takeover: ok=%v err=%v attempts %d after %d", ok, err, owner.Attempts, stale.Attempts)
		}

		if ok, err := s.ExtendLease(ctx, stale, time.Hour); ok || err != nil {
			t.Fatalf("stale renewal: ok=%v %v", ok, err)
		}
		if err := completeWithEffect(ctx, s, stale, "stale"); !errors.Is(err, store.ErrLeaseLost) {
			t.Fatalf("stale completion: %v, want ErrLeaseLost", err)
		}
		if err := s.ReleaseStep(ctx, stale, time.Now(), "stale", false); !errors.Is(err, store.ErrLeaseLost) {
			t.Fatalf("stale release: %v", err)
		}
		if err := s.FailStep(ctx, stale, "stale"); !errors.Is(err, store.ErrLeaseLost) {
			t.Fatalf("stale failure: %v", err)
		}
		if ok, err := s.ExtendLease(ctx, owner, time.Minute); !ok || err != nil {
			t.Fatalf("owner's renewal: ok=%v %v", ok, err)
		}
		if err := completeWithEffect(ctx, s, owner, "owner"); err != nil {
			t.Fatalf("owner's completion: %v", err)
		}
		if err := s.CompleteStep(ctx, owner); err != nil {
			t.Fatalf("completing again under the same claim: %v", err)
		}
		if err := s.CompleteStep(ctx, stale); !errors.Is(err, store.ErrLeaseLost) {
			t.Fatalf("stale completion of a done step: %v", err)
		}

		got, err := s.GetStep(ctx, st.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != store.StepDone || got.Attempts != owner.Attempts || got.LastError != "" {
			t.Fatalf("step after both: %s attempts %d error %q; want the owner's done", got.Status, got.Attempts, got.LastError)
		}
		counts, _ := s.StepCounts(ctx)
		if counts[store.StepPending] != 1 { // the owner's test:next; the stale one's rolled back
			t.Fatalf("effects: %v, want only the owner's", counts)
		}
	})
}

// The fencing token never comes back: a shutdown's refund and the
// merchant's retry reset the attempts, but a claim stalled before them
// still cannot write the outcome of a later claim with the same attempt
// number.
func TestFencingTokenSurvivesRefundAndRetry(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		st := &store.Step{Kind: "test:effect", MaxAttempts: 1}
		if _, err := s.CreateStep(ctx, st); err != nil {
			t.Fatal(err)
		}
		stale, ok, err := s.ClaimStep(ctx, st.ID, -time.Second) // attempt 1, stalled past its lease
		if !ok || err != nil {
			t.Fatalf("first claim: %v %v", ok, err)
		}
		second, ok, err := s.ClaimStep(ctx, st.ID, time.Minute) // attempt 2
		if !ok || err != nil {
			t.Fatalf("takeover: %v %v", ok, err)
		}
		if err := s.FailStep(ctx, second, "refused"); err != nil {
			t.Fatal(err)
		}
		if err := s.RetryStep(ctx, st.ID); err != nil { // attempts back to 0
			t.Fatal(err)
		}
		third, ok, err := s.ClaimStep(ctx, st.ID, time.Minute) // attempt 1 again
		if !ok || err != nil || third.Attempts != stale.Attempts {
			t.Fatalf("claim after retry: ok=%v err=%v attempts %d (stale %d)", ok, err, third.Attempts, stale.Attempts)
		}
		if third.Claims != stale.Claims+2 {
			t.Fatalf("claims %d after %d: the token went back", third.Claims, stale.Claims)
		}
		if err := completeWithEffect(ctx, s, stale, "stale-after-retry"); !errors.Is(err, store.ErrLeaseLost) {
			t.Fatalf("stale claim completed the retried step: %v", err)
		}
		if err := s.ReleaseStep(ctx, third, time.Now(), "", true); err != nil { // shutdown: refund
			t.Fatal(err)
		}
		fourth, ok, err := s.ClaimStep(ctx, st.ID, time.Minute)
		if !ok || err != nil || fourth.Attempts != third.Attempts {
			t.Fatalf("claim after refund: ok=%v err=%v attempts %d (before %d)", ok, err, fourth.Attempts, third.Attempts)
		}
		if ok, _ := s.ExtendLease(ctx, third, time.Hour); ok {
			t.Fatal("the refunded claim renewed its successor's lease")
		}
		if err := completeWithEffect(ctx, s, fourth, "owner"); err != nil {
			t.Fatalf("owner: %v", err)
		}
		got, err := s.GetStep(ctx, st.ID)
		if err != nil || got.Status != store.StepDone || got.Claims != fourth.Claims {
			t.Fatalf("step: %+v %v", got, err)
		}
	})
}
