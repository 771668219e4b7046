package wctest

import (
	"strconv"
	"time"
)

// AddCustomer seeds a WordPress user (role customer unless set) and returns
// its id.
func (e *Emulator) AddCustomer(c Customer) int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	if c.ID == 0 {
		c.ID = e.newID()
	}
	if c.Role == "" {
		c.Role = "customer"
	}
	if c.Username == "" {
		c.Username = c.Email
	}
	if c.DateCreated.IsZero() {
		c.DateCreated = e.now().UTC()
	}
	if c.DateModified.IsZero() {
		c.DateModified = c.DateCreated
	}
	c.MetaData = e.withMetaIDs(c.MetaData)
	e.customers[c.ID] = &c
	return c.ID
}

func (e *Emulator) withMetaIDs(ms []Meta) []Meta {
	ms = append([]Meta(nil), ms...)
	for i := range ms {
		if ms[i].ID == 0 {
			ms[i].ID = e.newID()
		}
	}
	return ms
}

// AddProduct seeds a product and returns its id.
func (e *Emulator) AddProduct(p Product) int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	if p.ID == 0 {
		p.ID = e.newID()
	}
	e.products[p.ID] = &p
	return p.ID
}

// AddOrder seeds an order as checkout creates it: ids assigned, taxes and
// totals computed with the current rate table. Line items need Name,
// Quantity and Total (net); Subtotal defaults to Total.
func (e *Emulator) AddOrder(o Order) int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	if o.ID == 0 {
		o.ID = e.newID()
	}
	if o.Number == "" {
		o.Number = strconv.FormatInt(o.ID, 10)
	}
	if o.OrderKey == "" {
		o.OrderKey = "wc_order_" + randHex(7)
	}
	if o.Status == "" {
		o.Status = "completed"
	}
	if o.Currency == "" {
		o.Currency = e.settings.Currency
	}
	if o.CreatedVia == "" {
		o.CreatedVia = "checkout"
	}
	if o.DateCreated.IsZero() {
		o.DateCreated = e.now().UTC()
	}
	if o.DateModified.IsZero() {
		o.DateModified = o.DateCreated
	}
	if o.DatePaid.IsZero() && o.Status != "pending" && o.Status != "failed" {
		o.DatePaid = o.DateCreated.Add(time.Minute)
	}
	if o.DateCompleted.IsZero() && o.Status == "completed" {
		o.DateCompleted = o.DateCreated.Add(48 * time.Hour)
	}
	o.LineItems = append([]LineItem(nil), o.LineItems...)
	for i := range o.LineItems {
		li := &o.LineItems[i]
		if li.ID == 0 {
			li.ID = e.newID()
		}
		if li.Quantity == 0 {
			li.Quantity = 1
		}
		if li.Subtotal == 0 {
			li.Subtotal = li.Total
		}
		li.MetaData = e.withMetaIDs(li.MetaData)
	}
	o.ShippingLines = append([]ShippingLine(nil), o.ShippingLines...)
	for i := range o.ShippingLines {
		if o.ShippingLines[i].ID == 0 {
			o.ShippingLines[i].ID = e.newID()
		}
	}
	o.MetaData = e.withMetaIDs(o.MetaData)
	o.TaxLines = nil
	e.calculateTotals(&o)
	o.Recalculations = 0
	e.orders[o.ID] = &o
	return o.ID
}

// AddNote seeds an order note and returns its id.
func (e *Emulator) AddNote(n Note) int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	if n.ID == 0 {
		n.ID = e.newID()
	}
	if n.Author == "" {
		n.Author = "WooCommerce"
	}
	if n.DateCreated.IsZero() {
		n.DateCreated = e.now().UTC()
	}
	e.notes[n.ID] = &n
	return n.ID
}

// AddReview seeds a product review (approved unless set) and returns its id.
func (e *Emulator) AddReview(r Review) int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	if r.ID == 0 {
		r.ID = e.newID()
	}
	if r.Status == "" {
		r.Status = "approved"
	}
	if r.DateCreated.IsZero() {
		r.DateCreated = e.now().UTC()
	}
	e.reviews[r.ID] = &r
	return r.ID
}

// Order returns a copy of an order as it is now.
func (e *Emulator) Order(id int64) (Order, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	o := e.orders[id]
	if o == nil {
		return Order{}, false
	}
	c := *o
	c.LineItems = append([]LineItem(nil), o.LineItems...)
	c.TaxLines = append([]TaxLine(nil), o.TaxLines...)
	c.ShippingLines = append([]ShippingLine(nil), o.ShippingLines...)
	c.MetaData = append([]Meta(nil), o.MetaData...)
	return c, true
}

// Customer returns a copy of a user as it is now.
func (e *Emulator) Customer(id int64) (Customer, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	c := e.customers[id]
	if c == nil {
		return Customer{}, false
	}
	return *c, true
}

// Notes returns copies of an order's notes, newest first.
func (e *Emulator) Notes(orderID int64) []Note {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []Note
	for _, n := range e.orderNotes(orderID) {
		out = append(out, *n)
	}
	return out
}

// Review returns a copy of a review.
func (e *Emulator) Review(id int64) (Review, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	r := e.reviews[id]
	if r == nil {
		return Review{}, false
	}
	return *r, true
}
