package wctest

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
)

var orderStatuses = []string{"pending", "processing", "on-hold", "completed", "cancelled", "refunded", "failed", "trash"}

func errOrderID() *wpError {
	return &wpError{Status: 404, Code: "woocommerce_rest_shop_order_invalid_id", Message: "Invalid ID."}
}

// searchIndex is what wc_order_search looks in: the billing and shipping
// address indexes (all fields joined by spaces), the billing e-mail and last
// name, and the names of the order's items.
func searchIndex(o *Order) string {
	b, s := o.Billing, o.Shipping
	parts := []string{b.FirstName, b.LastName, b.Company, b.Address1, b.Address2, b.City, b.State, b.Postcode, b.Country, b.Email, b.Phone,
		"\x00", s.FirstName, s.LastName, s.Company, s.Address1, s.Address2, s.City, s.State, s.Postcode, s.Country, s.Phone}
	for _, li := range o.LineItems {
		parts = append(parts, "\x00", li.Name)
	}
	return strings.ToLower(strings.Join(parts, " "))
}

// listOrders is GET orders: status any (all but trash) by default,
// customer=<id>, search=<text> (a LIKE %text% over searchIndex, so
// "anna@example.de" also finds "johanna@example.de.vu"), include, newest
// first.
func (e *Emulator) listOrders(c *call) (int, any, *wpError) {
	p, err := parsePage(c.q)
	if err != nil {
		return 0, nil, err
	}
	statuses := map[string]bool{}
	if s := c.q.Get("status"); s != "" && s != "any" {
		for _, st := range strings.Split(s, ",") {
			ok := false
			for _, v := range orderStatuses {
				ok = ok || v == st
			}
			if !ok {
				return 0, nil, errInvalidParam("status", "status["+strconv.Itoa(len(statuses))+"] is not one of any, "+strings.Join(orderStatuses, ", ")+".")
			}
			statuses[st] = true
		}
	}
	customer := int64(-1)
	if s := c.q.Get("customer"); s != "" {
		n, perr := strconv.ParseInt(s, 10, 64)
		if perr != nil {
			return 0, nil, errInvalidParam("customer", "customer is not of type integer.")
		}
		customer = n
	}
	include := map[int64]bool{}
	if s := c.q.Get("include"); s != "" {
		for _, v := range strings.Split(s, ",") {
			n, _ := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			include[n] = true
		}
	}
	term := strings.ToLower(strings.TrimSpace(c.q.Get("search")))
	var list []*Order
	for _, o := range e.orders {
		if len(statuses) == 0 && o.Status == "trash" || len(statuses) > 0 && !statuses[o.Status] {
			continue
		}
		if customer >= 0 && o.CustomerID != customer {
			continue
		}
		if len(include) > 0 && !include[o.ID] {
			continue
		}
		if term != "" && !strings.Contains(searchIndex(o), term) && strconv.FormatInt(o.ID, 10) != term {
			continue
		}
		list = append(list, o)
	}
	asc := c.q.Get("order") == "asc"
	sort.Slice(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if !a.DateCreated.Equal(b.DateCreated) {
			return a.DateCreated.Before(b.DateCreated) == asc
		}
		return (a.ID < b.ID) == asc
	})
	out := []map[string]any{}
	for _, o := range paginate(c.w, c.r, p, list) {
		out = append(out, e.orderJSON(o))
	}
	return http.StatusOK, out, nil
}

func (e *Emulator) getOrder(c *call) (int, any, *wpError) {
	o := e.orders[c.ids[0]]
	if o == nil {
		return 0, nil, errOrderID()
	}
	return http.StatusOK, e.orderJSON(o), nil
}

// deleteOrder is DELETE orders/<id>: to the trash without force (410 when
// already there), gone for good with force=true, with its notes.
func (e *Emulator) deleteOrder(c *call) (int, any, *wpError) {
	o := e.orders[c.ids[0]]
	if o == nil {
		return 0, nil, errOrderID()
	}
	if c.force() {
		prev := e.orderJSON(o)
		delete(e.orders, o.ID)
		for id, n := range e.notes {
			if n.OrderID == o.ID {
				delete(e.notes, id)
			}
		}
		e.effect("delete order %d", o.ID)
		return http.StatusOK, prev, nil
	}
	if e.settings.EmptyTrash <= 0 {
		return 0, nil, &wpError{Status: 501, Code: "woocommerce_rest_trash_not_supported",
			Message: "The shop_order does not support trashing."}
	}
	if o.Status == "trash" {
		return 0, nil, &wpError{Status: 410, Code: "woocommerce_rest_already_trashed", Message: "The shop_order has already been deleted."}
	}
	o.Status = "trash"
	o.DateModified = e.now().UTC()
	e.effect("trash order %d", o.ID)
	return http.StatusOK, e.orderJSON(o), nil
}
