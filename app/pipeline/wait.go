package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/jobs"
)

// A request step that meets a system refusing the shop's credentials
// (connect.ErrReauth: a revoked key, a token that cannot be refreshed)
// does not fail: it waits, whichever step of the way it is (discovery, an
// erasure half done). The step itself is parked (store.StepWaiting, its
// reason "reconnect:<system>"), so the request keeps its status, its due
// dates and every step it has done; the shop is marked needs_reauth; the
// merchant gets one e-mail for however many requests wait. Reconnecting
// the system (requests.ContinueReconnected, in the platform's transaction
// that makes the shop active again) puts the parked steps back to pending,
// and each runs where its request stopped.

// Run runs st by its kind's row of the way, as the worker does: the
// stage's handler, and a step that meets a refused credential waits.
func (p *Pipeline) Run(ctx context.Context, st *store.Step) error {
	for _, s := range Way {
		if s.Kind == st.Kind {
			return p.run(ctx, s, st)
		}
	}
	return fault.Permanent(fmt.Errorf("pipeline: no step %s on the way", st.Kind))
}

// run runs st with the handler of s; a request step failing with
// connect.ErrReauth waits (jobs.ErrWaiting) instead of failing.
func (p *Pipeline) run(ctx context.Context, s Stage, st *store.Step) error {
	if st.ShopID == nil || st.RequestID == nil {
		return s.Run(p, ctx, st)
	}
	// The credentials this run starts with: a reconnection while it runs
	// makes a refusal stale (wait).
	before, err := p.Store.Shop(ctx, *st.ShopID)
	if errors.Is(err, store.ErrNotFound) {
		return s.Run(p, ctx, st) // its handler fails it with the reason
	}
	if err != nil {
		return err
	}
	err = s.Run(p, ctx, st)
	if err == nil || !errors.Is(err, connect.ErrReauth) {
		return err
	}
	return p.wait(ctx, st, before, err)
}

// wait parks claimed st, whose run met the refusal cause, until the system
// that refused is connected again, in one transaction under the shop's
// lock: the shop marked needs_reauth (when the system is the shop's
// platform and it was active), the step parked, the request's wait reason
// and audit entry, the merchant's e-mail once per episode. A shop whose
// credentials changed while the step ran (connected again, a token
// refreshed) is not parked: the step is retried. An error here leaves the
// step to be retried (it waits on its next run).
func (p *Pipeline) wait(ctx context.Context, st *store.Step, before *store.Shop, cause error) error {
	system, ok := connect.FailedSystem(cause)
	if !ok {
		system = before.Platform
	}
	msg := cause.Error()
	if len(msg) > 300 {
		msg = msg[:300]
	}
	var notice *store.Step
	again := false
	err := p.Store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.LockShop(ctx, before.ID); err != nil {
			return err
		}
		sh, err := tx.Shop(ctx, before.ID)
		if err != nil {
			return err
		}
		if sh.Status == store.ShopActive && !bytes.Equal(sh.Credentials, before.Credentials) {
			again = true
			return nil
		}
		if system == sh.Platform && sh.Status == store.ShopActive {
			if err := tx.SetShopStatus(ctx, sh.ID, store.ShopNeedsReauth); err != nil {
				return err
			}
			sh.Status = store.ShopNeedsReauth
		}
		if err := tx.ParkStep(ctx, st, store.WaitReconnect(system), msg); err != nil {
			return err
		}
		r, err := tx.Request(ctx, sh.ID, *st.RequestID)
		if err != nil {
			return err
		}
		if err := requests.WaitForReconnect(ctx, tx, r, st.Kind, system); err != nil {
			return err
		}
		notice, err = p.reconnectNotice(ctx, tx, sh, system)
		return err
	})
	switch {
	case err != nil: // not the refusal: the step is retried and waits then
		return fmt.Errorf("%s refused the shop's credentials, and the step cannot wait yet: %w", system, err)
	case again:
		return fmt.Errorf("%s was connected again while the step ran: it runs again", system)
	}
	p.Log.Info("step waits until its system is connected again", "step", st.ID, "kind", st.Kind, "system", system, "shop_id", before.ID)
	p.enqueue(ctx, notice)
	return jobs.ErrWaiting
}

// reconnectNotice drafts and queues the e-mail that tells the merchant
// requests wait for system to be connected again, with how (from the
// system's platform), unless the merchant was told already in this episode
// or there is nobody to tell. It belongs to the shop, not to the way of
// the step that waits: any step may park.
func (p *Pipeline) reconnectNotice(ctx context.Context, tx *store.Store, sh *store.Shop, system string) (*store.Step, error) {
	if mail.MerchantAddress(sh) == "" {
		return nil, nil // the admin panel shows it
	}
	first, err := tx.ClaimReconnectNotice(ctx, sh.ID)
	if err != nil || !first {
		return nil, err
	}
	rc := connect.Reconnect{System: system}
	if p.Connectors != nil {
		if got, ok := p.Connectors.ReconnectOf(sh, system); ok {
			rc = got
		}
	}
	e, err := mail.DraftReconnectNotice(ctx, tx, sh, rc, p.merchantURL(sh, mail.PanelSettings))
	if err != nil || e.Status != store.EmailDraft {
		return nil, err
	}
	return mail.QueueSend(ctx, tx, e)
}
