// Package classify gives each item found for a person what Art. 15(1) GDPR
// asks about it: category (b), purposes (a), legal basis (Art. 6(1)),
// recipients (c), storage period or criteria (d) and source (g); and
// assembles the access answer from the entries. Pure: no I/O, no clock.
package classify

import (
	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
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
}
