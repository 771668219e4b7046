package woocommerce

import (
	"encoding/json"
	"strings"
	"time"
)

// Time is a WooCommerce *_gmt date ("2006-01-02T15:04:05", UTC, no zone);
// null or empty is the zero time.
type Time struct{ time.Time }

// UnmarshalJSON parses WooCommerce's GMT format, and RFC 3339 (the
// companion plugin's dates, plugin/PROTOCOL.md).
func (t *Time) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if s == "" || s == "null" {
		t.Time = time.Time{}
		return nil
	}
	v, err := time.ParseInLocation("2006-01-02T15:04:05", s, time.UTC)
	if err != nil {
		var err2 error
		if v, err2 = time.Parse(time.RFC3339, s); err2 != nil {
			return err
		}
		v = v.UTC()
	}
	t.Time = v
	return nil
}

// MarshalJSON writes the GMT format back.
func (t Time) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(t.UTC().Format("2006-01-02T15:04:05"))
}

// Address is a billing or shipping address (shipping has no e-mail).
type Address struct {
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Company   string `json:"company"`
	Address1  string `json:"address_1"`
	Address2  string `json:"address_2"`
	City      string `json:"city"`
	State     string `json:"state"`
	Postcode  string `json:"postcode"`
	Country   string `json:"country"`
	Email     string `json:"email,omitempty"`
	Phone     string `json:"phone"`
}

// Meta is a meta_data entry; Value is any JSON.
type Meta struct {
	ID    int64           `json:"id"`
	Key   string          `json:"key"`
	Value json.RawMessage `json:"value"`
}

// Customer is a WordPress user as /customers shows it.
type Customer struct {
	ID               int64   `json:"id"`
	DateCreated      Time    `json:"date_created_gmt"`
	DateModified     Time    `json:"date_modified_gmt"`
	Email            string  `json:"email"`
	FirstName        string  `json:"first_name"`
	LastName         string  `json:"last_name"`
	Role             string  `json:"role"`
	Username         string  `json:"username"`
	Billing          Address `json:"billing"`
	Shipping         Address `json:"shipping"`
	IsPayingCustomer bool    `json:"is_paying_customer"`
	AvatarURL        string  `json:"avatar_url"`
	MetaData         []Meta  `json:"meta_data"`
}

func (c Customer) ident() int64 { return c.ID }

// ItemTax is one rate's share of a line's tax.
type ItemTax struct {
	RateID   int64  `json:"id"`
	Total    string `json:"total"`
	Subtotal string `json:"subtotal"`
}

// LineItem is an order's product line (amounts are decimal strings, net).
type LineItem struct {
	ID          int64     `json:"id"`
	Name        string    `json:"name"`
	ProductID   int64     `json:"product_id"`
	VariationID int64     `json:"variation_id"`
	Quantity    float64   `json:"quantity"`
	TaxClass    string    `json:"tax_class"`
	Subtotal    string    `json:"subtotal"`
	SubtotalTax string    `json:"subtotal_tax"`
	Total       string    `json:"total"`
	TotalTax    string    `json:"total_tax"`
	Taxes       []ItemTax `json:"taxes"`
	SKU         string    `json:"sku"`
	MetaData    []Meta    `json:"meta_data"`
}

// TaxLine is one tax rate's total on an order.
type TaxLine struct {
	ID               int64   `json:"id"`
	RateCode         string  `json:"rate_code"`
	RateID           int64   `json:"rate_id"`
	Label            string  `json:"label"`
	Compound         bool    `json:"compound"`
	TaxTotal         string  `json:"tax_total"`
	ShippingTaxTotal string  `json:"shipping_tax_total"`
	RatePercent      float64 `json:"rate_percent"`
}

// ShippingLine is a shipping method on an order.
type ShippingLine struct {
	ID          int64     `json:"id"`
	MethodTitle string    `json:"method_title"`
	MethodID    string    `json:"method_id"`
	Total       string    `json:"total"`
	TotalTax    string    `json:"total_tax"`
	Taxes       []ItemTax `json:"taxes"`
}

// Refund is a refund summary on an order.
type Refund struct {
	ID     int64  `json:"id"`
	Reason string `json:"reason"`
	Total  string `json:"total"`
}

// Order is a shop order. CustomerID is 0 for guest orders.
// CustomerIPAddress and CustomerUserAgent are read-only over REST.
type Order struct {
	ID                 int64             `json:"id"`
	ParentID           int64             `json:"parent_id"`
	Number             string            `json:"number"`
	OrderKey           string            `json:"order_key"`
	CreatedVia         string            `json:"created_via"`
	Status             string            `json:"status"`
	Currency           string            `json:"currency"`
	DateCreated        Time              `json:"date_created_gmt"`
	DateModified       Time              `json:"date_modified_gmt"`
	DatePaid           Time              `json:"date_paid_gmt"`
	DateCompleted      Time              `json:"date_completed_gmt"`
	DiscountTotal      string            `json:"discount_total"`
	DiscountTax        string            `json:"discount_tax"`
	ShippingTotal      string            `json:"shipping_total"`
	ShippingTax        string            `json:"shipping_tax"`
	CartTax            string            `json:"cart_tax"`
	Total              string            `json:"total"`
	TotalTax           string            `json:"total_tax"`
	PricesIncludeTax   bool              `json:"prices_include_tax"`
	CustomerID         int64             `json:"customer_id"`
	CustomerIPAddress  string            `json:"customer_ip_address"`
	CustomerUserAgent  string            `json:"customer_user_agent"`
	CustomerNote       string            `json:"customer_note"`
	Billing            Address           `json:"billing"`
	Shipping           Address           `json:"shipping"`
	PaymentMethod      string            `json:"payment_method"`
	PaymentMethodTitle string            `json:"payment_method_title"`
	TransactionID      string            `json:"transaction_id"`
	MetaData           []Meta            `json:"meta_data"`
	LineItems          []LineItem        `json:"line_items"`
	TaxLines           []TaxLine         `json:"tax_lines"`
	ShippingLines      []ShippingLine    `json:"shipping_lines"`
	FeeLines           []json.RawMessage `json:"fee_lines"`
	CouponLines        []json.RawMessage `json:"coupon_lines"`
	Refunds            []Refund          `json:"refunds"`
}

func (o Order) ident() int64 { return o.ID }

// Note is an order note; CustomerNote notes were sent to the customer.
type Note struct {
	ID           int64  `json:"id"`
	Author       string `json:"author"`
	DateCreated  Time   `json:"date_created_gmt"`
	Note         string `json:"note"`
	CustomerNote bool   `json:"customer_note"`
}

// Review is a product review.
type Review struct {
	ID            int64  `json:"id"`
	DateCreated   Time   `json:"date_created_gmt"`
	ProductID     int64  `json:"product_id"`
	ProductName   string `json:"product_name"`
	Status        string `json:"status"`
	Reviewer      string `json:"reviewer"`
	ReviewerEmail string `json:"reviewer_email"`
	Review        string `json:"review"`
	Rating        int    `json:"rating"`
	Verified      bool   `json:"verified"`
}

func (r Review) ident() int64 { return r.ID }

// Settings is what /settings/general and /wp-json/ and /system_status say
// about the store.
type Settings struct {
	Name      string // blog name
	Tagline   string
	Home      string
	Address1  string
	Address2  string
	City      string
	Postcode  string
	Country   string // ISO 3166-1, from woocommerce_default_country "DE" or "US:CA"
	State     string // the part after the colon, if any
	Currency  string
	CalcTaxes bool
	Timezone  string  // timezone_string, may be empty when only an offset is set
	GMTOffset float64 // hours
	Language  string  // WordPress locale, e.g. de_DE ("" when system_status is not readable)
	WCVersion string
}
