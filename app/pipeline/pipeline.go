// Package pipeline runs a request through its steps. Way (way.go) is the
// table of them: kind, handler, queue, timeout and the kinds that may
// follow; read it first. Each step is a row in the work table; a step's
// effects, its completion (fenced by its claim) and the next step commit in
// one transaction, and the next step is enqueued after the commit.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/step"
	"github.com/lethe-gdpr/lethe/app/store"
)

// Pipeline holds what the steps need.
type Pipeline struct {
	Store      *store.Store
	Connectors *connect.Registry
	Mailer     *mail.Sender // delivers email:send steps
	PublicURL  string       // base of links in e-mails
	// MerchantURL makes the links of merchant e-mails to the panel's
	// pages per shop (inside the platform's admin where the shop has one);
	// nil: mail.MerchantLinks(PublicURL).
	MerchantURL mail.MerchantURL
	LinkTTL     time.Duration // lifetime of the customer's report link
	Enqueue     func(ctx context.Context, steps ...*store.Step) error
	Log         *slog.Logger
	Now         func() time.Time
}

func (p *Pipeline) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

// merchantURL is the address of a panel page for sh's merchant.
func (p *Pipeline) merchantURL(sh *store.Shop, path string) string {
	if p.MerchantURL != nil {
		return p.MerchantURL(sh, path)
	}
	return mail.MerchantLinks(p.PublicURL)(sh, path)
}

func (p *Pipeline) load(ctx context.Context, st *store.Step) (*store.Shop, *store.Request, step.Payload, error) {
	rf, err := step.Read(st)
	if err != nil || rf.RequestID == 0 {
		return nil, nil, rf, fmt.Errorf("%w: step %d has no request", fault.ErrPermanent, st.ID)
	}
	sh, err := p.Store.Shop(ctx, rf.ShopID)
	if err != nil {
		return nil, nil, rf, fmt.Errorf("%w: shop %d: %v", fault.ErrPermanent, rf.ShopID, err)
	}
	r, err := p.Store.Request(ctx, rf.ShopID, rf.RequestID)
	if err != nil {
		return nil, nil, rf, fmt.Errorf("%w: request %d: %v", fault.ErrPermanent, rf.RequestID, err)
	}
	if requests.Ended(r.Status) {
		return nil, nil, rf, fmt.Errorf("%w: request %d is %s", ErrEnded, r.ID, r.Status)
	}
	return sh, r, rf, nil
}

// ErrEnded: the step's request was refused, withdrawn or closed after the
// step was queued; the step ends without effect (ended).
var ErrEnded = errors.New("pipeline: the request has ended")

// ended is a step's answer to an error loading its request: done, without
// effect or successor, when the request has ended (ErrEnded), else err.
func (p *Pipeline) ended(st *store.Step, err error) error {
	if !errors.Is(err, ErrEnded) {
		return err
	}
	p.Log.Info("step skipped: its request has ended", "step", st.ID, "kind", st.Kind, "err", err.Error())
	return nil
}

func (p *Pipeline) enqueue(ctx context.Context, steps ...*store.Step) {
	var live []*store.Step
	for _, s := range steps {
		if s != nil {
			live = append(live, s)
		}
	}
	if err := p.Enqueue(ctx, live...); err != nil {
		p.Log.Warn("enqueue failed; left to the reconciler", "err", err)
	}
}

// Failed is told when a step of a request failed for good: the request
// becomes failed, with the reason (which names the system) for the merchant.
func (p *Pipeline) Failed(ctx context.Context, st *store.Step, cause error) {
	p.markReauth(ctx, st, cause)
	p.noteFailure(ctx, st, cause, true)
}

// markReauth marks the shop as needing re-authentication when a system
// refused its credentials (connect.ErrReauth) and the step failed anyway:
// a request step waits instead (wait.go); this covers a step that is not
// a request's.
func (p *Pipeline) markReauth(ctx context.Context, st *store.Step, cause error) {
	if st.ShopID == nil || !errors.Is(cause, connect.ErrReauth) {
		return
	}
	if err := p.Store.SetShopStatus(ctx, *st.ShopID, store.ShopNeedsReauth); err != nil {
		p.Log.Warn("cannot mark shop for re-authentication", "shop_id", *st.ShopID, "err", err)
	}
}

// Retrying is told when a step failed and will run again: the merchant sees
// the reason while it retries.
func (p *Pipeline) Retrying(ctx context.Context, st *store.Step, cause error) {
	p.noteFailure(ctx, st, cause, false)
}

func (p *Pipeline) noteFailure(ctx context.Context, st *store.Step, cause error, final bool) {
	if st.RequestID == nil || st.ShopID == nil {
		return
	}
	msg := cause.Error()
	if len(msg) > 300 {
		msg = msg[:300]
	}
	err := p.Store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.UpdateRequest(ctx, *st.ShopID, *st.RequestID, map[string]any{"failure": msg}); err != nil {
			return err
		}
		r, err := tx.Request(ctx, *st.ShopID, *st.RequestID)
		if err != nil {
			return err
		}
		detail := fmt.Sprintf("step=%s attempt=%d reason=%s", st.Kind, st.Attempts, msg)
		switch {
		case final && requests.CanMove(r.Status, store.StatusFailed):
			return requests.Transition(ctx, tx, r, "system", store.StatusFailed, detail)
		case final: // failed already (another step of it), or moved on
			return requests.Audit(ctx, tx, r, "system", "step.failed", detail)
		}
		return requests.Audit(ctx, tx, r, "system", "step.retrying", detail)
	})
	if err != nil {
		p.Log.Warn("cannot record step failure", "step", st.ID, "err", err)
	}
}
