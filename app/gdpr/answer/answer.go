// Package answer is the typed model of an Art. 15 GDPR access answer, which
// the report builder fills, and Validate, which lists what a given answer
// still lacks, by article and letter.
//
// EDPB Guidelines 01/2022 allow a layered answer; this model is the whole of
// it, so every layer is reachable at once.
package answer

import "github.com/lethe-gdpr/lethe/app/gdpr"

// Answer is the answer to one access request.
type Answer struct {
	Language   string      `json:"language"`                      // "de" or "en"
	Processed  bool        `json:"processed"`                     // 15(1): confirmation; false is a valid, complete answer
	Categories []Category  `json:"categories,omitempty"`          // (a)–(d), (g) per category of data
	Rights     []RightInfo `json:"rights,omitempty"`              // (e)
	Complaint  *Complaint  `json:"complaint,omitempty"`           // (f)
	Automated  *Automated  `json:"automated_decisions,omitempty"` // (h): stated even when there are none
	Copy       *Copy       `json:"copy,omitempty"`                // 15(3)
}

// Category is one category of personal data, with what Art. 15(1) requires
// for it.
type Category struct {
	Name         string      `json:"name"`                    // (b) e.g. "order data"
	Purposes     []string    `json:"purposes"`                // (a)
	Recipients   []Recipient `json:"recipients"`              // (c)
	NoRecipients bool        `json:"no_recipients,omitempty"` // (c) stated: disclosed to nobody
	Storage      Storage     `json:"storage"`                 // (d)
	Source       Source      `json:"source"`                  // (g)
}

// Recipient is one recipient; name the specific recipient where possible
// (CJEU C-154/21), a category only where it is not.
type Recipient struct {
	Name         string `json:"name,omitempty"`
	Category     string `json:"category,omitempty"` // "payment provider", "carrier"
	Country      string `json:"country,omitempty"`  // ISO 3166 code
	ThirdCountry bool   `json:"third_country"`      // outside the EU/EEA
	Safeguards   string `json:"safeguards,omitempty"`
	// Safeguards: for a third country, the Art. 46 safeguard (standard
	// contractual clauses, …) or the adequacy decision relied on (15(2)).
}

// Storage is the storage period or the criteria for it (d).
type Storage struct {
	Until          *gdpr.Date `json:"until,omitempty"`
	Criteria       string     `json:"criteria,omitempty"`
	LegalReference string     `json:"legal_reference,omitempty"`
}

// Source says where the data came from (g).
type Source struct {
	FromDataSubject bool   `json:"from_data_subject"`
	Description     string `json:"description,omitempty"` // required where not collected from the person
}

// Complaint is the right to complain and the competent authority (f).
type Complaint struct {
	Authority Authority `json:"authority"`
	Text      string    `json:"text"`
}

// Automated is the statement on automated decisions and profiling (h).
type Automated struct {
	Exists       bool   `json:"exists"`
	Logic        string `json:"logic,omitempty"`        // meaningful information about the logic involved
	Consequences string `json:"consequences,omitempty"` // significance and envisaged consequences
}

// Copy is the copy of the data (15(3)); electronic requests get a commonly
// used electronic format.
type Copy struct {
	Format string      `json:"format"` // "json", "csv", "pdf"
	Items  []gdpr.Item `json:"items"`
}
