// Package classify gives each item found for a person what Art. 15(1) GDPR
// asks about it: category (b), purposes (a), legal basis (Art. 6(1)),
// recipients (c), storage period or criteria (d) and source (g); and
// assembles the access answer from the entries. Pure: no I/O, no clock.
package classify

import (
	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
)

// Entry is one item with its classification.
type Entry struct {
	Item       gdpr.Item          `json:"item"`
	Category   string             `json:"category"`    // a category key, e.g. "customer_account", "orders", "invoices"
	Purposes   []string           `json:"purposes"`    // purpose keys, e.g. "contract", "tax_retention"
	LegalBasis string             `json:"legal_basis"` // e.g. "Art. 6(1)(b) GDPR"
	Recipients []answer.Recipient `json:"recipients"`
	Source     answer.Source      `json:"source"`
	Storage    answer.Storage     `json:"storage"`
	// The keys the English texts of Source and Storage were written from,
	// so the answer (and a report) can write them in the customer's
	// language: SourceText(SourceKey, lang), CriterionText(Criterion, lang).
	SourceKey string    `json:"source_key,omitempty"`
	Criterion Criterion `json:"criterion"`
	// OverdueSince is the first day the record should have been deleted:
	// its retention period (or the period its purpose needs) has ended.
	// Such a record is overdue for deletion (Art. 5(1)(e) GDPR), not
	// "kept until you ask".
	OverdueSince *gdpr.Date `json:"overdue_since,omitempty"`
}

// Criterion is the rule a storage period follows, as a key and its
// parameters.
type Criterion struct {
	// Key: document_year, document_year_undated, delivery,
	// delivery_unknown, consent_end, until_invoice (a duty runs);
	// account, unsubscribe, erasure, withdrawal (published content),
	// with_order (internal order notes), derived (analytics records) (no
	// duty); technical (kept Days days
	// from the order for fraud prevention and security); contract (order
	// still being performed); legal_hold; ended (the duty ended on Ended).
	Key    string           `json:"key"`
	Period retention.Period `json:"period,omitzero"`
	Days   int              `json:"days,omitempty"`
	Ended  *gdpr.Date       `json:"ended,omitempty"`
}
