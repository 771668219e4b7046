package pipeline

import (
	"context"
	"fmt"
	"time"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/gdpr/classify"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/report"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
)

// Languages every answer is written in.
var Languages = []string{"de", "en"}

// Answer classifies what was found, freezes the Art. 15 answer as the
// request's report, creates the customer's link (inactive until the reply
// is sent) and the reply draft, and
// moves the request to ready (queuing the reply when the shop sends
// without review).
func (p *Pipeline) Answer(ctx context.Context, st *store.Step) error {
	sh, r, rf, err := p.load(ctx, st)
	if err != nil {
		return p.ended(st, err)
	}
	items, err := p.Store.GdprItems(ctx, sh.ID, r.ID)
	if err != nil {
		return err
	}
	now := p.now()
	cc, err := ClassifyContext(sh, rf.Recipients, now)
	if err != nil {
		return fmt.Errorf("%w: %v", fault.ErrPermanent, err)
	}
	entries, err := classify.Classify(items, cc)
	if err != nil {
		return fmt.Errorf("%w: classify: %v", fault.ErrPermanent, err)
	}
	auth, err := Authority(sh)
	if err != nil {
		return fmt.Errorf("%w: %v", fault.ErrPermanent, err)
	}
	answers := map[string]answer.Answer{}
	for _, lang := range Languages {
		answers[lang] = classify.Answer(entries, lang, auth, rf.Found)
	}
	rep, err := report.Build(report.Input{Request: r, Shop: sh, Entries: entries, Answers: answers, Found: rf.Found, GeneratedAt: now})
	if err != nil {
		return fmt.Errorf("%w: report: %v", fault.ErrPermanent, err)
	}
	var sendStep *store.Step
	err = p.Store.Tx(ctx, func(tx *store.Store) error {
		if err := report.Save(ctx, tx, rep); err != nil {
			return err
		}
		link := mail.AnswerLink{Negative: !rf.Found}
		if rf.Found {
			l, err := report.NewLink(ctx, tx, sh.ID, r.ID, p.PublicURL, p.LinkTTL, now)
			if err != nil {
				return err
			}
			link.URL, link.Lifetime = l.URL, l.Lifetime
		}
		e, err := mail.DraftAnswer(ctx, tx, sh, r, link)
		if err != nil {
			return err
		}
		// Records past their retention period are overdue for deletion
		// (Art. 5(1)(e) GDPR): the merchant is warned before the answer
		// goes out, so it is not sent without review.
		overdue := len(classify.OverdueOf(entries))
		detail := fmt.Sprintf("entries=%d found=%t", len(entries), rf.Found)
		if overdue > 0 {
			detail += fmt.Sprintf(" overdue_types=%d", overdue)
		}
		if err := requests.Transition(ctx, tx, r, "system", store.StatusReady, detail); err != nil {
			return err
		}
		if store.ShopSettings(sh).AutoSend && overdue == 0 {
			if sendStep, err = send(ctx, tx, st.Kind, e); err != nil {
				return err
			}
		}
		return tx.CompleteStep(ctx, st)
	})
	if err != nil {
		return err
	}
	p.enqueue(ctx, sendStep)
	return nil
}

// ClassifyContext is what the rules need to know about the shop today.
func ClassifyContext(sh *store.Shop, found []answer.Recipient, now time.Time) (classify.Context, error) {
	place := requests.Place(sh)
	rules, err := retention.ForCountry(place.CountryCode())
	if err != nil {
		return classify.Context{}, err
	}
	set := store.ShopSettings(sh)
	var overrides []retention.Override
	for _, o := range set.RetentionOverrides {
		at, _ := time.Parse(time.RFC3339, o.At)
		overrides = append(overrides, retention.Override{
			RecordType: retention.RecordType(o.RecordType), Period: retention.Period{Years: o.Years}, By: o.By, Reason: o.Reason, At: at,
		})
	}
	return classify.Context{
		Today: gdpr.FromTime(now, sh.Location()), Place: place, Rules: rules, Overrides: overrides,
		Platform: sh.Platform, FoundRecipients: found, ShopRecipients: shopRecipients(set.Recipients),
	}, nil
}

// Authority is the competent supervisory authority, as the merchant
// corrected it.
func Authority(sh *store.Shop) (answer.Authority, error) {
	place := requests.Place(sh)
	as := answer.DefaultAuthorities()
	a, err := as.For(place)
	if err != nil {
		return a, err
	}
	if o := store.ShopSettings(sh).Authority; o != nil {
		seat := a.Seat
		a = a.Corrected(o.Name, o.Address, o.Website)
		a.Seat = seat // a corrected address is the postal address, named once
	}
	return a, nil
}
