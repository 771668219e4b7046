package gdpr

// RecordType classifies an Item for the retention rules ("invoice",
// "customer_account", …). The vocabulary and the rules live in package
// retention (retention.Invoice etc.); the type lives here so Item can carry
// it without an import cycle.
type RecordType string

// Item is one piece of personal data a connector found for a person: a
// record in one system, with the dates the retention rules count from.
//
// Fields holds the record's data by field name. Connectors use the field
// names of the retention rules' keep lists (retention.Rule.KeepFields) for
// the data a retention duty covers, so the plan can tell what to keep.
type Item struct {
	System       string         `json:"system"`                  // "shopify", "woocommerce", "lethe", …
	RecordType   RecordType     `json:"record_type"`             // retention.Invoice, …
	RecordID     string         `json:"record_id"`               // the record's id in System
	Fields       map[string]any `json:"fields,omitempty"`        // field name → value
	Date         Date           `json:"date"`                    // document date (issue/sent/created/last entry)
	Delivered    *Date          `json:"delivered,omitempty"`     // delivery date of the goods (warranty)
	Invoiced     *Date          `json:"invoiced,omitempty"`      // date the invoice was issued (delivery notes)
	ConsentEnded *Date          `json:"consent_ended,omitempty"` // date consent ended (consent proof)
	Open         bool           `json:"open,omitempty"`          // contract still being performed: unpaid, unshipped, open return
	LegalHold    bool           `json:"legal_hold,omitempty"`    // open tax audit or litigation: never purge
	HoldReason   string         `json:"hold_reason,omitempty"`   // why the hold was set (no personal data)
	// Disclosed are the recipients the record itself names: the payment
	// method an order was paid with, the carrier that shipped it. The
	// answer names them per record (CJEU C-154/21: the actual recipients).
	Disclosed []Disclosure `json:"disclosed,omitempty"`
}

// Disclosure is one recipient a record names, as the system records it.
type Disclosure struct {
	Kind string `json:"kind"` // DisclosedPayment or DisclosedCarrier
	Name string `json:"name"` // the payment method or gateway ("paypal", "Vorkasse"), the carrier ("DHL")
}

// Kinds of Disclosure.
const (
	DisclosedPayment = "payment"
	DisclosedCarrier = "carrier"
)
