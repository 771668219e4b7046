package pipeline_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"slices"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/pipeline"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/step"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

// rig is a pipeline on a real store, with no platform connected (only
// Lethe's own records) and a queue that records what it is handed.
type rig struct {
	st       *store.Store
	p        *pipeline.Pipeline
	shop     *store.Shop
	enqueued []*store.Step
}

func each(t *testing.T, f func(t *testing.T, g *rig)) {
	for _, d := range testenv.Dialects {
		t.Run(d, func(t *testing.T) { f(t, newRig(t, d)) })
	}
}

func newRig(t *testing.T, dialect string) *rig {
	t.Helper()
	g := &rig{st: testenv.Store(t, dialect)}
	g.p = &pipeline.Pipeline{
		Store: g.st, Connectors: connect.NewRegistry(), PublicURL: "https://lethe.example", LinkTTL: time.Hour,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: time.Now,
		Enqueue: func(_ context.Context, steps ...*store.Step) error {
			g.enqueued = append(g.enqueued, steps...)
			return nil
		},
	}
	// A ready shop (its profile complete); the merchant notice its e-mail
	// brings is left out by handed, so the walk stays on the way of the
	// request itself.
	g.shop = &store.Shop{Platform: "shopify", Domain: "muster.myshopify.com", Name: "Musterladen", Country: "DE", Region: "BY", Locale: "de",
		Email: "shop@muster.example", Address: `{"street":"Marienplatz 1","postcode":"80331","city":"München","country":"DE"}`}
	if err := g.st.UpsertShop(context.Background(), g.shop); err != nil {
		t.Fatal(err)
	}
	return g
}

// request takes in a request of type typ, returning it and its first step.
func (g *rig) request(t *testing.T, typ string) (*store.Request, *store.Step) {
	t.Helper()
	var r *store.Request
	var first *store.Step
	err := g.st.Tx(context.Background(), func(tx *store.Store) error {
		var err error
		r, first, err = requests.Create(context.Background(), tx, g.shop, requests.New{
			Type: typ, Source: "manual", Channel: "email", ReceivedAt: time.Now(), Locale: "de",
			Subject: store.Subject{Email: "jane.doe@kunde.example", Name: "Jane Doe"},
		})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return r, first
}

// run claims st as the worker does and runs its kind's handler from the
// way; the worker completes a step whose handler succeeded.
func (g *rig) run(t *testing.T, st *store.Step) {
	t.Helper()
	ctx := context.Background()
	claimed, ok, err := g.st.ClaimStep(ctx, st.ID, time.Minute)
	if err != nil || !ok {
		t.Fatalf("claim %s: ok=%v %v", st.Kind, ok, err)
	}
	if err := stage(t, st.Kind).Run(g.p, ctx, claimed); err != nil {
		t.Fatalf("%s: %v", st.Kind, err)
	}
	if err := g.st.CompleteStep(ctx, claimed); err != nil {
		t.Fatalf("complete %s: %v", st.Kind, err)
	}
}

func stage(t *testing.T, kind string) pipeline.Stage {
	t.Helper()
	for _, s := range pipeline.Way {
		if s.Kind == kind {
			return s
		}
	}
	t.Fatalf("%s is not on the way", kind)
	return pipeline.Stage{}
}

// handed returns what was enqueued since the last call, checking that the
// way lets a step of kind from create each of them.
func (g *rig) handed(t *testing.T, from string) []*store.Step {
	t.Helper()
	var out []*store.Step
	for _, s := range g.enqueued {
		if !slices.Contains(stage(t, from).Next, s.Kind) {
			t.Errorf("%s created %s, which the way does not list", from, s.Kind)
		}
		if from == step.Discover && s.Kind == step.Send {
			continue // the merchant notice
		}
		out = append(out, s)
	}
	g.enqueued = nil
	return out
}

func (g *rig) reload(t *testing.T, r *store.Request) *store.Request {
	t.Helper()
	got, err := g.st.Request(context.Background(), r.ShopID, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// audited counts r's audit entries of action.
func (g *rig) audited(t *testing.T, r *store.Request, action string) int {
	t.Helper()
	es, err := g.st.Events(context.Background(), r.ShopID, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	return len(slices.DeleteFunc(es, func(e store.Event) bool { return e.Action != action }))
}

// An erasure request walks its way step by step, each step creating the
// next through the table, until it is completed.
func TestErasureWalksTheWay(t *testing.T) {
	each(t, func(t *testing.T, g *rig) {
		ctx := context.Background()
		r, first := g.request(t, store.TypeErasure)
		if first.Kind != step.Discover {
			t.Fatalf("first step %s", first.Kind)
		}
		g.run(t, first)
		next := g.handed(t, step.Discover)
		if len(next) != 1 || next[0].Kind != step.Plan {
			t.Fatalf("after discover: %v", kinds(next))
		}
		pl, err := step.Read(next[0])
		if err != nil || pl.RequestID != r.ID || pl.ShopID != r.ShopID {
			t.Fatalf("plan payload %+v (%v)", pl, err)
		}
		g.run(t, next[0])
		if got := g.reload(t, r); got.Status != store.StatusAwaitingReview || len(g.handed(t, step.Plan)) != 0 {
			t.Fatalf("after plan: %s", got.Status)
		}
		if err := g.p.Approve(ctx, r.ShopID, r.ID, "merchant:1"); err != nil {
			t.Fatal(err)
		}
		next = g.handed(t, step.Plan)
		if len(next) != 1 || next[0].Kind != step.Archive {
			t.Fatalf("after approval: %v", kinds(next))
		}
		g.run(t, next[0])
		next = g.handed(t, step.Archive)
		if len(next) != 1 || next[0].Kind != step.Confirm { // nothing outside Lethe to erase
			t.Fatalf("after archive: %v", kinds(next))
		}
		g.run(t, next[0])
		g.handed(t, step.Confirm)
		if got := g.reload(t, r); got.Status != store.StatusCompleted {
			t.Fatalf("after confirm: %s", got.Status)
		}
		steps, err := g.st.StepsOf(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range steps {
			if s.Status != store.StepDone && s.Kind != step.Send { // the merchant notice is not run here
				t.Errorf("%s left %s", s.Kind, s.Status)
			}
		}
	})
}

// An access request of a shop that sends without review: discover, answer
// (ready), and the answer's email:send.
func TestAccessWalksTheWay(t *testing.T) {
	each(t, func(t *testing.T, g *rig) {
		ctx := context.Background()
		if err := g.st.SaveSettings(ctx, g.shop.ID, store.Settings{AutoSend: true}); err != nil {
			t.Fatal(err)
		}
		r, first := g.request(t, store.TypeAccess)
		g.run(t, first)
		next := g.handed(t, step.Discover)
		if len(next) != 1 || next[0].Kind != step.Answer {
			t.Fatalf("after discover: %v", kinds(next))
		}
		g.run(t, next[0])
		next = g.handed(t, step.Answer)
		if len(next) != 1 || next[0].Kind != step.Send {
			t.Fatalf("after answer: %v", kinds(next))
		}
		if pl, err := step.Read(next[0]); err != nil || pl.EmailID == 0 || pl.ShopID != r.ShopID {
			t.Fatalf("send payload %+v (%v)", pl, err)
		}
		if got := g.reload(t, r); got.Status != store.StatusReady {
			t.Fatalf("after answer: %s", got.Status)
		}
	})
}

// A worker whose claim was taken over cannot complete a pipeline step: its
// transaction rolls back with store.ErrLeaseLost, so none of its effects
// (items, audit entries, the next step) commit, and the step's owner
// finishes it alone.
func TestStaleClaimCannotCompleteAStep(t *testing.T) {
	each(t, func(t *testing.T, g *rig) {
		ctx := context.Background()
		r, first := g.request(t, store.TypeAccess)
		stale, ok, err := g.st.ClaimStep(ctx, first.ID, -time.Second) // stalled past its lease
		if err != nil || !ok {
			t.Fatal("claim", err)
		}
		owner, ok, err := g.st.ClaimStep(ctx, first.ID, time.Minute)
		if err != nil || !ok {
			t.Fatal("takeover", err)
		}

		if err := g.p.Discover(ctx, stale); !errors.Is(err, store.ErrLeaseLost) {
			t.Fatalf("stale run: %v, want ErrLeaseLost", err)
		}
		if n := len(g.handed(t, step.Discover)); n != 0 {
			t.Fatalf("the stale run enqueued %d steps", n)
		}
		if g.audited(t, r, "data.discovered") != 0 {
			t.Fatal("the stale run's audit entry committed")
		}
		if n, err := g.st.OpenStepsOf(ctx, r.ID, step.Answer); err != nil || n != 0 {
			t.Fatalf("the stale run created %d answer steps (%v)", n, err)
		}

		if err := g.p.Discover(ctx, owner); err != nil {
			t.Fatalf("owner's run: %v", err)
		}
		next := g.handed(t, step.Discover)
		if len(next) != 1 || next[0].Kind != step.Answer {
			t.Fatalf("after the owner's run: %v", kinds(next))
		}
		got, err := g.st.GetStep(ctx, first.ID)
		if err != nil || got.Status != store.StepDone || got.Attempts != owner.Attempts {
			t.Fatalf("discover step %+v (%v), want done by the owner", got, err)
		}
		if n := g.audited(t, r, "data.discovered"); n != 1 {
			t.Fatalf("data.discovered %d times, want once", n)
		}
	})
}

func kinds(steps []*store.Step) []string {
	var out []string
	for _, s := range steps {
		out = append(out, s.Kind)
	}
	return out
}

// A step that failed because a system refused the shop's credentials marks
// the shop as needing re-authentication; other failures leave it active.
func TestFailedMarksShopForReauth(t *testing.T) {
	each(t, func(t *testing.T, g *rig) {
		ctx := context.Background()
		r, first := g.request(t, store.TypeAccess)
		g.p.Failed(ctx, first, &connect.SystemError{System: "shopify", Err: errors.New("HTTP 503")})
		if sh, _ := g.st.Shop(ctx, g.shop.ID); sh.Status == store.ShopNeedsReauth {
			t.Fatal("a server error marked the shop for re-authentication")
		}
		g.p.Failed(ctx, first, &connect.SystemError{System: "shopify", Err: connect.ReauthError("token refused")})
		if sh, _ := g.st.Shop(ctx, g.shop.ID); sh.Status != store.ShopNeedsReauth {
			t.Fatalf("shop %s after a refused token, want %s", sh.Status, store.ShopNeedsReauth)
		}
		if got := g.reload(t, r); got.Status != store.StatusFailed {
			t.Fatalf("request %s, want failed", got.Status)
		}
	})
}
