package pipeline

import (
	"context"
	"fmt"
	"strings"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/gdpr/plan"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/step"
	"github.com/lethe-gdpr/lethe/app/store"
)

// ErasureStarted prefixes the audit action of a system that was asked to
// erase and does so later by its own rules ("erase_requested.shopify").
const ErasureStarted = "erase_requested."

// ErasureUnsupported prefixes the audit action of a system that offers no
// erasure of the records Lethe could start ("erase_unsupported.shopify":
// guest orders): nothing was erased there, and the confirmation says what
// remains.
const ErasureUnsupported = "erase_unsupported."

// ErasureLeft prefixes the audit action of a system that erased all but
// some records or fields (connect.ErasureResult.Left: WooCommerce without
// its companion plugin): its detail names them (plan.EncodeLeft after
// "left="), the confirmation says they are not erased yet, and the
// request page tells the merchant which to erase by hand.
const ErasureLeft = "erase_partial."

// Erase asks one system to erase what the approved plan says, after the
// archive step kept what the law requires. When the last system is done,
// the confirm step follows. A failure is retried with backoff and shown to
// the merchant; nothing is marked done before the system accepted it.
func (p *Pipeline) Erase(ctx context.Context, st *store.Step) error {
	sh, r, rf, err := p.load(ctx, st)
	if err != nil {
		return p.ended(st, err)
	}
	pl, err := p.Store.Plan(ctx, sh.ID, r.ID)
	if err != nil {
		return fmt.Errorf("%w: no plan: %v", fault.ErrPermanent, err)
	}
	var entries []plan.Entry
	for _, e := range pl.Entries {
		if e.System == rf.System {
			entries = append(entries, e)
		}
	}
	conns, err := p.Connectors.For(ctx, sh)
	if err != nil {
		return err
	}
	var eraser connect.Eraser
	for _, c := range conns {
		if er, ok := c.(connect.Eraser); ok && c.System() == rf.System {
			eraser = er
		}
	}
	if eraser == nil {
		return fmt.Errorf("%w: %s is not connected or cannot erase", fault.ErrPermanent, rf.System)
	}
	res, err := eraser.Erase(ctx, connect.ErasureRequest{
		Subject: r.Subject, Entries: entries,
		PlatformInitiated: r.Initiator == rf.System, // e.g. Shopify's own customers/redact
	})
	if err != nil {
		return &connect.SystemError{System: rf.System, Err: err}
	}
	var confirm *store.Step
	err = p.Store.Tx(ctx, func(tx *store.Store) error {
		// Serialise the last erase steps of a request, so exactly one of
		// them sees that all are done.
		if err := tx.LockRequest(ctx, sh.ID, r.ID); err != nil {
			return err
		}
		done, detail := "erased.", res.Detail
		switch {
		case res.Requested: // the system queued it: started, not done (Confirm reads this)
			done = ErasureStarted
		case res.Unsupported: // nothing erased there: the records remain (Confirm reads this)
			done = ErasureUnsupported
		case len(res.Left) > 0: // erased but these (Confirm reads this)
			done = ErasureLeft
			detail = strings.TrimSpace(detail + " left=" + plan.EncodeLeft(res.Left))
		}
		if err := requests.Audit(ctx, tx, r, "system", done+rf.System, detail); err != nil {
			return err
		}
		if err := tx.CompleteStep(ctx, st); err != nil {
			return err
		}
		open, err := tx.OpenStepsOf(ctx, r.ID, step.Erase)
		if err != nil || open > 0 {
			return err
		}
		rf.System = "" // one confirm step per request
		confirm, err = next(ctx, tx, st.Kind, step.Confirm, rf)
		return err
	})
	if err != nil {
		return err
	}
	p.enqueue(ctx, confirm)
	return nil
}
