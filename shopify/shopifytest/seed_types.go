package shopifytest

import "time"

// Customer is a seeded customer. Zero IDs are assigned by AddCustomer.
// Amounts are decimal strings in the shop's currency ("19.99").
type Customer struct {
	ID             int64
	FirstName      string
	LastName       string
	Email          string
	Phone          string // E.164, e.g. "+4930123456"
	Locale         string // default "en"
	State          string // CustomerState; default "ENABLED"
	Note           string
	Tags           []string
	VerifiedEmail  bool
	TaxExempt      bool
	DataSaleOptOut bool
	CreatedAt      time.Time
	UpdatedAt      time.Time
	// Addresses: the first one is the default address.
	Addresses      []Address
	EmailMarketing Consent
	SMSMarketing   Consent
	Metafields     []Metafield
}

// Consent is a marketing consent. State is a CustomerEmailMarketingState /
// CustomerMarketingConsentState value ("SUBSCRIBED", "NOT_SUBSCRIBED" …);
// OptInLevel a CustomerMarketingOptInLevel ("SINGLE_OPT_IN" …).
type Consent struct {
	State      string
	OptInLevel string
	UpdatedAt  time.Time
}

// Address is a mailing address.
type Address struct {
	ID           int64
	FirstName    string
	LastName     string
	Company      string
	Address1     string
	Address2     string
	City         string
	Province     string
	ProvinceCode string
	Country      string
	CountryCode  string // ISO 3166-1 alpha-2
	Zip          string
	Phone        string
}

// Metafield is a customer metafield.
type Metafield struct {
	ID        int64
	Namespace string
	Key       string
	Type      string // e.g. "single_line_text_field"
	Value     string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Order is a seeded order. CustomerID 0 makes a guest order.
type Order struct {
	ID                int64
	Number            int // order name is "#<Number>"; assigned from 1001 when 0
	CustomerID        int64
	Email             string
	Phone             string
	ClientIP          string
	CustomerLocale    string
	Note              string
	Tags              []string
	Currency          string // default: the shop's currency
	CreatedAt         time.Time
	ProcessedAt       time.Time // default CreatedAt
	UpdatedAt         time.Time // default CreatedAt
	ClosedAt          time.Time // zero: open
	CancelledAt       time.Time // zero: not cancelled
	BillingAddress    *Address
	ShippingAddress   *Address
	CustomAttributes  []Attribute
	FinancialStatus   string // OrderDisplayFinancialStatus; default "PAID"
	FulfillmentStatus string // OrderDisplayFulfillmentStatus; default "FULFILLED"
	PaymentGateways   []string
	LineItems         []LineItem
	// TaxLines of the whole order; when empty, the line items' tax lines.
	TaxLines      []TaxLine
	ShippingPrice string
	Fulfillments  []Fulfillment
	Returns       []Return
}

// Attribute is an order's custom attribute (note attribute).
type Attribute struct {
	Key   string
	Value string
}

// LineItem is a line of an order.
type LineItem struct {
	ID        int64
	Title     string
	Quantity  int
	SKU       string
	UnitPrice string
	TaxLines  []TaxLine
}

// TaxLine is a tax charged; Rate is a fraction (0.19).
type TaxLine struct {
	Title string
	Rate  float64
	Price string
}

// Fulfillment is a shipment of an order.
type Fulfillment struct {
	ID              int64
	Status          string // FulfillmentStatus; default "SUCCESS"
	CreatedAt       time.Time
	TrackingCompany string
	TrackingNumber  string
}

// Return is a return of an order.
type Return struct {
	ID     int64
	Status string // ReturnStatus; default "CLOSED"
}
