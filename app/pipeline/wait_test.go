package pipeline_test

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/step"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/jobs"
)

// system is a connected system whose credentials the test can revoke: it
// refuses them as a platform does (connect.ErrReauth from its calls, and
// from its factory once the shop needs re-authentication, when it is the
// shop's platform). It counts what it did.
type system struct {
	name       string
	refused    atomic.Bool
	discovered atomic.Int64
	erased     atomic.Int64
	during     func() // runs inside Discover (a reconnection meanwhile)
}

func (s *system) System() string { return s.name }

func (s *system) Discover(_ context.Context, sub connect.Subject) (connect.Result, error) {
	if s.during != nil {
		s.during()
	}
	if s.refused.Load() {
		return connect.Result{}, connect.ReauthError(s.name + ": the key was revoked")
	}
	s.discovered.Add(1)
	return connect.Result{Found: true, Items: []gdpr.Item{{
		System: s.name, RecordType: retention.CustomerAccount, RecordID: "7",
		Fields: map[string]any{"email": sub.Email}, Date: gdpr.MustDate(2024, 3, 1),
	}}}, nil
}

func (s *system) Erase(context.Context, connect.ErasureRequest) (connect.ErasureResult, error) {
	if s.refused.Load() {
		return connect.ErasureResult{}, connect.ReauthError(s.name + ": the key was revoked")
	}
	s.erased.Add(1)
	return connect.ErasureResult{Detail: "customer 7"}, nil
}

// connectSystem registers sys for the rig's shop, with how it is
// reconnected.
func (g *rig) connectSystem(sys *system) {
	g.p.Connectors.Register(sys.name, func(_ context.Context, sh *store.Shop) (connect.Connector, bool, error) {
		if sh.Platform == sys.name && sh.Status == store.ShopNeedsReauth {
			return nil, true, connect.ErrReauth
		}
		return sys, true, nil
	})
	g.p.Connectors.RegisterReconnect(sys.name, func(*store.Shop) (connect.Reconnect, bool) {
		return connect.Reconnect{URL: "https://reconnect.example/" + sys.name, How: map[string]string{"de": "Öffnen Sie die App.", "en": "Open the app."}}, true
	})
}

// reconnect is what the platform does when the merchant connects the shop
// again: new credentials, the shop active, and the steps that waited for
// it pending, in one transaction. It returns the steps to enqueue.
func (g *rig) reconnect(t *testing.T, system string) []*store.Step {
	t.Helper()
	ctx := context.Background()
	var steps []*store.Step
	err := g.st.Tx(ctx, func(tx *store.Store) error {
		if err := tx.SetCredentials(ctx, g.shop.ID, map[string]string{"token": "fresh-" + time.Now().String()}); err != nil {
			return err
		}
		if err := tx.SetShopStatus(ctx, g.shop.ID, store.ShopActive); err != nil {
			return err
		}
		sh, err := tx.Shop(ctx, g.shop.ID)
		if err != nil {
			return err
		}
		steps, err = requests.ContinueReconnected(ctx, tx, sh, system, "system:"+system)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return steps
}

// runWaiting claims st and runs it as the worker does, expecting it to
// wait.
func (g *rig) runWaiting(t *testing.T, st *store.Step) {
	t.Helper()
	ctx := context.Background()
	claimed, ok, err := g.st.ClaimStep(ctx, st.ID, time.Minute)
	if err != nil || !ok {
		t.Fatalf("claim %s: ok=%v %v", st.Kind, ok, err)
	}
	if err := g.p.Run(ctx, claimed); !errors.Is(err, jobs.ErrWaiting) {
		t.Fatalf("%s: %v, want it to wait", st.Kind, err)
	}
}

// runWay claims st and runs it as the worker does (Pipeline.Run), the
// worker completing a step whose handler succeeded.
func (g *rig) runWay(t *testing.T, st *store.Step) {
	t.Helper()
	ctx := context.Background()
	claimed, ok, err := g.st.ClaimStep(ctx, st.ID, time.Minute)
	if err != nil || !ok {
		t.Fatalf("claim %s: ok=%v %v", st.Kind, ok, err)
	}
	if err := g.p.Run(ctx, claimed); err != nil {
		t.Fatalf("%s: %v", st.Kind, err)
	}
	if err := g.st.CompleteStep(ctx, claimed); err != nil {
		t.Fatalf("complete %s: %v", st.Kind, err)
	}
}

func (g *rig) emailsOf(t *testing.T, kind string) []store.Email {
	t.Helper()
	var ids []int64
	if err := g.st.GormForTests().Table("emails").Where("shop_id = ? AND kind = ?", g.shop.ID, kind).Order("id").Pluck("id", &ids).Error; err != nil {
		t.Fatal(err)
	}
	var out []store.Email
	for _, id := range ids {
		e, err := g.st.Email(context.Background(), g.shop.ID, id)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, *e)
	}
	return out
}

// openRequestSteps counts the steps the reconciler offers, e-mails aside.
func (g *rig) openRequestSteps(t *testing.T) int {
	t.Helper()
	open, err := g.st.OpenSteps(context.Background(), 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, s := range open {
		if s.Kind != step.Send {
			n++
		}
	}
	return n
}

func (g *rig) stepOf(t *testing.T, id int64) *store.Step {
	t.Helper()
	st, err := g.st.GetStep(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// Access requests whose discovery meets a revoked key wait, never fail:
// the discover step is parked with its reason, the request keeps its
// status and its due dates (an overdue one stays overdue), the shop needs
// re-authentication, and the merchant gets one e-mail with how to
// reconnect however many requests wait — a request arriving meanwhile
// waits at once. Reconnecting continues each where it stopped: discovery
// runs once more, then the answer.
func TestRevokedKeyMakesDiscoveryWaitUntilReconnected(t *testing.T) {
	each(t, func(t *testing.T, g *rig) {
		ctx := context.Background()
		sys := &system{name: g.shop.Platform}
		g.connectSystem(sys)
		sys.refused.Store(true)

		late := func() (*store.Request, *store.Step) { // received 40 days ago: overdue
			var r *store.Request
			var first *store.Step
			err := g.st.Tx(ctx, func(tx *store.Store) error {
				var err error
				r, first, err = requests.Create(ctx, tx, g.shop, requests.New{
					Type: store.TypeAccess, Source: "manual", Channel: "email", ReceivedAt: time.Now().Add(-40 * 24 * time.Hour), Locale: "de",
					Subject: store.Subject{Email: "late@kunde.example"},
				})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			return r, first
		}
		r1, s1 := g.request(t, store.TypeAccess)
		r2, s2 := late()
		g.runWaiting(t, s1)
		g.runWaiting(t, s2)
		r3, s3 := g.request(t, store.TypeAccess) // arrives while the shop needs re-authentication
		g.runWaiting(t, s3)

		sh, _ := g.st.Shop(ctx, g.shop.ID)
		if sh.Status != store.ShopNeedsReauth {
			t.Fatalf("shop %s, want needs_reauth", sh.Status)
		}
		reason := store.WaitReconnect(g.shop.Platform)
		for _, c := range []struct {
			r  *store.Request
			st *store.Step
		}{{r1, s1}, {r2, s2}, {r3, s3}} {
			got := g.reload(t, c.r)
			if got.Status != store.StatusProcessing || got.WaitReason != reason {
				t.Fatalf("request %d: %s waiting %q, want processing waiting %q", got.ID, got.Status, got.WaitReason, reason)
			}
			if !got.DueAt.Time.Equal(c.r.DueAt.Time) || !got.ExtendedDueAt.Time.Equal(c.r.ExtendedDueAt.Time) {
				t.Errorf("request %d: due %s → %s", got.ID, c.r.DueAt, got.DueAt)
			}
			if st := g.stepOf(t, c.st.ID); st.Status != store.StepWaiting || st.WaitReason != reason || !strings.Contains(st.LastError, g.shop.Platform+":") {
				t.Fatalf("step %+v", st)
			}
			if g.audited(t, c.r, "step.waiting") != 1 || g.audited(t, c.r, "status.failed") != 0 {
				t.Errorf("request %d: audit trail", got.ID)
			}
		}
		if left := store.DaysLeft(g.reload(t, r2), time.Now(), sh.Location()); left >= 0 {
			t.Errorf("the late request waits with %d days left, want it overdue", left)
		}
		if open := g.openRequestSteps(t); open != 0 {
			t.Fatalf("the reconciler would offer %d request steps", open)
		}
		notices := g.emailsOf(t, mail.KindReconnectNotice)
		if len(notices) != 1 || !strings.Contains(notices[0].BodyText, "https://reconnect.example/"+g.shop.Platform) ||
			!strings.Contains(notices[0].BodyText, "Öffnen Sie die App.") || notices[0].Status != store.EmailQueued {
			t.Fatalf("reconnect notices: %d %+v", len(notices), notices)
		}
		sends, rest := g.sends()
		if len(sends) != 1 || len(rest) != 0 {
			t.Fatalf("enqueued %d sends and %d other steps while waiting", len(sends), len(rest))
		}

		sys.refused.Store(false)
		resumed := g.reconnect(t, g.shop.Platform)
		if len(resumed) != 3 || resumed[0].ID != s1.ID || resumed[1].ID != s2.ID || resumed[2].ID != s3.ID {
			t.Fatalf("resumed %v", resumed)
		}
		for _, r := range []*store.Request{r1, r2, r3} {
			if got := g.reload(t, r); got.WaitReason != "" || g.audited(t, r, "step.resumed") != 1 {
				t.Fatalf("request %d after reconnecting: waiting %q", r.ID, got.WaitReason)
			}
		}
		if open := g.openRequestSteps(t); open != 3 {
			t.Fatalf("the reconciler offers %d request steps after reconnecting, want 3 (a crash before enqueueing loses nothing)", open)
		}
		for _, st := range resumed {
			g.runWay(t, st)
		}
		next := g.handed(t, step.Discover)
		if len(next) != 3 {
			t.Fatalf("after the resumed discoveries: %v", kinds(next))
		}
		for _, st := range next {
			if st.Kind != step.Answer {
				t.Fatalf("next %s", st.Kind)
			}
			g.runWay(t, st)
		}
		for _, r := range []*store.Request{r1, r2, r3} {
			if got := g.reload(t, r); got.Status != store.StatusReady || g.audited(t, r, "data.discovered") != 1 {
				t.Fatalf("request %d: %s, discovered %d times", r.ID, got.Status, g.audited(t, r, "data.discovered"))
			}
		}
		if n := sys.discovered.Load(); n != 3 {
			t.Errorf("discovered %d times, want once per request", n)
		}
		// A later refusal is a new episode, told again.
		sys.refused.Store(true)
		_, s4 := g.request(t, store.TypeAccess)
		g.runWaiting(t, s4)
		if n := len(g.emailsOf(t, mail.KindReconnectNotice)); n != 2 {
			t.Fatalf("%d reconnect notices after a second refusal, want 2", n)
		}
	})
}

// An erasure whose system refuses its credentials mid-way waits at that
// system's erase step: the other system's erasure stands, nothing is
// confirmed; once reconnected, the waiting step erases (once) and the
// confirmation follows. The request stays erasing all the while — a status
// the state table cannot leave but to completed or failed.
func TestRevokedKeyMidErasureWaitsAndContinues(t *testing.T) {
	each(t, func(t *testing.T, g *rig) {
		ctx := context.Background()
		platform := &system{name: g.shop.Platform}
		other := &system{name: "newsletter"}
		g.connectSystem(platform)
		g.connectSystem(other)
		r, first := g.request(t, store.TypeErasure)
		g.runWay(t, first)
		plan := g.handed(t, step.Discover)
		g.runWay(t, plan[0])
		if err := g.p.Approve(ctx, r.ShopID, r.ID, "merchant:1"); err != nil {
			t.Fatal(err)
		}
		archive := g.handed(t, step.Plan)
		g.runWay(t, archive[0])
		erases := g.handed(t, step.Archive)
		if len(erases) != 2 {
			t.Fatalf("after archive: %v", kinds(erases))
		}
		platform.refused.Store(true) // revoked between the two erasures
		for _, st := range erases {
			pl, _ := step.Read(st)
			if pl.System == other.name {
				g.runWay(t, st)
			} else {
				g.runWaiting(t, st)
			}
		}
		if sends, rest := g.sends(); len(sends) != 1 || len(rest) != 0 { // the reconnect notice
			t.Fatalf("%d e-mails and %d steps followed while an erasure waits", len(sends), len(rest))
		}
		got := g.reload(t, r)
		if got.Status != store.StatusErasing || got.WaitReason != store.WaitReconnect(g.shop.Platform) {
			t.Fatalf("request %s waiting %q", got.Status, got.WaitReason)
		}
		if sh, _ := g.st.Shop(ctx, g.shop.ID); sh.Status != store.ShopNeedsReauth {
			t.Fatalf("shop %s", sh.Status)
		}
		if n, _ := g.st.OpenStepsOf(ctx, r.ID, step.Confirm); n != 0 {
			t.Fatal("a confirmation while an erasure waits")
		}

		platform.refused.Store(false)
		resumed := g.reconnect(t, g.shop.Platform)
		if len(resumed) != 1 || resumed[0].Kind != step.Erase {
			t.Fatalf("resumed %v", kinds(resumed))
		}
		g.enqueued = nil
		g.runWay(t, resumed[0])
		confirm := g.handed(t, step.Erase)
		if len(confirm) != 1 || confirm[0].Kind != step.Confirm {
			t.Fatalf("after the resumed erasure: %v", kinds(confirm))
		}
		g.runWay(t, confirm[0])
		if got := g.reload(t, r); got.Status != store.StatusCompleted {
			t.Fatalf("request %s after confirm", got.Status)
		}
		if platform.erased.Load() != 1 || other.erased.Load() != 1 || platform.discovered.Load() != 1 {
			t.Errorf("erased %d/%d, discovered %d: something ran twice", platform.erased.Load(), other.erased.Load(), platform.discovered.Load())
		}
		for _, a := range []string{"erased." + g.shop.Platform, "erased." + other.name, "archive.created", "data.discovered"} {
			if n := g.audited(t, r, a); n != 1 {
				t.Errorf("%s audited %d times", a, n)
			}
		}
	})
}

// A system that refuses while the shop is being connected again (the new
// credentials stored meanwhile) does not make the step wait for a
// reconnection that has happened: the step is retried, the shop stays
// active. Another system than the shop's platform waits without marking
// the shop.
func TestRefusalRacingAReconnectionRetries(t *testing.T) {
	each(t, func(t *testing.T, g *rig) {
		ctx := context.Background()
		sys := &system{name: g.shop.Platform}
		g.connectSystem(sys)
		sys.refused.Store(true)
		sys.during = func() {
			if err := g.st.SetCredentials(ctx, g.shop.ID, map[string]string{"token": "new"}); err != nil {
				t.Error(err)
			}
		}
		_, first := g.request(t, store.TypeAccess)
		claimed, _, _ := g.st.ClaimStep(ctx, first.ID, time.Minute)
		err := g.p.Run(ctx, claimed)
		if err == nil || errors.Is(err, jobs.ErrWaiting) || fault.IsPermanent(err) {
			t.Fatalf("run: %v, want a retry", err)
		}
		if st := g.stepOf(t, first.ID); st.Status != store.StepRunning {
			t.Fatalf("step %s, want it left to the worker's retry", st.Status)
		}
		if sh, _ := g.st.Shop(ctx, g.shop.ID); sh.Status != store.ShopActive {
			t.Fatalf("shop %s", sh.Status)
		}

		other := &system{name: "newsletter"}
		sys.refused.Store(false)
		sys.during = nil
		other.refused.Store(true)
		g.connectSystem(other)
		r, second := g.request(t, store.TypeAccess)
		g.runWaiting(t, second)
		if sh, _ := g.st.Shop(ctx, g.shop.ID); sh.Status != store.ShopActive {
			t.Fatalf("shop %s after another system refused", sh.Status)
		}
		if got := g.reload(t, r); got.WaitReason != store.WaitReconnect("newsletter") {
			t.Fatalf("waiting %q", got.WaitReason)
		}
		if n := len(g.reconnect(t, g.shop.Platform)); n != 0 {
			t.Fatalf("reconnecting the platform resumed %d steps waiting for another system", n)
		}
	})
}
