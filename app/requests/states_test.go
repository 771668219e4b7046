package requests

import (
	"context"
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/store"
)

// storeStatuses reads every Status… constant of app/store, so a status
// added there without a row in the state table fails the test.
func storeStatuses(t *testing.T) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "../store/request.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, sp := range g.Specs {
			vs := sp.(*ast.ValueSpec)
			for i, n := range vs.Names {
				if !strings.HasPrefix(n.Name, "Status") || i >= len(vs.Values) {
					continue
				}
				if lit, ok := vs.Values[i].(*ast.BasicLit); ok {
					v, _ := strconv.Unquote(lit.Value)
					out = append(out, v)
				}
			}
		}
	}
	if len(out) < 8 {
		t.Fatalf("found only %d statuses in app/store: %v", len(out), out)
	}
	return out
}

func TestStateTableCoversEveryStatus(t *testing.T) {
	all := storeStatuses(t)
	for _, s := range all {
		if _, ok := moves[s]; !ok {
			t.Errorf("status %q has no row in the state table", s)
		}
	}
	for from, tos := range moves {
		if !slices.Contains(all, from) {
			t.Errorf("row %q is not a status of app/store", from)
		}
		for _, to := range tos {
			if !slices.Contains(all, to) {
				t.Errorf("move %s → %q names no status of app/store", from, to)
			}
			if to == from {
				t.Errorf("move %s → %s is no move", from, to)
			}
		}
	}
	for to := range stamps {
		if !slices.Contains(all, to) {
			t.Errorf("stamp of %q names no status", to)
		}
	}
}

// TestTransitionWalksTheTable tries every pair of statuses: a move the
// table lists succeeds with its audit entry, every other is refused with
// ErrIllegalMove and changes neither the request nor its audit trail.
func TestTransitionWalksTheTable(t *testing.T) {
	all := storeStatuses(t)
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sh := testShop(t, s, "walk.myshopify.com")
		legal := 0
		for _, from := range all {
			for _, to := range all {
				r := create(t, s, sh, erasure("walk@example.com"))
				if from != store.StatusReceived {
					if err := s.MoveRequestStatus(ctx, sh.ID, r.ID, store.StatusReceived, from, nil); err != nil {
						t.Fatal(err)
					}
					r.Status = from
				}
				before := actions(t, s, r)
				err := s.Tx(ctx, func(tx *store.Store) error {
					return Transition(ctx, tx, r, "merchant:1", to, "why=test")
				})
				got := reload(t, s, r)
				after := actions(t, s, r)
				if CanMove(from, to) {
					legal++
					if err != nil || got.Status != to || len(after) != len(before)+1 || after[len(after)-1] != "status."+to {
						t.Errorf("%s → %s: err %v, status %s, audit %v", from, to, err, got.Status, after)
					}
					continue
				}
				if !errors.Is(err, ErrIllegalMove) || !strings.Contains(err.Error(), from+" → "+to) {
					t.Errorf("%s → %s: err %v, want ErrIllegalMove naming the move", from, to, err)
				}
				if got.Status != from || r.Status != from || len(after) != len(before) {
					t.Errorf("%s → %s refused but status %s (in memory %s), audit %v → %v", from, to, got.Status, r.Status, before, after)
				}
			}
		}
		if legal == 0 {
			t.Fatal("the table allows no move")
		}
	})
}

func TestTransitionAuditsWithActorAndDetailAndStamps(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sh := testShop(t, s, "stamp.myshopify.com")
		r := create(t, s, sh, New{Type: store.TypeAccess, Source: "manual", Subject: store.Subject{Email: "a@example.com"}, ReceivedAt: received})
		err := s.Tx(ctx, func(tx *store.Store) error {
			for _, to := range []string{store.StatusProcessing, store.StatusReady, store.StatusAnswered} {
				if err := Transition(ctx, tx, r, "system", to, "email=7"); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		got := reload(t, s, r)
		if got.Status != store.StatusAnswered || got.AnsweredAt == nil || got.CompletedAt != nil {
			t.Fatalf("status %s answered_at %v completed_at %v", got.Status, got.AnsweredAt, got.CompletedAt)
		}
		es, _ := s.Events(ctx, sh.ID, r.ID)
		last := es[len(es)-1]
		if last.Action != "status.answered" || last.Actor != "system" || last.Detail != "email=7" || last.SubjectHash != r.SubjectHash {
			t.Fatalf("audit entry %+v", last)
		}
	})
}

// TestTransitionRollsBackWithTheCallersTransaction: the move and its audit
// entry are part of the caller's transaction.
func TestTransitionRollsBackWithTheCallersTransaction(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sh := testShop(t, s, "rollback.myshopify.com")
		r := create(t, s, sh, erasure("rb@example.com"))
		boom := errors.New("later step of the caller failed")
		err := s.Tx(ctx, func(tx *store.Store) error {
			if err := Transition(ctx, tx, r, "system", store.StatusProcessing, ""); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatal(err)
		}
		if got := reload(t, s, r); got.Status != store.StatusReceived {
			t.Fatalf("status %s after rollback", got.Status)
		}
		if a := actions(t, s, r); slices.Contains(a, "status.processing") {
			t.Fatalf("audit %v after rollback", a)
		}
	})
}

// TestConcurrentMoveLosesWithConflict: two holders of the same received
// request move it; the second, whose view is stale, gets ErrConflict and
// writes nothing.
func TestConcurrentMoveLosesWithConflict(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		sh := testShop(t, s, "race.myshopify.com")
		r := create(t, s, sh, erasure("race@example.com"))
		stale := *r
		if err := move(s, r, store.StatusProcessing, ""); err != nil {
			t.Fatal(err)
		}
		err := move(s, &stale, store.StatusFailed, "")
		if !errors.Is(err, store.ErrConflict) {
			t.Fatalf("stale move: %v, want ErrConflict", err)
		}
		if got := reload(t, s, r); got.Status != store.StatusProcessing {
			t.Fatalf("status %s", got.Status)
		}
		if a := actions(t, s, r); slices.Contains(a, "status.failed") {
			t.Fatalf("audit %v", a)
		}
		other := testShop(t, s, "other.myshopify.com")
		foreign := *r
		foreign.ShopID = other.ID
		err = move(s, &foreign, store.StatusFailed, "")
		if !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("another shop's request: %v, want ErrNotFound", err)
		}
	})
}

func TestResumeMovesOnlyAFailedRequest(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sh := testShop(t, s, "resume.myshopify.com")
		r := create(t, s, sh, erasure("resume@example.com"))
		run := func() error {
			return s.Tx(ctx, func(tx *store.Store) error { return Resume(ctx, tx, r, "merchant:9") })
		}
		if err := run(); err != nil || reload(t, s, r).Status != store.StatusReceived {
			t.Fatalf("resume of a received request: %v", err)
		}
		if err := move(s, r, store.StatusFailed, "step=request:discover"); err != nil {
			t.Fatal(err)
		}
		if err := run(); err != nil || reload(t, s, r).Status != store.StatusProcessing {
			t.Fatalf("resume of a failed request: %v", err)
		}
	})
}

// TestFinalStatusesStayFinal: an answered or completed request never moves
// again, and only the merchant's retry leaves failed for processing.
func TestFinalStatusesStayFinal(t *testing.T) {
	for _, from := range []string{store.StatusAnswered, store.StatusCompleted} {
		if len(moves[from]) != 0 {
			t.Errorf("%s moves on to %v", from, moves[from])
		}
	}
	for _, m := range [][2]string{
		{store.StatusReceived, store.StatusCompleted}, {store.StatusReceived, store.StatusReady},
		{store.StatusAwaitingReview, store.StatusCompleted}, {store.StatusReady, store.StatusErasing},
		{store.StatusFailed, store.StatusCompleted}, {store.StatusFailed, store.StatusErasing},
	} {
		if CanMove(m[0], m[1]) {
			t.Errorf("%s → %s allowed", m[0], m[1])
		}
	}
}

func TestUpdateRequestRefusesAStatus(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		sh := testShop(t, s, "update.myshopify.com")
		r := create(t, s, sh, erasure("u@example.com"))
		if err := s.UpdateRequest(context.Background(), sh.ID, r.ID, map[string]any{"status": store.StatusCompleted}); err == nil {
			t.Fatal("UpdateRequest wrote a status")
		}
		if got := reload(t, s, r); got.Status != store.StatusReceived {
			t.Fatalf("status %s", got.Status)
		}
	})
}
