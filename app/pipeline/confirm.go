package pipeline

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/gdpr/classify"
	"github.com/lethe-gdpr/lethe/app/gdpr/plan"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/step"
	"github.com/lethe-gdpr/lethe/app/store"
)

// Confirm ends an erasure: it drafts the confirmation to the customer (full,
// partial with what is kept, why and until when, deferred open orders) and
// the Art. 19 notice to the merchant listing the recipients to inform,
// erases what Lethe itself holds about the person outside the archive
// (found items, reports, links, drafts, the subject's details — the keyed
// hash stays as the record that the request was handled), and completes
// the request, partial when anything is kept or deferred.
func (p *Pipeline) Confirm(ctx context.Context, st *store.Step) error {
	sh, r, rf, err := p.load(ctx, st)
	if err != nil {
		return p.ended(st, err)
	}
	if r.Status == store.StatusCompleted {
		return nil // done before a crash; the worker completes the step
	}
	pl, err := p.Store.Plan(ctx, sh.ID, r.ID)
	if err != nil {
		return fmt.Errorf("%w: no plan: %v", fault.ErrPermanent, err)
	}
	recipients, err := p.recipients(ctx, sh, r, rf)
	if err != nil {
		return err
	}
	out, err := p.erasureOutcome(ctx, sh, r)
	if err != nil {
		return err
	}
	started := out.Started
	summary := mail.SummarizeOutcome(pl.Entries, out)
	summary.Inform = mail.Art19Recipients(recipients, started...)
	partial := false
	for _, e := range pl.Entries {
		partial = partial || e.Action == retention.ActionRetain || e.Action == retention.ActionDefer
	}
	partial = partial || !summary.AllCarriedOut()
	var sends []*store.Step
	err = p.Store.Tx(ctx, func(tx *store.Store) error {
		confirmation, err := mail.DraftErasureConfirmation(ctx, tx, sh, r, summary)
		if err != nil {
			return err
		}
		// Records left in a system that could not erase them wait for the
		// merchant: the draft says they will be deleted there separately.
		if confirmation != nil && confirmsAtOnce(sh, r) && summary.AllCarriedOut() {
			s, err := send(ctx, tx, st.Kind, confirmation)
			if err != nil {
				return err
			}
			sends = append(sends, s)
		}
		notice, err := mail.DraftRecipientsNotice(ctx, tx, sh, r, recipients, started...)
		if err != nil {
			return err
		}
		if notice != nil {
			s, err := send(ctx, tx, st.Kind, notice)
			if err != nil {
				return err
			}
			sends = append(sends, s)
		}
		f, err := tx.ForgetSubject(ctx, sh.ID, r.SubjectHash, r.ID, r.ID)
		if err != nil {
			return err
		}
		if err := tx.UpdateRequest(ctx, sh.ID, r.ID, map[string]any{"partial": partial, "failure": ""}); err != nil {
			return err
		}
		detail := fmt.Sprintf("partial=%t forgotten_requests=%d items=%d reports=%d recipients=%d",
			partial, f.Requests, f.Items, f.Reports, len(recipients))
		if err := requests.Transition(ctx, tx, r, "system", store.StatusCompleted, detail); err != nil {
			return err
		}
		return tx.CompleteStep(ctx, st)
	})
	if err != nil {
		return err
	}
	p.enqueue(ctx, sends...)
	return nil
}

// erasureOutcome reads what the erase steps of the request recorded: the
// systems whose erasure was only started (ErasureStarted), with the
// platform that started the erasure itself (the initiator) — the
// confirmation says the erasure there was started, not done, and the
// Art. 19 list leaves them out (they know); the systems that offered no
// erasure (ErasureUnsupported): their records remain; and the records or
// fields systems left (ErasureLeft, the latest entry of each system).
func (p *Pipeline) erasureOutcome(ctx context.Context, sh *store.Shop, r *store.Request) (mail.Outcome, error) {
	evs, err := p.Store.Events(ctx, sh.ID, r.ID)
	if err != nil {
		return mail.Outcome{}, err
	}
	var out mail.Outcome
	add := func(sys string) {
		if sys != "" && !slices.Contains(out.Started, sys) {
			out.Started = append(out.Started, sys)
		}
	}
	left := map[string][]plan.Left{}
	for _, e := range evs {
		if sys, ok := strings.CutPrefix(e.Action, ErasureStarted); ok {
			add(sys)
		}
		if sys, ok := strings.CutPrefix(e.Action, ErasureUnsupported); ok && !slices.Contains(out.Unsupported, sys) {
			out.Unsupported = append(out.Unsupported, sys)
		}
		if sys, ok := strings.CutPrefix(e.Action, ErasureLeft); ok {
			left[sys] = leftOf(sys, e.Detail)
		}
	}
	for _, sys := range slices.Sorted(maps.Keys(left)) {
		out.Left = append(out.Left, left[sys]...)
	}
	add(r.Initiator)
	return out, nil
}

// leftOf reads the records a system left from its ErasureLeft audit
// detail (the last "left=" word: Erase appends it to the system's own
// detail).
func leftOf(system, detail string) []plan.Left {
	ws := strings.Fields(detail)
	for i := len(ws) - 1; i >= 0; i-- {
		if v, ok := strings.CutPrefix(ws[i], "left="); ok {
			return plan.ParseLeft(system, v)
		}
	}
	return nil
}

// confirmsAtOnce reports whether the erasure confirmation goes out without
// the merchant's review: the request runs without review (recorded at
// intake: Shopify's customers/redact), or the shop sends without review.
func confirmsAtOnce(sh *store.Shop, r *store.Request) bool {
	return r.Automatic || store.ShopSettings(sh).AutoSend
}

// recipients are everyone the person's data were disclosed to, as the
// access answer names them: found in the data, the platform, and the
// shop's configured recipients (Art. 19 GDPR).
func (p *Pipeline) recipients(ctx context.Context, sh *store.Shop, r *store.Request, rf step.Payload) ([]answer.Recipient, error) {
	items, err := p.Store.GdprItems(ctx, sh.ID, r.ID)
	if err != nil {
		return nil, err
	}
	cc, err := ClassifyContext(sh, rf.Recipients, p.now())
	if err != nil {
		return nil, fmt.Errorf("%w: %v", fault.ErrPermanent, err)
	}
	entries, err := classify.Classify(items, cc)
	if err != nil {
		return nil, fmt.Errorf("%w: classify: %v", fault.ErrPermanent, err)
	}
	seen := map[string]bool{}
	var out []answer.Recipient
	for _, e := range entries {
		for _, rc := range e.Recipients {
			k := rc.Name + "\x00" + rc.Category
			if !seen[k] {
				seen[k] = true
				out = append(out, rc)
			}
		}
	}
	return out, nil
}
