package requests

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
)

// act runs f in a transaction on a fresh load of r, returning its error.
func act(t *testing.T, s *store.Store, r *store.Request, f func(tx *store.Store, r *store.Request) error) error {
	t.Helper()
	ctx := context.Background()
	return s.Tx(ctx, func(tx *store.Store) error {
		cur, err := tx.Request(ctx, r.ShopID, r.ID)
		if err != nil {
			return err
		}
		return f(tx, cur)
	})
}

func TestExtendOnlyBeforeTheFirstDeadline(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		sh := testShop(t, s, "extend.myshopify.com")
		r := create(t, s, sh, erasure("jane@kunde.example"))
		if r.DueAt.String() != "2026-04-02" {
			t.Fatalf("due %s", r.DueAt)
		}
		extend := func(r *store.Request, now time.Time, a Action) error {
			return act(t, s, r, func(tx *store.Store, cur *store.Request) error {
				return Extend(context.Background(), tx, sh, cur, "merchant:u1", now, a)
			})
		}
		lastDay := time.Date(2026, 4, 2, 21, 0, 0, 0, time.UTC) // 23:00 in Berlin, still 2 April
		late := time.Date(2026, 4, 2, 22, 30, 0, 0, time.UTC)   // 00:30 on 3 April in Berlin

		if err := extend(r, lastDay, Action{}); !errors.Is(err, ErrReason) {
			t.Fatalf("no reason: %v", err)
		}
		if err := extend(r, lastDay, Action{Reason: "x", Ground: "weather"}); !errors.Is(err, ErrGround) {
			t.Fatalf("bad ground: %v", err)
		}
		if err := extend(r, late, Action{Reason: "Viele Systeme"}); !errors.Is(err, ErrDeadlinePassed) || !strings.Contains(err.Error(), "2026-04-02") {
			t.Fatalf("after the deadline: %v", err)
		}
		if got := reload(t, s, r); got.ExtendedAt != nil || got.EffectiveDueAt() != got.DueAt {
			t.Fatalf("extended by a refused extension: %+v", got)
		}
		reason := "Jane Doe hat Daten in sieben Systemen"
		if err := extend(r, lastDay, Action{Reason: reason, Ground: GroundComplexity}); err != nil {
			t.Fatal(err)
		}
		got := reload(t, s, r)
		if got.ExtendedAt == nil || got.EffectiveDueAt() != got.ExtendedDueAt || got.ExtendedDueAt.String() != "2026-06-02" {
			t.Fatalf("extended: at %v effective %s extended %s", got.ExtendedAt, got.EffectiveDueAt(), got.ExtendedDueAt)
		}
		if err := extend(r, lastDay, Action{Reason: "again"}); !errors.Is(err, ErrExtended) {
			t.Fatalf("twice: %v", err)
		}
		es, _ := s.Events(context.Background(), sh.ID, r.ID)
		last := es[len(es)-1]
		if last.Action != "request.extended" || last.Actor != "merchant:u1" ||
			last.Detail != "due=2026-04-02 extended_due=2026-06-02 ground=complexity reason_len=37" {
			t.Fatalf("audit: %+v", last)
		}
		for _, e := range es {
			if strings.Contains(e.Detail, "Jane") || strings.Contains(e.Detail, "Systemen") {
				t.Fatalf("the reason reached the audit trail: %+v", e)
			}
		}
	})
}

func TestEndedRequestsStayEnded(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sh := testShop(t, s, "end.myshopify.com")
		cases := []struct {
			name string
			do   func(tx *store.Store, r *store.Request) error
			want string
		}{
			{"refused", func(tx *store.Store, r *store.Request) error {
				return Refuse(ctx, tx, r, "merchant", Action{Ground: GroundExcessive, Reason: "Zehnte Anfrage diese Woche"})
			}, store.StatusRefused},
			{"withdrawn", func(tx *store.Store, r *store.Request) error { return Withdraw(ctx, tx, r, "merchant", Action{}) }, store.StatusWithdrawn},
			{"closed", func(tx *store.Store, r *store.Request) error {
				return Close(ctx, tx, r, "merchant", Action{Reason: "per Brief beantwortet"})
			}, store.StatusClosed},
		}
		for _, c := range cases {
			r := create(t, s, sh, erasure(c.name+"@kunde.example"))
			if err := act(t, s, r, c.do); err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			got := reload(t, s, r)
			if got.Status != c.want || !Ended(got.Status) {
				t.Fatalf("%s: status %s", c.name, got.Status)
			}
			// Nothing moves out of an ended status: not the pipeline, not
			// another action, not an extension.
			for _, to := range []string{store.StatusProcessing, store.StatusFailed, store.StatusReady, store.StatusClosed} {
				if err := act(t, s, r, func(tx *store.Store, cur *store.Request) error {
					return Transition(ctx, tx, cur, "system", to, "")
				}); !errors.Is(err, ErrIllegalMove) {
					t.Errorf("%s → %s: %v", c.want, to, err)
				}
			}
			if err := act(t, s, r, func(tx *store.Store, cur *store.Request) error {
				return Extend(ctx, tx, sh, cur, "merchant", received, Action{Reason: "r"})
			}); !errors.Is(err, ErrIllegalMove) {
				t.Errorf("%s extended: %v", c.want, err)
			}
		}
		refused := reload(t, s, create(t, s, sh, erasure("x@kunde.example")))
		for _, a := range []Action{{Reason: "r"}, {Ground: GroundUnfounded}, {Ground: "rude", Reason: "r"}} {
			if err := act(t, s, refused, func(tx *store.Store, cur *store.Request) error { return Refuse(ctx, tx, cur, "merchant", a) }); err == nil {
				t.Errorf("refused with %+v", a)
			}
		}
		if err := act(t, s, refused, func(tx *store.Store, cur *store.Request) error {
			return Close(ctx, tx, cur, "merchant", Action{Reason: "  "})
		}); !errors.Is(err, ErrReason) {
			t.Errorf("closed without a reason: %v", err)
		}
	})
}

func TestClosingReasonIsSealedAndAuditedByLength(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sh := testShop(t, s, "reason.myshopify.com")
		r := create(t, s, sh, erasure("jane@kunde.example"))
		if err := act(t, s, r, func(tx *store.Store, cur *store.Request) error {
			return Close(ctx, tx, cur, "token:7", Action{Reason: "Jane Doe hat angerufen"})
		}); err != nil {
			t.Fatal(err)
		}
		if got := reload(t, s, r); got.ClosingReason != "Jane Doe hat angerufen" || strings.Contains(string(got.ClosingReasonSealed), "Jane") {
			t.Fatalf("reason %q sealed %q", got.ClosingReason, got.ClosingReasonSealed)
		}
		es, _ := s.Events(ctx, sh.ID, r.ID)
		last := es[len(es)-1]
		if last.Action != "status.closed" || last.Actor != "token:7" || last.Detail != "reason_len=22" {
			t.Fatalf("audit %+v", last)
		}
	})
}

func TestVerifyIdentityOnce(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sh := testShop(t, s, "verify.myshopify.com")
		r := create(t, s, sh, erasure("jane@kunde.example"))
		verify := func() error {
			return act(t, s, r, func(tx *store.Store, cur *store.Request) error {
				return VerifyIdentity(ctx, tx, cur, "merchant", received)
			})
		}
		if err := verify(); err != nil {
			t.Fatal(err)
		}
		if got := reload(t, s, r); got.IdentityVerifiedAt == nil || !got.IdentityVerifiedAt.Equal(received) {
			t.Fatalf("verified at %v", got.IdentityVerifiedAt)
		}
		if err := verify(); !errors.Is(err, ErrVerified) {
			t.Fatalf("twice: %v", err)
		}
	})
}
