package pipeline_test

import (
	"context"
	"testing"

	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
)

// A step queued before the merchant ended its request (refused, withdrawn,
// closed) ends without effect: no status change, no items, no successor.
func TestStepsOfAnEndedRequestDoNothing(t *testing.T) {
	ends := map[string]func(ctx context.Context, tx *store.Store, r *store.Request) error{
		store.StatusRefused: func(ctx context.Context, tx *store.Store, r *store.Request) error {
			return requests.Refuse(ctx, tx, r, "merchant", requests.Action{Ground: requests.GroundUnfounded, Reason: "r"})
		},
		store.StatusWithdrawn: func(ctx context.Context, tx *store.Store, r *store.Request) error {
			return requests.Withdraw(ctx, tx, r, "merchant", requests.Action{})
		},
		store.StatusClosed: func(ctx context.Context, tx *store.Store, r *store.Request) error {
			return requests.Close(ctx, tx, r, "merchant", requests.Action{Reason: "r"})
		},
	}
	each(t, func(t *testing.T, g *rig) {
		ctx := context.Background()
		for status, end := range ends {
			for _, typ := range []string{store.TypeAccess, store.TypeErasure} {
				r, first := g.request(t, typ)
				g.run(t, first) // discover: processing, next answer or plan
				next := g.handed(t, first.Kind)
				if len(next) != 1 {
					t.Fatalf("%s: discover handed %d steps", typ, len(next))
				}
				if err := g.st.Tx(ctx, func(tx *store.Store) error { return end(ctx, tx, g.reload(t, r)) }); err != nil {
					t.Fatal(err)
				}
				g.run(t, next[0])
				if got := g.reload(t, r); got.Status != status || len(g.handed(t, next[0].Kind)) != 0 {
					t.Errorf("%s %s: %s ran on: status %s", status, typ, next[0].Kind, got.Status)
				}
				if g.audited(t, r, "status.ready")+g.audited(t, r, "plan.created") != 0 {
					t.Errorf("%s %s: %s had effects", status, typ, next[0].Kind)
				}
			}
		}
	})
}
