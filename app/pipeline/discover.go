package pipeline

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/gdpr/classify"
	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/step"
	"github.com/lethe-gdpr/lethe/app/store"
)

// Discover asks every connected system of the shop what it holds about the
// subject. A failing system fails the step with its name (retried with
// backoff); nothing is saved until every system has answered.
func (p *Pipeline) Discover(ctx context.Context, st *store.Step) error {
	sh, r, rf, err := p.load(ctx, st)
	if err != nil {
		return p.ended(st, err)
	}
	if sh.Status == store.ShopUninstalled || sh.Status == store.ShopRedacted {
		return fmt.Errorf("%w: the shop is %s", fault.ErrPermanent, sh.Status)
	}
	// Readiness first: a shop whose setup lacks what the answer must name
	// makes the request wait, never fail.
	if !requests.Readiness(sh).Ready {
		if ready, err := p.waitForSetup(ctx, st, r); err != nil || !ready {
			return err
		}
	}
	if r.Status == store.StatusReceived {
		err := p.Store.Tx(ctx, func(tx *store.Store) error {
			return requests.Transition(ctx, tx, r, "system", store.StatusProcessing, "")
		})
		if err != nil && !errors.Is(err, store.ErrConflict) {
			return err
		}
	}
	conns, err := p.Connectors.For(ctx, sh)
	if err != nil {
		return err
	}
	conns = append(conns, connect.NewLetheConnector(p.Store, sh.ID, r.ID))
	res, err := p.discoverAll(ctx, sh, r, conns, r.Subject)
	if err != nil {
		return err
	}
	// Identity (issue 12): identifiers that belong to different people
	// hold a request no platform and no merchant verified; once the
	// merchant verified it, the answer goes to the contact the shop holds,
	// and discovery reads again with that address.
	heldContact := ""
	if mismatch := res.identity.Mismatch; len(mismatch) > 0 && r.Initiator == "" {
		if requests.NeedsIdentityCheck(r) {
			return p.holdIdentity(ctx, st, sh, r, mismatch)
		}
		if c := strings.TrimSpace(res.identity.Contact); c != "" && !strings.EqualFold(c, strings.TrimSpace(r.Subject.Email)) {
			sub := r.Subject
			sub.Email = c
			if res, err = p.discoverAll(ctx, sh, r, conns, sub); err != nil {
				return err
			}
			heldContact = c
		}
	}
	items, recipients, found, locale := res.items, res.recipients, res.found, res.locale
	rf.Found, rf.Recipients = found, recipients
	kind := step.Answer
	if r.Type == store.TypeErasure {
		kind = step.Plan
	}
	var nextStep, notice *store.Step
	err = p.Store.Tx(ctx, func(tx *store.Store) error {
		if err := requests.AnswerToHeldContact(ctx, tx, r, heldContact); err != nil {
			return err
		}
		if err := tx.ReplaceItems(ctx, sh.ID, r.ID, items); err != nil {
			return err
		}
		if err := tx.UpdateRequest(ctx, sh.ID, r.ID, map[string]any{"failure": "", "locale": locale}); err != nil {
			return err
		}
		if err := tx.DiscoveryLimits(ctx, sh.ID, r.ID, res.limits); err != nil {
			return err
		}
		if err := tx.FinishDiscovery(ctx, sh.ID, r.ID); err != nil {
			return err
		}
		detail := fmt.Sprintf("systems=%d items=%d found=%t", res.systems, len(items), found)
		if err := requests.Audit(ctx, tx, r, "system", "data.discovered", detail); err != nil {
			return err
		}
		if nextStep, err = next(ctx, tx, st.Kind, kind, rf); err != nil {
			return err
		}
		if notice, err = p.merchantNotice(ctx, tx, st, sh, r, items); err != nil {
			return err
		}
		return tx.CompleteStep(ctx, st)
	})
	if err != nil {
		return err
	}
	p.enqueue(ctx, nextStep, notice)
	return nil
}

// discovered is what every system found about one subject.
type discovered struct {
	items      []gdpr.Item
	recipients []answer.Recipient
	found      bool
	locale     string
	identity   connect.Identity
	limits     []connect.Limit // what the systems could not search
	systems    int
}

// discoverAll asks every connector what it holds about sub, recording the
// progress; the first failing system fails it with its name.
func (p *Pipeline) discoverAll(ctx context.Context, sh *store.Shop, r *store.Request, conns []connect.Connector, sub store.Subject) (discovered, error) {
	out := discovered{locale: r.Locale, systems: len(conns)}
	p.noteProgress(p.Store.StartDiscovery(ctx, sh.ID, r.ID, len(conns)))
	for i, c := range conns {
		p.noteProgress(p.Store.DiscoveringSystem(ctx, sh.ID, r.ID, c.System(), i))
		res, err := c.Discover(p.progressContext(ctx, sh.ID, r.ID), sub)
		if err != nil {
			var se *connect.SystemError
			if !errors.As(err, &se) {
				err = &connect.SystemError{System: c.System(), Err: err}
			}
			return out, err
		}
		out.found = out.found || res.Found
		if out.locale == "" {
			out.locale = res.Locale
		}
		out.items = append(out.items, res.Items...)
		out.recipients = append(out.recipients, res.Recipients...)
		out.identity = out.identity.Merge(res.Identity)
		for _, l := range res.Limits {
			if l.System == "" {
				l.System = c.System()
			}
			out.limits = append(out.limits, l)
		}
	}
	return out, nil
}

// holdIdentity parks r in identity_unverified (the mismatched fields named
// on it and in its audit trail): nothing of what discovery found is kept,
// no answer is built or drafted, and the merchant is told of the request
// as of any new one. The discover step completes; the merchant's
// verification starts a new one (requests.ContinueVerified).
func (p *Pipeline) holdIdentity(ctx context.Context, st *store.Step, sh *store.Shop, r *store.Request, mismatch []string) error {
	var notice *store.Step
	err := p.Store.Tx(ctx, func(tx *store.Store) error {
		if err := requests.HoldIdentity(ctx, tx, r, mismatch); err != nil {
			return err
		}
		if err := tx.ReplaceItems(ctx, sh.ID, r.ID, nil); err != nil {
			return err
		}
		if err := tx.FinishDiscovery(ctx, sh.ID, r.ID); err != nil {
			return err
		}
		var err error
		if notice, err = p.merchantNotice(ctx, tx, st, sh, r, nil); err != nil {
			return err
		}
		return tx.CompleteStep(ctx, st)
	})
	if err != nil {
		return err
	}
	p.enqueue(ctx, notice)
	return nil
}

// merchantNotice tells the merchant a request arrived (once per request),
// and, for an access request, which of the person's records are overdue
// for deletion (Art. 5(1)(e) GDPR), before the answer goes out.
func (p *Pipeline) merchantNotice(ctx context.Context, tx *store.Store, st *store.Step, sh *store.Shop, r *store.Request, items []gdpr.Item) (*store.Step, error) {
	if mail.MerchantAddress(sh) == "" {
		return nil, nil // nobody to tell; the admin panel shows it
	}
	var overdue []classify.Overdue
	if r.Type == store.TypeAccess {
		overdue = p.overdue(sh, items)
	}
	e, err := mail.DraftMerchantNotice(ctx, tx, sh, r, p.merchantURL(sh, mail.PanelRequest(r.ID)), overdue...)
	if err != nil || e.Status != store.EmailDraft {
		return nil, err
	}
	return send(ctx, tx, st.Kind, e)
}

// overdue are the record types among items whose retention period has
// ended as of today; none when the rules cannot classify them (the answer
// step then fails with the reason).
func (p *Pipeline) overdue(sh *store.Shop, items []gdpr.Item) []classify.Overdue {
	cc, err := ClassifyContext(sh, nil, p.now())
	if err != nil {
		return nil
	}
	entries, err := classify.Classify(items, cc)
	if err != nil {
		return nil
	}
	return classify.OverdueOf(entries)
}

// progressContext carries the connector's progress (connect.Progress) to
// the request's discovery_progress row: one UPDATE per report, which a
// connector makes at most once per page it reads.
func (p *Pipeline) progressContext(ctx context.Context, shopID, requestID int64) context.Context {
	return connect.WithProgress(ctx, func(read, total int) {
		p.noteProgress(p.Store.DiscoveryOrders(ctx, shopID, requestID, read, total))
	})
}

// noteProgress logs a failed progress write; progress is for the
// merchant's eyes and never fails a discovery.
func (p *Pipeline) noteProgress(err error) {
	if err != nil && p.Log != nil {
		p.Log.Warn("cannot record discovery progress", "err", err)
	}
}
