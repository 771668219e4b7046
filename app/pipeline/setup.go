package pipeline

import (
	"context"

	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
)

// waitForSetup parks a request of a shop that is not ready in needs_setup,
// naming the missing fields, and tells the merchant once per setup episode
// (one e-mail however many requests wait). The discover step completes: the
// request continues with a new one when the setup is complete
// (requests.ContinueSetup). The shop is re-read under its lock, so a setup
// completed meanwhile is seen (then the request runs on at once).
func (p *Pipeline) waitForSetup(ctx context.Context, st *store.Step, r *store.Request) (ready bool, err error) {
	var notice *store.Step
	err = p.Store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.LockShop(ctx, r.ShopID); err != nil {
			return err
		}
		sh, err := tx.Shop(ctx, r.ShopID)
		if err != nil {
			return err
		}
		rd := requests.Readiness(sh)
		if ready = rd.Ready; ready {
			return nil
		}
		if r.Status != store.StatusNeedsSetup {
			if err := requests.WaitForSetup(ctx, tx, r, rd.Missing); err != nil {
				return err
			}
		}
		if notice, err = p.setupNotice(ctx, tx, st, sh, rd.Missing); err != nil {
			return err
		}
		return tx.CompleteStep(ctx, st)
	})
	if err == nil && !ready {
		p.enqueue(ctx, notice)
	}
	return ready, err
}

// setupNotice drafts and queues the setup e-mail unless the merchant was
// told already in this episode or there is nobody to tell.
func (p *Pipeline) setupNotice(ctx context.Context, tx *store.Store, st *store.Step, sh *store.Shop, missing []string) (*store.Step, error) {
	if mail.MerchantAddress(sh) == "" {
		return nil, nil // the admin panel shows it
	}
	first, err := tx.ClaimSetupNotice(ctx, sh.ID)
	if err != nil || !first {
		return nil, err
	}
	e, err := mail.DraftSetupNotice(ctx, tx, sh, missing, p.merchantURL(sh, mail.PanelOnboarding))
	if err != nil || e.Status != store.EmailDraft {
		return nil, err
	}
	return send(ctx, tx, st.Kind, e)
}
