package wctest

import "time"

// Billing is an order's or customer's invoice address.
type Billing struct {
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Company   string `json:"company"`
	Address1  string `json:"address_1"`
	Address2  string `json:"address_2"`
	City      string `json:"city"`
	State     string `json:"state"`
	Postcode  string `json:"postcode"`
	Country   string `json:"country"`
	Email     string `json:"email"`
	Phone     string `json:"phone"`
}

// Shipping is a delivery address (WooCommerce 5.6+ has a phone, no e-mail).
type Shipping struct {
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Company   string `json:"company"`
	Address1  string `json:"address_1"`
	Address2  string `json:"address_2"`
	City      string `json:"city"`
	State     string `json:"state"`
	Postcode  string `json:"postcode"`
	Country   string `json:"country"`
	Phone     string `json:"phone"`
}

// Meta is one meta_data entry.
type Meta struct {
	ID    int64  `json:"id"`
	Key   string `json:"key"`
	Value any    `json:"value"`
}

// Customer is a WordPress user as WooCommerce shows it. Role "customer" is
// the default; the store's administrator is a user too.
type Customer struct {
	ID               int64
	Email            string
	FirstName        string
	LastName         string
	Username         string
	Role             string
	Billing          Billing
	Shipping         Shipping
	IsPayingCustomer bool
	MetaData         []Meta
	DateCreated      time.Time
	DateModified     time.Time
}

// LineItem is an order's product line. Subtotal and Total are net amounts;
// taxes are computed by calculate_totals.
type LineItem struct {
	ID          int64
	Name        string
	ProductID   int64
	Quantity    int
	TaxClass    string // "" standard, "reduced-rate"
	SKU         string
	Subtotal    Money
	Total       Money
	SubtotalTax Money
	TotalTax    Money
	Taxes       []ItemTax
	MetaData    []Meta
}

// ItemTax is one rate's share of a line's tax.
type ItemTax struct {
	RateID   int64
	Total    Money
	Subtotal Money
}

// ShippingLine is a shipping method on an order (net total).
type ShippingLine struct {
	ID          int64
	MethodTitle string
	MethodID    string
	Total       Money
	TotalTax    Money
	Taxes       []ItemTax
}

// TaxLine is one tax rate's total on an order.
type TaxLine struct {
	ID               int64
	RateCode         string
	RateID           int64
	Label            string
	Compound         bool
	TaxTotal         Money
	ShippingTaxTotal Money
	RatePercent      float64
}

// Order is a shop_order. Totals and TaxLines are kept as calculate_totals
// left them; they change only when WooCommerce recalculates.
type Order struct {
	ID                 int64
	ParentID           int64
	Number             string
	OrderKey           string
	CreatedVia         string
	Status             string
	Currency           string
	PricesIncludeTax   bool
	CustomerID         int64
	CustomerIPAddress  string
	CustomerUserAgent  string
	CustomerNote       string
	Billing            Billing
	Shipping           Shipping
	PaymentMethod      string
	PaymentMethodTitle string
	TransactionID      string
	MetaData           []Meta
	LineItems          []LineItem
	ShippingLines      []ShippingLine
	TaxLines           []TaxLine
	DiscountTotal      Money
	DiscountTax        Money
	ShippingTotal      Money
	ShippingTax        Money
	CartTax            Money
	Total              Money
	TotalTax           Money
	DateCreated        time.Time
	DateModified       time.Time
	DatePaid           time.Time
	DateCompleted      time.Time
	// Recalculations counts calculate_totals(true) runs after creation.
	Recalculations int
}

// Note is an order note (customer notes are visible to the customer).
type Note struct {
	ID           int64
	OrderID      int64
	Author       string
	Note         string
	CustomerNote bool
	DateCreated  time.Time
}

// Review is a product review (a WordPress comment of type review).
type Review struct {
	ID            int64
	ProductID     int64
	Status        string // approved, hold, spam, trash
	Reviewer      string
	ReviewerEmail string
	Review        string
	Rating        int
	Verified      bool
	DateCreated   time.Time
}

// Product is the little of a product the emulator needs.
type Product struct {
	ID       int64
	Name     string
	Price    Money // net
	TaxClass string
	SKU      string
}

// TaxRate is one row of WooCommerce's tax rate table. Empty Country, State or
// Postcodes match everything; a postcode ending in * is a prefix.
type TaxRate struct {
	ID        int64
	Country   string
	State     string
	Postcodes []string
	Rate      float64
	Name      string
	Priority  int
	Compound  bool
	Shipping  bool
	Class     string // "" standard
}

// Settings is the store's configuration.
type Settings struct {
	Title       string
	Tagline     string
	Address1    string
	Address2    string
	City        string
	Postcode    string
	Country     string // woocommerce_default_country, "DE" or "US:CA"
	Currency    string
	Language    string // WPLANG, e.g. "de_DE"
	Timezone    string // timezone_string, e.g. "Europe/Berlin"
	TaxBasedOn  string // shipping (default), billing, base
	CalcTaxes   bool
	WCVersion   string
	EmptyTrash  int // EMPTY_TRASH_DAYS; 0 disables trashing
	AdminUserID int64
}
