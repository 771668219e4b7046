package retention

import (
	"fmt"

	"github.com/lethe-gdpr/lethe/app/gdpr"
)

// holdReference is added to the reference of a record under legal hold.
func holdReference(country string) string {
	if country == gdpr.CountryAT {
		return "legal hold: §132(1) BAO (kept as long as the documents matter for pending tax proceedings); Art. 17(3)(e) GDPR (legal claims)"
	}
	return "legal hold: §147(3) AO (the period does not end while the documents matter for an open tax assessment); Art. 17(3)(e) GDPR (legal claims)"
}

// Decision is what an erasure request does to one record, as of a day.
type Decision struct {
	RecordType     RecordType `json:"record_type"`
	Action         Action     `json:"action"`
	RetainUntil    *gdpr.Date `json:"retain_until"` // last day to keep; for erase the day the duty ended, nil if there never was one
	LegalReference string     `json:"legal_reference"`
	KeepFields     []string   `json:"keep_fields"`        // for retain: the rule's keep list
	KeepAll        bool       `json:"keep_all,omitempty"` // defer and legal hold keep every field
	Basis          Basis      `json:"basis"`
	Reason         string     `json:"reason"` // plain words: why, until when, or the criterion when no date is known
	LegalHold      bool       `json:"legal_hold,omitempty"`
	Override       *Override  `json:"override,omitempty"` // the override that set the date, if any
}

// Purgeable reports whether a retained record may be deleted on today: its
// last day has passed and no legal hold blocks it. A record without an end
// date is never purged automatically.
func Purgeable(retainUntil *gdpr.Date, hold bool, today gdpr.Date) bool {
	return !hold && retainUntil != nil && today.After(*retainUntil)
}

// Purgeable is Purgeable for the decision; deferred records never are.
func (d Decision) Purgeable(today gdpr.Date) bool {
	return d.Action != ActionDefer && Purgeable(d.RetainUntil, d.LegalHold, today)
}

// Evaluate decides for item under rule as of today. Overrides for other
// record types are ignored; an invalid one for this type is an error.
//
// Missing dates are handled the legally safe way: a rule that needs a date
// the item lacks (no document date, no delivery date, no invoice yet) keeps
// the record (retain, RetainUntil nil) and Reason states the criterion, so
// nothing a duty covers is erased. A consent proof without ConsentEnded
// counts from today: the erasure request itself ends the consent. An open
// order defers only the record types DeferredWithOrder names.
func Evaluate(rule Rule, item gdpr.Item, today gdpr.Date, overrides ...Override) (Decision, error) {
	for _, o := range overrides {
		if o.RecordType != rule.RecordType {
			continue
		}
		var err error
		if rule, err = ApplyOverride(rule, o); err != nil {
			return Decision{}, err
		}
	}
	d := Decision{RecordType: rule.RecordType, Basis: rule.Basis, LegalReference: rule.LegalReference}
	if rule.Action == ActionDefer || (item.Open && DeferredWithOrder(rule.RecordType)) {
		return deferred(d, rule, item), nil
	}
	end, criterion := retainUntil(rule, item, today)
	if end != nil && rule.Override != nil {
		if o := overrideEnd(rule, item, today); o.After(*end) {
			end, d.Override = &o, rule.Override
			d.LegalReference += "; " + rule.Override.describe()
		}
	}
	d.RetainUntil = end
	switch {
	case rule.Action == ActionErase && end == nil:
		d.Action, d.Reason = ActionErase, "no retention duty: erase now"
	case end == nil:
		d.Action, d.KeepFields, d.Reason = ActionRetain, rule.KeepFields, "kept restricted until "+criterion
	case today.After(*end):
		d.Action, d.Reason = ActionErase, fmt.Sprintf("the retention period (%s) ended on %s: erase now", criterion, end)
	default:
		d.Action, d.KeepFields = ActionRetain, rule.KeepFields
		d.Reason = fmt.Sprintf("kept restricted until %s (%s); deletable from %s", end, criterion, end.AddDays(1))
	}
	if item.LegalHold {
		d = held(d, rule, item)
	}
	if d.KeepFields == nil {
		d.KeepFields = []string{}
	}
	return d, nil
}

func deferred(d Decision, rule Rule, item gdpr.Item) Decision {
	d.Action, d.KeepAll, d.KeepFields, d.LegalHold = ActionDefer, true, []string{}, item.LegalHold
	d.Reason = "the order is still being performed: erasure deferred until it is completed"
	if rule.Action != ActionDefer {
		d.LegalReference = "Art. 6(1)(b) GDPR (contract still being performed); then " + rule.LegalReference
	}
	if item.LegalHold {
		d.LegalReference += "; " + holdReference(rule.Country)
		d.Reason += "; a legal hold also applies"
	}
	return d
}

// held keeps everything under a legal hold, whatever the dates say: the
// record may be evidence, so it is kept as it is, restricted.
func held(d Decision, rule Rule, item gdpr.Item) Decision {
	d.Action, d.KeepAll, d.LegalHold, d.KeepFields = ActionRetain, true, true, []string{}
	d.LegalReference += "; " + holdReference(rule.Country)
	why := "legal hold"
	if item.HoldReason != "" {
		why += " (" + item.HoldReason + ")"
	}
	d.Reason = why + ": kept restricted, all fields, until the hold is lifted, whatever the dates; without the hold: " + d.Reason
	return d
}
