package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/pressly/goose/v3"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/migrations"
)

// A parked step waits: its claim's write, fenced like every outcome; the
// reconciler does not offer it and no worker can claim it; resuming the
// shop's steps of that reason makes them pending with fresh attempts
// (claims, the fencing token, go on counting), and nothing else.
func TestParkAndResumeSteps(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a, b := shop(t, s, "a.example"), shop(t, s, "b.example")
		mk := func(sh *store.Shop) *store.Step {
			st := &store.Step{Kind: "test:wait", ShopID: &sh.ID}
			if _, err := s.CreateStep(ctx, st); err != nil {
				t.Fatal(err)
			}
			return st
		}
		reason := store.WaitReconnect("woocommerce")
		first, second, other, elsewhere := mk(a), mk(a), mk(a), mk(b)

		stale, _, _ := s.ClaimStep(ctx, first.ID, -time.Second)
		owner, ok, err := s.ClaimStep(ctx, first.ID, time.Minute)
		if !ok || err != nil {
			t.Fatal("takeover", ok, err)
		}
		if err := s.ParkStep(ctx, stale, reason, "stale"); !errors.Is(err, store.ErrLeaseLost) {
			t.Fatalf("stale claim parked: %v", err)
		}
		if err := s.ParkStep(ctx, owner, reason, "woocommerce: key revoked"); err != nil {
			t.Fatal(err)
		}
		if err := s.CompleteStep(ctx, owner); !errors.Is(err, store.ErrLeaseLost) {
			t.Fatalf("a parked step completed: %v", err)
		}
		for _, p := range []struct {
			st     *store.Step
			reason string
		}{{second, reason}, {other, store.WaitReconnect("mailchimp")}, {elsewhere, reason}} {
			c, ok, err := s.ClaimStep(ctx, p.st.ID, time.Minute)
			if !ok || err != nil {
				t.Fatal(ok, err)
			}
			if err := s.ParkStep(ctx, c, p.reason, "refused"); err != nil {
				t.Fatal(err)
			}
		}
		got, _ := s.GetStep(ctx, first.ID)
		if got.Status != store.StepWaiting || got.WaitReason != reason || got.LeaseUntil != nil || got.LastError != "woocommerce: key revoked" || got.Attempts != 2 {
			t.Fatalf("parked step %+v", got)
		}
		if open, err := s.OpenSteps(ctx, 0, 100); err != nil || len(open) != 0 {
			t.Fatalf("the reconciler would offer %d steps (%v)", len(open), err)
		}
		if _, ok, err := s.ClaimStep(ctx, first.ID, time.Minute); ok || err != nil {
			t.Fatalf("a waiting step was claimed: %v %v", ok, err)
		}
		if r, err := s.WaitReasonOf(ctx, 0); err != nil || r != "" {
			t.Fatalf("wait reason of nothing: %q %v", r, err)
		}
		counts, _ := s.StepCounts(ctx)
		if counts[store.StepWaiting] != 4 {
			t.Fatalf("counts %v", counts)
		}

		resumed, err := s.ResumeWaitingSteps(ctx, a.ID, reason)
		if err != nil || len(resumed) != 2 || resumed[0].ID != first.ID || resumed[1].ID != second.ID {
			t.Fatalf("resumed %v (%v), want the shop's two steps waiting for woocommerce", resumed, err)
		}
		for _, st := range resumed {
			cur, _ := s.GetStep(ctx, st.ID)
			if cur.Status != store.StepPending || cur.WaitReason != "" || cur.Attempts != 0 || st.Status != store.StepPending {
				t.Fatalf("resumed step %+v", cur)
			}
		}
		for _, st := range []*store.Step{other, elsewhere} {
			if cur, _ := s.GetStep(ctx, st.ID); cur.Status != store.StepWaiting {
				t.Fatalf("step %d of another reason or shop is %s", st.ID, cur.Status)
			}
		}
		if open, _ := s.OpenSteps(ctx, 0, 100); len(open) != 2 {
			t.Fatalf("the reconciler offers %d steps, want the two resumed", len(open))
		}
		again, ok, err := s.ClaimStep(ctx, first.ID, time.Minute)
		if !ok || err != nil || again.Claims != owner.Claims+1 || again.Attempts != 1 {
			t.Fatalf("claim after resume: %v %v claims %d attempts %d", ok, err, again.Claims, again.Attempts)
		}
		if more, err := s.ResumeWaitingSteps(ctx, a.ID, reason); err != nil || len(more) != 0 {
			t.Fatalf("resumed again: %v %v", more, err)
		}
	})
}

// The merchant is told once per episode that requests wait for a
// reconnection; once connected again, the next refusal is told again.
func TestReconnectNoticeOncePerEpisode(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sh := shop(t, s, "notice.example")
		for i, want := range []bool{true, false} {
			if first, err := s.ClaimReconnectNotice(ctx, sh.ID); err != nil || first != want {
				t.Fatalf("claim %d: %v %v", i, first, err)
			}
		}
		if err := s.ClearReconnectNotice(ctx, sh.ID); err != nil {
			t.Fatal(err)
		}
		if first, err := s.ClaimReconnectNotice(ctx, sh.ID); err != nil || !first {
			t.Fatalf("after the episode: %v %v", first, err)
		}
	})
}

// Migration 25 in both directions keeps the steps, their ids and their id
// sequence (SQLite builds the table anew): a waiting step becomes pending
// on the way down, and a new step never takes an id that was used.
func TestStepWaitingMigrationKeepsSteps(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sh := shop(t, s, "migrate.example")
		var ids []int64
		for range 3 {
			st := &store.Step{Kind: "test:migrate", ShopID: &sh.ID}
			if _, err := s.CreateStep(ctx, st); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, st.ID)
		}
		c, _, _ := s.ClaimStep(ctx, ids[0], time.Minute)
		if err := s.ParkStep(ctx, c, store.WaitReconnect("woocommerce"), "refused"); err != nil {
			t.Fatal(err)
		}
		if err := s.GormForTests().Exec("DELETE FROM steps WHERE id = ?", ids[2]).Error; err != nil {
			t.Fatal(err)
		}
		fsys, err := migrations.FS(s.Dialect())
		if err != nil {
			t.Fatal(err)
		}
		d := goose.DialectPostgres
		if s.Dialect() == store.SQLite {
			d = goose.DialectSQLite3
		}
		p, err := goose.NewProvider(d, s.SQL(), fsys)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.DownTo(ctx, 24); err != nil {
			t.Fatal("down:", err)
		}
		var statuses []string
		if err := s.GormForTests().Raw("SELECT status FROM steps ORDER BY id").Scan(&statuses).Error; err != nil || len(statuses) != 2 || statuses[0] != store.StepPending {
			t.Fatalf("after down: %v %v", statuses, err)
		}
		if _, err := p.Up(ctx); err != nil {
			t.Fatal("up:", err)
		}
		got, err := s.GetStep(ctx, ids[1])
		if err != nil || got.Kind != "test:migrate" || *got.ShopID != sh.ID {
			t.Fatalf("step after the round trip: %+v %v", got, err)
		}
		st := &store.Step{Kind: "test:migrate"}
		if _, err := s.CreateStep(ctx, st); err != nil || st.ID <= ids[2] {
			t.Fatalf("new step id %d after %d (%v): an id was used again", st.ID, ids[2], err)
		}
		c, _, _ = s.ClaimStep(ctx, st.ID, time.Minute)
		if err := s.ParkStep(ctx, c, store.WaitReconnect("woocommerce"), "refused"); err != nil {
			t.Fatal("waiting after the round trip:", err)
		}
	})
}
