package retention

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Override errors.
var (
	ErrOverrideShorter    = errors.New("override shorter than the legal minimum")
	ErrOverrideNoPeriod   = errors.New("override of a rule without a retention period")
	ErrOverrideIncomplete = errors.New("override incomplete")
	ErrOverrideMismatch   = errors.New("override for another record type")
)

// Override is a merchant's instruction to keep a record type longer than
// the rule says (typically their tax adviser's). It can only lengthen, and
// it is recorded with who gave it, why and when.
type Override struct {
	RecordType RecordType `json:"record_type"`
	Period     Period     `json:"period"`
	By         string     `json:"by"`     // who: the merchant user or adviser (no e-mail)
	Reason     string     `json:"reason"` // why, in their words
	At         time.Time  `json:"at"`     // when it was recorded
}

// ApplyOverride returns rule with o recorded on it. It rejects an override
// that is shorter than the rule's period (the legal minimum, or the policy
// period), one for a rule without a period (there is no duty a merchant can
// lengthen: keeping data without one would breach Art. 17(1) GDPR), and one
// without who, why and when. Of two overrides the longer one stays.
func ApplyOverride(rule Rule, o Override) (Rule, error) {
	switch {
	case o.RecordType != rule.RecordType:
		return rule, fmt.Errorf("%w: override for %s given to the %s rule", ErrOverrideMismatch, o.RecordType, rule.RecordType)
	case strings.TrimSpace(o.By) == "" || strings.TrimSpace(o.Reason) == "" || o.At.IsZero():
		return rule, fmt.Errorf("%w: an override of %s needs who (by), why (reason) and when (at)", ErrOverrideIncomplete, rule.RecordType)
	case rule.Period.IsZero():
		return rule, fmt.Errorf("%w: %s has no retention period to lengthen (%s)", ErrOverrideNoPeriod, rule.RecordType, rule.LegalReference)
	case o.Period.months() < rule.Period.months():
		return rule, fmt.Errorf("%w: %s for %s is shorter than %s (%s); overrides can only lengthen",
			ErrOverrideShorter, o.Period, rule.RecordType, rule.Period, rule.LegalReference)
	}
	if rule.Override == nil || o.Period.months() > rule.Override.Period.months() {
		rule.Override = &o
	}
	return rule, nil
}

// describe is the override's part of a legal reference.
func (o Override) describe() string {
	return fmt.Sprintf("period lengthened to %s by %s on %s: %s", o.Period, o.By, o.At.UTC().Format(time.DateOnly), o.Reason)
}
