package pipeline

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/plan"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/step"
	"github.com/lethe-gdpr/lethe/app/store"
)

// unknownRetention is how long a record is archived whose end date the
// rules could not compute (a missing document date): the longest period of
// the rule set, counted from today, flagged for the merchant to review.
const unknownRetentionYears = 10

// Archive copies, before anything is erased, the fields the law requires
// to keep (for an invoice the §14(4) UStG contents) into Lethe's archive:
// sealed, restricted (Art. 18(2) GDPR), with retain_until and the legal
// reference; then records one erase step per system. Running it again
// archives nothing twice.
func (p *Pipeline) Archive(ctx context.Context, st *store.Step) error {
	sh, r, rf, err := p.load(ctx, st)
	if err != nil {
		return p.ended(st, err)
	}
	pl, err := p.Store.Plan(ctx, sh.ID, r.ID)
	if err != nil {
		return fmt.Errorf("%w: no plan: %v", fault.ErrPermanent, err)
	}
	items, err := p.Store.GdprItems(ctx, sh.ID, r.ID)
	if err != nil {
		return err
	}
	byKey := map[string]gdpr.Item{}
	for _, it := range items {
		byKey[key(it.System, string(it.RecordType), it.RecordID)] = it
	}
	today := gdpr.FromTime(p.now(), sh.Location())
	var nextSteps []*store.Step
	err = p.Store.Tx(ctx, func(tx *store.Store) error {
		archived := 0
		for _, e := range pl.Entries {
			if e.Action != retention.ActionRetain {
				continue
			}
			it, ok := byKey[key(e.System, string(e.RecordType), e.RecordID)]
			if !ok {
				return fmt.Errorf("%w: planned item %s %s not found", fault.ErrPermanent, e.RecordType, e.RecordID)
			}
			h := archiveEntryFor(sh.ID, r.ID, e, it, today)
			err := tx.CreateArchiveEntry(ctx, h, e.KeepFields)
			if errors.Is(err, store.ErrConflict) {
				continue // archived already (this step ran before, or an earlier request)
			}
			if err != nil {
				return err
			}
			archived++
		}
		if err := requests.Audit(ctx, tx, r, "system", "archive.created", fmt.Sprintf("records=%d", archived)); err != nil {
			return err
		}
		for _, sys := range systems(pl.Entries) {
			erase := rf
			erase.System = sys
			s, err := next(ctx, tx, st.Kind, step.Erase, erase)
			if err != nil {
				return err
			}
			nextSteps = append(nextSteps, s)
		}
		if len(nextSteps) == 0 { // nothing outside Lethe: confirm at once
			s, err := next(ctx, tx, st.Kind, step.Confirm, rf)
			if err != nil {
				return err
			}
			nextSteps = append(nextSteps, s)
		}
		return tx.CompleteStep(ctx, st)
	})
	if err != nil {
		return err
	}
	p.enqueue(ctx, nextSteps...)
	return nil
}

// archiveEntryFor is the archive row of a retained entry: only its keep fields.
func archiveEntryFor(shopID, requestID int64, e plan.Entry, it gdpr.Item, today gdpr.Date) *store.ArchiveEntry {
	fields := map[string]any{}
	for _, f := range e.KeepFields {
		if v, ok := it.Fields[f]; ok {
			fields[f] = v
		}
	}
	until := today.AddYears(unknownRetentionYears).EndOfYear()
	ref := e.LegalReference
	if e.RetainUntil != nil {
		until = *e.RetainUntil
	} else {
		ref += " — end date unknown (" + e.Reason + "): kept for the longest period; review"
	}
	rid := requestID
	return &store.ArchiveEntry{
		ShopID: shopID, RequestID: &rid, System: e.System, RecordType: string(e.RecordType), RecordID: e.RecordID,
		LegalReference: ref, Fields: fields, RetainUntil: store.DayOf(until.Year(), until.Month(), until.Day()),
		LegalHold: e.LegalHold, HoldReason: it.HoldReason,
	}
}

// systems lists the external systems a plan touches (Lethe's own data is
// erased by the confirm step).
func systems(es []plan.Entry) []string {
	seen := map[string]bool{}
	for _, e := range es {
		if e.System != "lethe" {
			seen[e.System] = true
		}
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

func key(parts ...string) string {
	k := ""
	for _, p := range parts {
		k += p + "\x00"
	}
	return k
}
