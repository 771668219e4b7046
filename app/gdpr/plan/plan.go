// Package plan turns the data items found for a person into an erasure
// plan: per item the action, the last day it is kept, the legal reference,
// and which fields are erased now and which are kept (restricted).
package plan

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
)

// Entry is the plan for one item.
type Entry struct {
	System         string           `json:"system"`
	RecordType     gdpr.RecordType  `json:"record_type"`
	RecordID       string           `json:"record_id"`
	Action         retention.Action `json:"action"`
	RetainUntil    *gdpr.Date       `json:"retain_until"` // last day kept; purge runs after it
	LegalReference string           `json:"legal_reference"`
	KeepFields     []string         `json:"keep_fields"`  // kept, restricted (Art. 18(2) GDPR)
	EraseFields    []string         `json:"erase_fields"` // erased now
	Reason         string           `json:"reason"`
	LegalHold      bool             `json:"legal_hold,omitempty"`
	// DeferUntil, for a deferred open order with a known day, is the last
	// day a claim from it can still exist (OpenUntil): its erasure waits for
	// the order's completion, at the longest until then.
	DeferUntil *gdpr.Date `json:"defer_until,omitempty"`
}

// Plan decides for every item as of today under rules (with the merchant's
// overrides). Entries are sorted by system, record type and record id.
//
// An item of a record type the rule set does not know, or an invalid
// override, fails the whole plan: nothing is erased on a guess.
//
// An open order (unpaid, unshipped) defers the erasure of its records only
// while a claim from it can still exist — the regular limitation of §§ 195,
// 199 Abs. 1 BGB, three years from the end of the year of the order
// (OpenUntil); after that its records are planned like those of any closed
// order and the open-order record itself is erased. Technical data,
// reviews, comments and analytics records are never deferred with an
// order (retention.DeferredWithOrder); internal order notes are.
func Plan(items []gdpr.Item, today gdpr.Date, rules retention.Set, overrides ...retention.Override) ([]Entry, error) {
	entries := make([]Entry, 0, len(items))
	returns := openReturns(items)
	for _, it := range items {
		rule, err := rules.Rule(it.RecordType)
		if err != nil {
			return nil, fmt.Errorf("plan: %s record %s: %w", it.System, it.RecordID, err)
		}
		still := openStill(it, returns, today)
		it.Open = it.Open && still
		var d retention.Decision
		if it.RecordType == retention.OpenOrder && !still {
			d = lapsed(it, rules.Country)
		} else if d, err = retention.Evaluate(rule, it, today, overrides...); err != nil {
			return nil, fmt.Errorf("plan: %s record %s: %w", it.System, it.RecordID, err)
		}
		keep, erase := splitFields(it.Fields, d)
		e := Entry{
			System: it.System, RecordType: it.RecordType, RecordID: it.RecordID,
			Action: d.Action, RetainUntil: d.RetainUntil, LegalReference: d.LegalReference,
			KeepFields: keep, EraseFields: erase, Reason: d.Reason, LegalHold: d.LegalHold,
		}
		if d.Action == retention.ActionDefer && !it.Date.IsZero() && !returns[it.System+"\x00"+it.RecordID] {
			until := OpenUntil(it.Date)
			e.DeferUntil = &until
		}
		entries = append(entries, e)
	}
	slices.SortStableFunc(entries, func(a, b Entry) int {
		return cmp.Or(cmp.Compare(a.System, b.System), cmp.Compare(a.RecordType, b.RecordType), cmp.Compare(a.RecordID, b.RecordID))
	})
	return entries, nil
}

// lapsed is the decision for the open-order record of an order whose claims
// are time-barred: erased now, like the open order it no longer is.
func lapsed(it gdpr.Item, country string) retention.Decision {
	end := OpenUntil(it.Date)
	return retention.Decision{
		RecordType: it.RecordType, Action: retention.ActionErase, RetainUntil: &end, Basis: retention.BasisLaw,
		LegalReference: claimLimitationReference(country),
		Reason:         fmt.Sprintf("the order is still open, but no claim from it can be asserted after %s: planned like a closed order, erase now", end),
	}
}

// splitFields: erase keeps nothing; defer and legal hold keep everything;
// retain keeps the intersection of the item's fields with the rule's keep
// list and erases the rest. Both lists are sorted and never nil.
func splitFields(fields map[string]any, d retention.Decision) (keep, erase []string) {
	keep, erase = []string{}, []string{}
	for name := range fields {
		switch {
		case d.KeepAll, d.Action == retention.ActionRetain && slices.Contains(d.KeepFields, name):
			keep = append(keep, name)
		default:
			erase = append(erase, name)
		}
	}
	slices.Sort(keep)
	slices.Sort(erase)
	return keep, erase
}
