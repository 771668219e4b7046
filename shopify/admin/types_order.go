package admin

import "time"

// Attribute is an order's custom attribute.
type Attribute struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// TaxLine is a tax charged; Rate is a fraction (0.19).
type TaxLine struct {
	Title string   `json:"title"`
	Rate  float64  `json:"rate"`
	Price MoneyBag `json:"priceSet"`
}

// LineItem is a line of an order.
type LineItem struct {
	ID                string    `json:"id"`
	Title             string    `json:"title"`
	Quantity          int       `json:"quantity"`
	SKU               string    `json:"sku"`
	OriginalUnitPrice MoneyBag  `json:"originalUnitPriceSet"`
	TaxLines          []TaxLine `json:"taxLines"`
}

// TrackingInfo is a shipment's carrier and tracking number.
type TrackingInfo struct {
	Company string `json:"company"`
	Number  string `json:"number"`
}

// Return is a return of goods.
type Return struct {
	Status string `json:"status"`
}

// ResourceRef is a reference to another resource by id.
type ResourceRef struct {
	ID string `json:"id"`
}

// Order is an order with everything a data-subject answer needs; LineItems
// holds every line item (all pages).
type Order struct {
	ID                       string      `json:"id"`
	Name                     string      `json:"name"`
	CreatedAt                time.Time   `json:"createdAt"`
	ProcessedAt              time.Time   `json:"processedAt"`
	ClosedAt                 time.Time   `json:"closedAt"`
	CancelledAt              time.Time   `json:"cancelledAt"`
	UpdatedAt                time.Time   `json:"updatedAt"`
	Email                    string      `json:"email"`
	Phone                    string      `json:"phone"`
	ClientIP                 string      `json:"clientIp"`
	CustomerLocale           string      `json:"customerLocale"`
	Note                     string      `json:"note"`
	Tags                     []string    `json:"tags"`
	CurrencyCode             string      `json:"currencyCode"`
	PaymentGatewayNames      []string    `json:"paymentGatewayNames"`
	DisplayFinancialStatus   string      `json:"displayFinancialStatus"`
	DisplayFulfillmentStatus string      `json:"displayFulfillmentStatus"`
	CustomAttributes         []Attribute `json:"customAttributes"`
	BillingAddress           *Address    `json:"billingAddress"`
	ShippingAddress          *Address    `json:"shippingAddress"`
	SubtotalPrice            MoneyBag    `json:"subtotalPriceSet"`
	TotalTax                 MoneyBag    `json:"totalTaxSet"`
	TotalPrice               MoneyBag    `json:"totalPriceSet"`
	TotalShippingPrice       MoneyBag    `json:"totalShippingPriceSet"`
	TaxLines                 []TaxLine   `json:"taxLines"`
	LineItems                []LineItem  `json:"-"`
	Returns                  []Return    `json:"-"`
}
