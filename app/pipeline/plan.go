package pipeline

import (
	"context"
	"fmt"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/gdpr/plan"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/step"
	"github.com/lethe-gdpr/lethe/app/store"
)

// Plan runs the rules core's erasure plan over what discovery found. A plan
// waits for the merchant's approval unless it runs by policy: a request
// recorded as automatic at intake always does (Shopify's customers/redact:
// Shopify requires completion within 30 days), and so does every plan of a
// shop that chose automatic erasure. The plan is recorded either way.
func (p *Pipeline) Plan(ctx context.Context, st *store.Step) error {
	sh, r, rf, err := p.load(ctx, st)
	if err != nil {
		return p.ended(st, err)
	}
	items, err := p.Store.GdprItems(ctx, sh.ID, r.ID)
	if err != nil {
		return err
	}
	cc, err := ClassifyContext(sh, nil, p.now())
	if err != nil {
		return fmt.Errorf("%w: %v", fault.ErrPermanent, err)
	}
	entries, err := plan.Plan(items, cc.Today, cc.Rules, cc.Overrides...)
	if err != nil {
		return fmt.Errorf("%w: plan: %v", fault.ErrPermanent, err)
	}
	by := approvedBy(sh, r)
	var archive *store.Step
	err = p.Store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.SavePlan(ctx, &store.ErasurePlan{ShopID: sh.ID, RequestID: r.ID, Entries: entries, Automatic: by != ""}); err != nil {
			return err
		}
		if err := requests.Audit(ctx, tx, r, "system", "plan.created", planSummary(entries)); err != nil {
			return err
		}
		if by == "" {
			if err := requests.Transition(ctx, tx, r, "system", store.StatusAwaitingReview, ""); err != nil {
				return err
			}
		} else {
			if err := tx.ApprovePlan(ctx, sh.ID, r.ID, by); err != nil {
				return err
			}
			if archive, err = startErasure(ctx, tx, r, rf, by); err != nil {
				return err
			}
		}
		return tx.CompleteStep(ctx, st)
	})
	if err != nil {
		return err
	}
	p.enqueue(ctx, archive)
	return nil
}

// Approve is the merchant's approval of a plan awaiting review.
func (p *Pipeline) Approve(ctx context.Context, shopID, requestID int64, by string) error {
	var archive *store.Step
	err := p.Store.Tx(ctx, func(tx *store.Store) error {
		r, err := tx.Request(ctx, shopID, requestID)
		if err != nil {
			return err
		}
		if r.Status != store.StatusAwaitingReview {
			return store.ErrConflict
		}
		if err := tx.ApprovePlan(ctx, shopID, requestID, by); err != nil {
			return err
		}
		if err := requests.Audit(ctx, tx, r, by, "plan.approved", ""); err != nil {
			return err
		}
		// The plan step's payload carries what discovery learned (recipients).
		rf := step.Payload{RequestID: r.ID, ShopID: shopID}
		steps, err := tx.StepsOf(ctx, r.ID)
		if err != nil {
			return err
		}
		for i := range steps {
			if pl, err := step.Read(&steps[i]); err == nil && steps[i].Kind == step.Plan {
				rf = pl
			}
		}
		archive, err = startErasure(ctx, tx, r, rf, by)
		return err
	})
	if err != nil {
		return err
	}
	p.enqueue(ctx, archive)
	return nil
}

func startErasure(ctx context.Context, tx *store.Store, r *store.Request, rf step.Payload, by string) (*store.Step, error) {
	if err := requests.Transition(ctx, tx, r, by, store.StatusErasing, ""); err != nil {
		return nil, err
	}
	return next(ctx, tx, step.Plan, step.Archive, rf) // after the plan, automatic or approved
}

// approvedBy names who approves r's plan by policy, or is empty when the
// merchant reviews it.
func approvedBy(sh *store.Shop, r *store.Request) string {
	switch {
	case r.Automatic && r.Initiator != "":
		return "system:" + r.Initiator + "-redact" // "system:shopify-redact"
	case r.Automatic:
		return "system:automatic"
	case store.ShopSettings(sh).AutoErase:
		return "system:auto-erase"
	}
	return ""
}

// planSummary counts a plan's actions, for the audit trail.
func planSummary(es []plan.Entry) string {
	n := map[retention.Action]int{}
	for _, e := range es {
		n[e.Action]++
	}
	return fmt.Sprintf("items=%d erase=%d retain=%d defer=%d", len(es), n[retention.ActionErase], n[retention.ActionRetain], n[retention.ActionDefer])
}
