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
}

// Plan decides for every item as of today under rules (with the merchant's
// overrides). Entries are sorted by system, record type and record id.
//
// An item of a record type the rule set does not know, or an invalid
// override, fails the whole plan: nothing is erased on a guess.
func Plan(items []gdpr.Item, today gdpr.Date, rules retention.Set, overrides ...retention.Override) ([]Entry, error) {
	entries := make([]Entry, 0, len(items))
	for _, it := range items {
		rule, err := rules.Rule(it.RecordType)
		if err != nil {
			return nil, fmt.Errorf("plan: %s record %s: %w", it.System, it.RecordID, err)
		}
		d, err := retention.Evaluate(rule, it, today, overrides...)
		if err != nil {
			return nil, fmt.Errorf("plan: %s record %s: %w", it.System, it.RecordID, err)
		}
		keep, erase := splitFields(it.Fields, d)
		entries = append(entries, Entry{
			System: it.System, RecordType: it.RecordType, RecordID: it.RecordID,
			Action: d.Action, RetainUntil: d.RetainUntil, LegalReference: d.LegalReference,
			KeepFields: keep, EraseFields: erase, Reason: d.Reason, LegalHold: d.LegalHold,
		})
	}
	slices.SortStableFunc(entries, func(a, b Entry) int {
		return cmp.Or(cmp.Compare(a.System, b.System), cmp.Compare(a.RecordType, b.RecordType), cmp.Compare(a.RecordID, b.RecordID))
	})
	return entries, nil
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
