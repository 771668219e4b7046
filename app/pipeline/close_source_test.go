package pipeline_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/pipeline"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/step"
	"github.com/lethe-gdpr/lethe/app/store"
)

// forum is a connected system that passes requests on to Lethe and keeps
// its own record of them (as the companion plugin does with WordPress's
// privacy requests): it knows nobody, and records what it is told.
type forum struct {
	mu     sync.Mutex
	closed []connect.SourceRequest
	fail   error
}

func (*forum) System() string { return "forum" }
func (*forum) Discover(context.Context, connect.Subject) (connect.Result, error) {
	return connect.Result{}, nil
}
func (f *forum) CloseSource(_ context.Context, req connect.SourceRequest) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail != nil {
		return f.fail
	}
	f.closed = append(f.closed, req)
	return nil
}

// withForum connects a forum to the rig's shop and lets its e-mails go out
// without review.
func (g *rig) withForum(t *testing.T) *forum {
	t.Helper()
	f := &forum{}
	g.p.Connectors.Register("forum", func(context.Context, *store.Shop) (connect.Connector, bool, error) { return f, true, nil })
	if err := g.st.SaveSettings(context.Background(), g.shop.ID, store.Settings{AutoSend: true}); err != nil {
		t.Fatal(err)
	}
	g.withMailer(t)
	return f
}

// forumRequest takes in a request of typ that came from the forum, which
// wants to be told when Lethe is done (close false: one that keeps no
// record).
func (g *rig) forumRequest(t *testing.T, typ string, close bool) (*store.Request, *store.Step) {
	closer := ""
	if close {
		closer = "forum"
	}
	t.Helper()
	var r *store.Request
	var first *store.Step
	err := g.st.Tx(context.Background(), func(tx *store.Store) error {
		var err error
		r, first, err = requests.Create(context.Background(), tx, g.shop, requests.New{
			Type: typ, Source: "forum", Channel: "forum", ReceivedAt: time.Now(), Locale: "de", ExternalID: "123",
			Subject: store.Subject{Email: "jane.doe@kunde.example"}, CloseSystem: closer,
		})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return r, first
}

// walk runs st and every step it leads to (e-mails included) until
// nothing is left, returning the kinds it ran in order. The erasure's
// plan is approved when it waits for review.
func (g *rig) walk(t *testing.T, r *store.Request, st *store.Step) []string {
	t.Helper()
	var ran []string
	queue := []*store.Step{st}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		g.run(t, s)
		ran = append(ran, s.Kind)
		queue = append(queue, g.enqueued...)
		g.enqueued = nil
		if got := g.reload(t, r); got.Status == store.StatusAwaitingReview {
			if err := g.p.Approve(context.Background(), r.ShopID, r.ID, "merchant:1"); err != nil {
				t.Fatal(err)
			}
			queue = append(queue, g.enqueued...)
			g.enqueued = nil
		}
	}
	return ran
}

func count(kinds []string, kind string) int {
	n := 0
	for _, k := range kinds {
		if k == kind {
			n++
		}
	}
	return n
}

// The source of a request that keeps its own record is told once, after
// the answer (access) or the erasure confirmation (erasure) was sent; a
// request whose source keeps none creates no such step.
func TestSourceIsToldWhenLetheIsDone(t *testing.T) {
	each(t, func(t *testing.T, g *rig) {
		f := g.withForum(t)
		for _, typ := range []string{store.TypeAccess, store.TypeErasure} {
			r, first := g.forumRequest(t, typ, true)
			ran := g.walk(t, r, first)
			if count(ran, step.CloseSource) != 1 || ran[len(ran)-1] != step.CloseSource {
				t.Fatalf("%s: ran %v, want source:close once, last", typ, ran)
			}
			got := g.reload(t, r)
			want := map[string]string{store.TypeAccess: store.StatusAnswered, store.TypeErasure: store.StatusCompleted}[typ]
			if got.Status != want || g.audited(t, r, pipeline.SourceClosed) != 1 {
				t.Fatalf("%s: status %s, %d source.closed entries", typ, got.Status, g.audited(t, r, pipeline.SourceClosed))
			}
			if len(f.closed) != 1 || f.closed[0] != (connect.SourceRequest{Channel: "forum", ExternalID: "123", Type: typ}) {
				t.Fatalf("%s: told %+v", typ, f.closed)
			}
			f.closed = nil

			r, first = g.forumRequest(t, typ, false)
			if ran := g.walk(t, r, first); count(ran, step.CloseSource) != 0 || len(f.closed) != 0 {
				t.Fatalf("%s without close_source: ran %v, told %+v", typ, ran, f.closed)
			}
		}
	})
}

// A source that cannot be told (the plugin is gone) is audited and the
// step ends; a temporary failure is retried, and audited after the last
// attempt; the request stays answered either way, with no failure.
func TestSourceThatCannotBeTold(t *testing.T) {
	each(t, func(t *testing.T, g *rig) {
		ctx := context.Background()
		f := g.withForum(t)
		f.fail = connect.SourceGone(errors.New("the plugin is not installed"))
		r, first := g.forumRequest(t, store.TypeAccess, true)
		if ran := g.walk(t, r, first); count(ran, step.CloseSource) != 1 {
			t.Fatalf("ran %v", ran)
		}
		if got := g.reload(t, r); got.Status != store.StatusAnswered || got.Failure != "" || g.audited(t, r, pipeline.SourceCloseGone) != 1 {
			t.Fatalf("gone: status %s failure %q, %d skipped entries", got.Status, got.Failure, g.audited(t, r, pipeline.SourceCloseGone))
		}

		f.fail = errors.New("the store did not answer")
		r, first = g.forumRequest(t, store.TypeAccess, true)
		var closeStep *store.Step
		queue := []*store.Step{first}
		for len(queue) > 0 { // up to the source:close step
			s := queue[0]
			queue = queue[1:]
			if s.Kind == step.CloseSource {
				closeStep = s
				continue
			}
			g.run(t, s)
			queue = append(queue, g.enqueued...)
			g.enqueued = nil
		}
		if closeStep == nil {
			t.Fatal("no source:close step")
		}
		for attempt := 1; ; attempt++ {
			claimed, ok, err := g.st.ClaimStep(ctx, closeStep.ID, time.Minute)
			if err != nil || !ok {
				t.Fatalf("claim %d: %v %v", attempt, ok, err)
			}
			err = stage(t, step.CloseSource).Run(g.p, ctx, claimed)
			if attempt < claimed.MaxAttempts {
				if err == nil || g.audited(t, r, pipeline.SourceCloseFailed) != 0 {
					t.Fatalf("attempt %d: %v", attempt, err)
				}
				if err := g.st.ReleaseStep(ctx, claimed, time.Now(), err.Error(), false); err != nil {
					t.Fatal(err)
				}
				continue
			}
			if err != nil || g.audited(t, r, pipeline.SourceCloseFailed) != 1 {
				t.Fatalf("last attempt: %v, %d failed entries", err, g.audited(t, r, pipeline.SourceCloseFailed))
			}
			break
		}
		if got := g.reload(t, r); got.Status != store.StatusAnswered || got.Failure != "" {
			t.Fatalf("after the last attempt: %s %q", got.Status, got.Failure)
		}
	})
}
