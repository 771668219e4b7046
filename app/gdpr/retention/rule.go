package retention

import (
	"fmt"

	"github.com/lethe-gdpr/lethe/app/gdpr"
)

// Action is what an erasure request does to a record.
type Action string

const (
	ActionErase  Action = "erase"  // erase now: no duty, or the duty has ended
	ActionRetain Action = "retain" // keep restricted (Art. 18(2) GDPR) until RetainUntil, then purge
	ActionDefer  Action = "defer"  // contract still being performed (Art. 6(1)(b) GDPR): decide later
)

// StartEvent is what a retention period counts from.
type StartEvent string

const (
	StartEndOfDocumentYear StartEvent = "end_of_document_year" // 31 Dec of the year of Item.Date
	StartDeliveryDate      StartEvent = "delivery_date"        // Item.Delivered
	StartEndOfConsentYear  StartEvent = "end_of_consent_year"  // 31 Dec of the year of Item.ConsentEnded
	StartUntilInvoice      StartEvent = "until_invoice"        // kept until Item.Invoiced, no period
	StartNone              StartEvent = "none"                 // no retention
)

// Basis says whether a rule is law or Lethe's policy.
type Basis string

const (
	BasisLaw    Basis = "law"    // a statutory duty or statutory limitation period
	BasisPolicy Basis = "policy" // a policy choice, not law
	BasisNone   Basis = "none"   // no ground to keep the data
)

// Period is a retention period. No German or Austrian duty the rules encode
// is stated in days, so a period has years and months only.
type Period struct {
	Years  int `json:"years,omitempty"`
	Months int `json:"months,omitempty"`
}

// months returns the period's length in months, for comparison.
func (p Period) months() int { return p.Years*12 + p.Months }

// IsZero reports a rule without a period.
func (p Period) IsZero() bool { return p.months() == 0 }

// AddTo ends the period started at d (same date, or the month's last day).
func (p Period) AddTo(d gdpr.Date) gdpr.Date { return d.AddMonths(p.months()) }

// String returns "8 years", "2 years 3 months" or "none".
func (p Period) String() string {
	switch {
	case p.IsZero():
		return "none"
	case p.Months == 0:
		return plural(p.Years, "year")
	case p.Years == 0:
		return plural(p.Months, "month")
	}
	return plural(p.Years, "year") + " " + plural(p.Months, "month")
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

// Transition is an earlier period that still applies when evaluating as of a
// day before Effective, and to documents whose earlier period had already
// expired by then.
type Transition struct {
	Effective gdpr.Date `json:"effective"` // the day the current Period took effect
	Before    Period    `json:"before"`    // the period until then
}

// Rule is the retention rule for one record type in one country.
type Rule struct {
	Country        string      `json:"country"` // set by the rule set: DE or AT
	RecordType     RecordType  `json:"record_type"`
	Title          string      `json:"title"`           // German term (English)
	Action         Action      `json:"action"`          // while the period runs: retain; no duty: erase; open order: defer
	Period         Period      `json:"period"`          // zero for erase, defer and until_invoice rules
	Start          StartEvent  `json:"start"`           // what the period counts from
	Basis          Basis       `json:"basis"`           // law or policy
	LegalReference string      `json:"legal_reference"` // sections of the law, and any transition
	KeepFields     []string    `json:"keep_fields"`     // fields the duty allows to keep; all others are erased
	Note           string      `json:"note,omitempty"`  // for the lawyer reviewing the set
	Transition     *Transition `json:"transition,omitempty"`
	Override       *Override   `json:"override,omitempty"` // the merchant's lengthening, if any (see ApplyOverride)
}
