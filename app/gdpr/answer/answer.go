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
	Objection  *Objection  `json:"objection,omitempty"`           // (e), Art. 21(4): stated apart from the other rights
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
	// Types is the storage period of each document type of the category,
	// one plain sentence each (d).
	Types []TypeStorage `json:"types,omitempty"`
}

// TypeStorage is how long one document type of a category is kept, and why.
type TypeStorage struct {
	RecordType string `json:"record_type"`
	Name       string `json:"name"`  // the type in the answer's language: "Rechnungen"
	Count      int    `json:"count"` // records of the type this sentence covers
	// Sentence says what is kept, for what, how long and on which basis,
	// in the answer's language, dates written out.
	Sentence string     `json:"sentence"`
	Basis    string     `json:"basis,omitempty"` // the law that requires keeping, else the Art. 6(1) ground
	First    *gdpr.Date `json:"first_until,omitempty"`
	Last     *gdpr.Date `json:"last_until,omitempty"`
	// Overdue: the retention period of these records has ended; they are
	// due for deletion (Art. 5(1)(e) GDPR), not kept on.
	Overdue bool `json:"overdue,omitempty"`
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
