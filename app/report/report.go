package report

import (
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
)

// CopyFormat is the format of the copy: report.json and the CSV files of
// report.zip.
const CopyFormat = "json+csv"

// Schema identifies version 1 of report.json. A change that removes or
// renames a field, or changes its meaning, needs a new version.
const Schema = "https://lethe.example/schema/report/v1"

// Languages a report is written in; every report carries both.
var Languages = []string{"de", "en"}

// Report is the complete answer to one access request, serialised as
// report.json. SCHEMA.md documents every field.
type Report struct {
	Schema      string               `json:"schema"`
	GeneratedAt time.Time            `json:"generated_at"`
	Controller  Controller           `json:"controller"`
	Request     RequestInfo          `json:"request"`
	Processed   bool                 `json:"processed"`
	Answers     map[string]Statement `json:"answers"`
	Copy        Copy                 `json:"copy"`

	// ShopID is the shop the report belongs to; not part of report.json.
	ShopID int64 `json:"-"`
}

// Controller is the shop as the controller answering the request
// (Art. 4(7), 13(1)(a) GDPR): its legal name, postal address (the country
// as an ISO code; each statement writes it out), e-mail, website and the
// data-protection officer where one is appointed.
type Controller struct {
	Name    string  `json:"name"`
	Email   string  `json:"email"`
	Website string  `json:"website"`
	Address Address `json:"address"`
	DPO     *DPO    `json:"dpo"`
}

// DPO is the data-protection officer's contact.
type DPO struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	Phone string `json:"phone"`
}

// Address is the controller's postal address.
type Address struct {
	Company  string `json:"company"`
	Street   string `json:"street"`
	Street2  string `json:"street2"`
	Postcode string `json:"postcode"`
	City     string `json:"city"`
	Region   string `json:"region"`
	Country  string `json:"country"`
}

// RequestInfo identifies the request the report answers.
type RequestInfo struct {
	ID            int64      `json:"id"`
	Type          string     `json:"type"`
	Source        string     `json:"source"`
	Locale        string     `json:"locale"`
	ReceivedAt    time.Time  `json:"received_at"`
	TimeZone      string     `json:"time_zone"`
	DueOn         *gdpr.Date `json:"due_on"`
	ExtendedDueOn *gdpr.Date `json:"extended_due_on"`
}

// Statement is the Art. 15 information in one language.
type Statement struct {
	Language string `json:"language"`
	// Controller is who answers, as this language writes it: the postal
	// address as printed, the country written out.
	Controller ControllerText `json:"controller"`
	Categories []Category     `json:"categories"`
	Rights     []Right        `json:"rights"`
	Objection  *Objection     `json:"objection"`
	Complaint  *Complaint     `json:"complaint"`
	Automated  *Automated     `json:"automated_decisions"`
}

// ControllerText is the controller as one language writes it.
type ControllerText struct {
	Name    string   `json:"name"`
	Address []string `json:"address"` // lines: street, postcode and city, country
	Email   string   `json:"email"`
	Website string   `json:"website"`
	DPO     *DPO     `json:"dpo"`
}

// Objection is the right to object (Art. 21 GDPR), stated apart from the
// other rights (Art. 21(4)): to direct marketing, and to processing based
// on legitimate interests.
type Objection struct {
	Marketing        string   `json:"marketing"`
	Interests        string   `json:"interests"`
	InterestPurposes []string `json:"interest_purposes"`
}

// Category is one category of personal data (Art. 15(1)(b)) with its
// purposes (a), recipients (c, 15(2)), storage period (d) and source (g).
type Category struct {
	Name         string      `json:"name"`
	Purposes     []string    `json:"purposes"`
	Recipients   []Recipient `json:"recipients"`
	NoRecipients bool        `json:"no_recipients"`
	Storage      Storage     `json:"storage"`
	Source       Source      `json:"source"`
	// Types is the storage period of each document type, one plain
	// sentence each (Art. 15(1)(d)).
	Types []TypeStorage `json:"types"`
}

// TypeStorage is how long one document type is kept, and why.
type TypeStorage struct {
	RecordType string     `json:"record_type"`
	Name       string     `json:"name"`
	Count      int        `json:"count"`
	Sentence   string     `json:"sentence"`
	Basis      string     `json:"basis"`
	FirstUntil *gdpr.Date `json:"first_until"`
	LastUntil  *gdpr.Date `json:"last_until"`
	Overdue    bool       `json:"overdue"`
}

// Recipient is one recipient or category of recipients.
type Recipient struct {
	Name         string `json:"name"`
	Category     string `json:"category"`
	Country      string `json:"country"`
	ThirdCountry bool   `json:"third_country"`
	Safeguards   string `json:"safeguards"`
}

// Storage is the storage period or the criteria for it, with its legal
// reference.
type Storage struct {
	Until          *gdpr.Date `json:"until"`
	Criteria       string     `json:"criteria"`
	LegalReference string     `json:"legal_reference"`
}

// Source says where the data came from.
type Source struct {
	FromDataSubject bool   `json:"from_data_subject"`
	Description     string `json:"description"`
}

// Right is one of the rights Art. 15(1)(e) names.
type Right struct {
	Right   string `json:"right"`
	Article string `json:"article"`
	Text    string `json:"text"`
}

// Complaint is the right to complain and the competent authority (f).
type Complaint struct {
	Text      string    `json:"text"`
	Authority Authority `json:"authority"`
}

// Authority is a data protection supervisory authority.
type Authority struct {
	Key      string `json:"key"`
	Name     string `json:"name"`
	Seat     string `json:"seat"`
	Note     string `json:"note"`
	Street   string `json:"street"`
	Postcode string `json:"postcode"`
	City     string `json:"city"`
	Country  string `json:"country"`
	Website  string `json:"website"`
}

// Address is the authority's postal address on one line ("" when unknown).
func (a Authority) Address() string { return answer.Authority(a).Address() }

// Automated is the statement on automated decisions and profiling (h).
type Automated struct {
	Exists       bool   `json:"exists"`
	Logic        string `json:"logic"`
	Consequences string `json:"consequences"`
}

// Copy is the copy of the data (Art. 15(3)).
type Copy struct {
	Format string `json:"format"`
	Items  []Item `json:"items"`
}

// Item is one record found about the person, with its classification.
type Item struct {
	Category     string      `json:"category"`
	System       string      `json:"system"`
	RecordType   string      `json:"record_type"`
	RecordID     string      `json:"record_id"`
	Date         *gdpr.Date  `json:"date"`
	Delivered    *gdpr.Date  `json:"delivered"`
	Invoiced     *gdpr.Date  `json:"invoiced"`
	ConsentEnded *gdpr.Date  `json:"consent_ended"`
	Purposes     []string    `json:"purposes"`
	LegalBasis   string      `json:"legal_basis"`
	Recipients   []Recipient `json:"recipients"`
	Source       Source      `json:"source"`
	Storage      Storage     `json:"storage"`
	// OverdueSince is the first day the record should have been deleted:
	// its retention period has ended (Art. 5(1)(e) GDPR); null while it
	// runs.
	OverdueSince *gdpr.Date `json:"overdue_since"`
	// Texts are the storage criterion, the source and the legal basis in
	// each language (Storage.Criteria, Source.Description and LegalBasis
	// are as the classification wrote them).
	Texts  map[string]ItemText `json:"texts"`
	Fields map[string]any      `json:"fields"`
}

// ItemText is an item's storage criterion, source and legal basis in one
// language.
type ItemText struct {
	Storage    string `json:"storage"`
	Source     string `json:"source"`
	LegalBasis string `json:"legal_basis"`
}

// Statement returns the statement in lang, falling back to the other
// language when lang is not one of the report's.
func (r *Report) Statement(lang string) (Statement, string) {
	if s, ok := r.Answers[lang]; ok {
		return s, lang
	}
	for _, l := range Languages {
		if s, ok := r.Answers[l]; ok {
			return s, l
		}
	}
	return Statement{}, ""
}
