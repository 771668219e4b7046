package shopifytest

// Payloads of the compliance webhooks and app/uninstalled, in the shapes
// Shopify sends (reference: shared/reference/shopify.md).

// WebhookCustomer is the customer object of compliance webhooks; Email or
// Phone may be empty (then omitted).
type WebhookCustomer struct {
	ID    int64  `json:"id"`
	Email string `json:"email,omitempty"`
	Phone string `json:"phone,omitempty"`
}

// DataRequestPayload is the body of customers/data_request.
type DataRequestPayload struct {
	ShopID          int64           `json:"shop_id"`
	ShopDomain      string          `json:"shop_domain"`
	OrdersRequested []int64         `json:"orders_requested"`
	Customer        WebhookCustomer `json:"customer"`
	DataRequest     struct {
		ID int64 `json:"id"`
	} `json:"data_request"`
}

// CustomersRedactPayload is the body of customers/redact.
type CustomersRedactPayload struct {
	ShopID         int64           `json:"shop_id"`
	ShopDomain     string          `json:"shop_domain"`
	Customer       WebhookCustomer `json:"customer"`
	OrdersToRedact []int64         `json:"orders_to_redact"`
}

// ShopRedactPayload is the body of shop/redact.
type ShopRedactPayload struct {
	ShopID     int64  `json:"shop_id"`
	ShopDomain string `json:"shop_domain"`
}

// AppUninstalledPayload is the body of app/uninstalled: the shop resource.
type AppUninstalledPayload struct {
	ID                  int64  `json:"id"`
	Name                string `json:"name"`
	Email               string `json:"email"`
	Domain              string `json:"domain"`
	MyshopifyDomain     string `json:"myshopify_domain"`
	Country             string `json:"country"`
	CountryCode         string `json:"country_code"`
	Currency            string `json:"currency"`
	IanaTimezone        string `json:"iana_timezone"`
	PlanName            string `json:"plan_name"`
	PlanDisplayName     string `json:"plan_display_name"`
	CustomerEmail       string `json:"customer_email"`
	ProvinceCode        string `json:"province_code"`
	CreatedAt           string `json:"created_at"`
	HasStorefront       bool   `json:"has_storefront"`
	PasswordEnabled     bool   `json:"password_enabled"`
	CheckoutAPISupports bool   `json:"checkout_api_supported"`
}

func nonNilIDs(ids []int64) []int64 {
	if ids == nil {
		return []int64{}
	}
	return ids
}

// DataRequest builds a customers/data_request payload.
func DataRequest(shopID int64, shopDomain string, customer WebhookCustomer, orders []int64, requestID int64) DataRequestPayload {
	p := DataRequestPayload{ShopID: shopID, ShopDomain: shopDomain, OrdersRequested: nonNilIDs(orders), Customer: customer}
	p.DataRequest.ID = requestID
	return p
}

// CustomersRedact builds a customers/redact payload.
func CustomersRedact(shopID int64, shopDomain string, customer WebhookCustomer, orders []int64) CustomersRedactPayload {
	return CustomersRedactPayload{ShopID: shopID, ShopDomain: shopDomain, Customer: customer, OrdersToRedact: nonNilIDs(orders)}
}

// ShopRedact builds a shop/redact payload.
func ShopRedact(shopID int64, shopDomain string) ShopRedactPayload {
	return ShopRedactPayload{ShopID: shopID, ShopDomain: shopDomain}
}

// AppUninstalled builds an app/uninstalled payload for a seeded shop.
func (e *Emulator) AppUninstalled(domain string) AppUninstalledPayload {
	e.mu.Lock()
	defer e.mu.Unlock()
	s := e.mustShop(domain)
	return AppUninstalledPayload{
		ID: s.id, Name: s.opts.Name, Email: s.opts.Email, Domain: s.domain, MyshopifyDomain: s.domain,
		Country: s.opts.Country, CountryCode: s.opts.Country, Currency: s.opts.Currency,
		IanaTimezone: s.opts.Timezone, PlanName: "basic", PlanDisplayName: "Basic",
		CustomerEmail: s.opts.Email, ProvinceCode: s.opts.Province,
		CreatedAt: "2021-03-01T10:00:00+01:00", HasStorefront: true, CheckoutAPISupports: true,
	}
}

// ShopUpdate builds a shop/update payload for a seeded shop: Shopify sends
// the same shop resource as for app/uninstalled, with the shop's details
// as they are now (see UpdateShop).
func (e *Emulator) ShopUpdate(domain string) AppUninstalledPayload { return e.AppUninstalled(domain) }

// CustomerWebhook returns the webhook customer object of a seeded customer
// and the ids of its orders, for building compliance payloads.
func (e *Emulator) CustomerWebhook(domain string, customerID int64) (WebhookCustomer, []int64) {
	e.mu.Lock()
	defer e.mu.Unlock()
	s := e.mustShop(domain)
	c := s.customers[customerID]
	if c == nil {
		panic("shopifytest: unknown customer")
	}
	var orders []int64
	for _, id := range s.orderIDs {
		if s.orders[id].CustomerID == customerID {
			orders = append(orders, id)
		}
	}
	return WebhookCustomer{ID: c.ID, Email: c.Email, Phone: c.Phone}, orders
}
