package pipeline

import (
	"context"
	"errors"
	"fmt"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/step"
	"github.com/lethe-gdpr/lethe/app/store"
)

// Audit actions of source:close.
const (
	SourceClosed      = "source.closed"        // the source marked its record of the request done
	SourceCloseGone   = "source.close_skipped" // the source cannot be told (no plugin, no such request there)
	SourceCloseFailed = "source.close_failed"  // every attempt failed
)

// afterSent is run when an e-mail of a request was sent (mail.AfterSent):
// once the answer (access) or the erasure confirmation of a request whose
// source keeps its own record of it (CloseSystem, recorded at intake) is
// out, that system is told (source:close, once per request).
func (p *Pipeline) afterSent(ctx context.Context, tx *store.Store, e *store.Email) ([]*store.Step, error) {
	if e.RequestID == nil || !(mail.IsAnswer(e.Kind) || mail.IsErasureConfirmation(e.Kind)) {
		return nil, nil
	}
	r, err := tx.Request(ctx, e.ShopID, *e.RequestID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil || r.CloseSystem == "" || r.ExternalID == "" {
		return nil, err
	}
	st, err := next(ctx, tx, step.Send, step.CloseSource, step.Payload{RequestID: r.ID, ShopID: r.ShopID})
	if err != nil {
		return nil, err
	}
	return []*store.Step{st}, nil
}

// CloseSource tells the system the request came from that Lethe is done
// with it (the companion plugin marks WordPress's privacy request
// completed), through the connector of the system recorded at intake
// (CloseSystem, a connect.SourceCloser). The request itself is answered or completed
// already and stays so: a source that cannot be told (the plugin is not
// installed, the request is not there) is audited, not a failure of the
// request; a temporary failure is retried, and after the last attempt
// audited too.
func (p *Pipeline) CloseSource(ctx context.Context, st *store.Step) error {
	sh, r, _, err := p.load(ctx, st)
	if err != nil {
		return p.ended(st, err)
	}
	if r.CloseSystem == "" || r.ExternalID == "" {
		return nil
	}
	closer, err := p.sourceCloser(ctx, sh, r)
	if err == nil {
		err = closer.CloseSource(ctx, connect.SourceRequest{Channel: r.Channel, ExternalID: r.ExternalID, Type: r.Type})
	}
	action, detail := SourceClosed, "system="+r.CloseSystem
	switch {
	case err == nil:
	case errors.Is(err, fault.ErrPermanent):
		action, detail = SourceCloseGone, fmt.Sprintf("system=%s reason=%s", r.CloseSystem, reason(err))
	case st.Attempts < st.MaxAttempts:
		return err // retried with backoff
	default:
		action, detail = SourceCloseFailed, fmt.Sprintf("system=%s attempts=%d reason=%s", r.CloseSystem, st.Attempts, reason(err))
	}
	err = p.Store.Tx(ctx, func(tx *store.Store) error {
		if err := requests.Audit(ctx, tx, r, "system", action, detail); err != nil {
			return err
		}
		return tx.CompleteStep(ctx, st)
	})
	if err != nil {
		return err
	}
	p.Log.Info("source of request told", "request", r.ID, "shop_id", sh.ID, "outcome", action)
	return nil
}

// sourceCloser is the connector of the system that keeps the request's
// record, if it can be told. None is ErrSourceGone: nothing there to tell.
func (p *Pipeline) sourceCloser(ctx context.Context, sh *store.Shop, r *store.Request) (connect.SourceCloser, error) {
	conns, err := p.Connectors.For(ctx, sh)
	if err != nil {
		return nil, err
	}
	for _, c := range conns {
		if sc, ok := c.(connect.SourceCloser); ok && c.System() == r.CloseSystem {
			return sc, nil
		}
	}
	return nil, connect.SourceGone(fmt.Errorf("no connected system %s can be told", r.CloseSystem))
}

// reason is err's message, bounded for the audit trail.
func reason(err error) string {
	msg := err.Error()
	if len(msg) > 300 {
		msg = msg[:300]
	}
	return msg
}
