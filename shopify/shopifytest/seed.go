package shopifytest

import "time"

// AddCustomer seeds a customer and returns its numeric id (GID with
// GID("Customer", id)). Missing ids of addresses and metafields are assigned.
func (e *Emulator) AddCustomer(domain string, c Customer) int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	s := e.mustShop(domain)
	if c.ID == 0 {
		c.ID = e.newID()
	}
	if c.Locale == "" {
		c.Locale = "en"
	}
	if c.State == "" {
		c.State = "ENABLED"
	}
	if c.CreatedAt.IsZero() {
		c.CreatedAt = e.now().UTC()
	}
	if c.UpdatedAt.IsZero() {
		c.UpdatedAt = c.CreatedAt
	}
	c.Addresses = append([]Address(nil), c.Addresses...)
	for i := range c.Addresses {
		if c.Addresses[i].ID == 0 {
			c.Addresses[i].ID = e.newID()
		}
	}
	c.Metafields = append([]Metafield(nil), c.Metafields...)
	for i := range c.Metafields {
		m := &c.Metafields[i]
		if m.ID == 0 {
			m.ID = e.newID()
		}
		if m.Type == "" {
			m.Type = "single_line_text_field"
		}
		if m.CreatedAt.IsZero() {
			m.CreatedAt = c.CreatedAt
		}
		if m.UpdatedAt.IsZero() {
			m.UpdatedAt = m.CreatedAt
		}
	}
	if _, dup := s.customers[c.ID]; !dup {
		s.custIDs = append(s.custIDs, c.ID)
	}
	s.customers[c.ID] = &c
	return c.ID
}

// Customer returns a copy of a seeded customer as it is now (false when
// the shop has none with that id).
func (e *Emulator) Customer(domain string, id int64) (Customer, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	c := e.mustShop(domain).customers[id]
	if c == nil {
		return Customer{}, false
	}
	out := *c
	out.Addresses = append([]Address(nil), c.Addresses...)
	out.Metafields = append([]Metafield(nil), c.Metafields...)
	out.Tags = append([]string(nil), c.Tags...)
	return out, true
}

// AddOrder seeds an order and returns its numeric id (GID("Order", id)).
// CustomerID must name a seeded customer, or be 0 for a guest order.
func (e *Emulator) AddOrder(domain string, o Order) int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	s := e.mustShop(domain)
	if o.CustomerID != 0 && s.customers[o.CustomerID] == nil {
		panic("shopifytest: AddOrder for unknown customer")
	}
	if o.ID == 0 {
		o.ID = e.newID()
	}
	if o.Number == 0 {
		o.Number = s.nextOrder
	}
	if o.Number >= s.nextOrder {
		s.nextOrder = o.Number + 1
	}
	if o.Currency == "" {
		o.Currency = s.opts.Currency
	}
	if o.CreatedAt.IsZero() {
		o.CreatedAt = e.now().UTC()
	}
	if o.ProcessedAt.IsZero() {
		o.ProcessedAt = o.CreatedAt
	}
	if o.UpdatedAt.IsZero() {
		o.UpdatedAt = o.CreatedAt
	}
	if o.FinancialStatus == "" {
		o.FinancialStatus = "PAID"
	}
	if o.FulfillmentStatus == "" {
		o.FulfillmentStatus = "FULFILLED"
	}
	o.LineItems = append([]LineItem(nil), o.LineItems...)
	for i := range o.LineItems {
		if o.LineItems[i].ID == 0 {
			o.LineItems[i].ID = e.newID()
		}
		if o.LineItems[i].Quantity == 0 {
			o.LineItems[i].Quantity = 1
		}
	}
	o.Fulfillments = append([]Fulfillment(nil), o.Fulfillments...)
	for i := range o.Fulfillments {
		f := &o.Fulfillments[i]
		if f.ID == 0 {
			f.ID = e.newID()
		}
		if f.Status == "" {
			f.Status = "SUCCESS"
		}
		if f.CreatedAt.IsZero() {
			f.CreatedAt = o.ProcessedAt.Add(24 * time.Hour)
		}
	}
	o.Returns = append([]Return(nil), o.Returns...)
	for i := range o.Returns {
		if o.Returns[i].ID == 0 {
			o.Returns[i].ID = e.newID()
		}
		if o.Returns[i].Status == "" {
			o.Returns[i].Status = "CLOSED"
		}
	}
	if _, dup := s.orders[o.ID]; !dup {
		s.orderIDs = append(s.orderIDs, o.ID)
	}
	s.orders[o.ID] = &o
	return o.ID
}

func (e *Emulator) newID() int64 {
	e.nextID++
	return e.nextID
}
