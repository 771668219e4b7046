package shopify

import (
	"strings"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/shopify/admin"
)

// own records o as one of the customer's own orders.
func (d *discovery) own(o *admin.DiscoveryOrder) {
	if o == nil {
		return
	}
	if d.owned == nil {
		d.owned = map[string]bool{}
	}
	d.owned[o.ID] = true
}

// identity compares the request's identifiers with what Shopify holds
// (issue 12: an answer goes only to a contact the shop holds): the
// customer found by id or phone must have the request's e-mail address,
// and every order the request names must be that customer's or placed
// with that address. The contact is the customer record's e-mail address,
// else that of a named order. A request without an e-mail address has
// nothing to compare.
func (d *discovery) identity() connect.Identity {
	var id connect.Identity
	add := func(field string) { id = id.Merge(connect.Identity{Mismatch: []string{field}}) }
	if d.customer != nil {
		id.Contact = strings.TrimSpace(d.customer.Email())
	}
	email := strings.TrimSpace(d.subject.Email)
	if email == "" {
		return id
	}
	same := func(a string) bool { return strings.EqualFold(strings.TrimSpace(a), email) }
	customerIsSubject := d.customer == nil || same(d.customer.Email())
	if !customerIsSubject {
		switch d.foundBy {
		case "id":
			add(requests.MismatchCustomerID)
		case "phone":
			add(requests.MismatchPhone)
		}
	}
	for _, raw := range d.subject.OrderIDs {
		gid, ok := gidOf("Order", raw)
		if !ok {
			continue
		}
		if d.owned[gid] {
			if !customerIsSubject {
				add(requests.MismatchOrderIDs)
			}
			continue
		}
		o := d.order(gid)
		if o == nil || same(o.Email) {
			continue // not found (nothing to disclose), or placed with the address
		}
		add(requests.MismatchOrderIDs)
		if id.Contact == "" {
			id.Contact = strings.TrimSpace(o.Email)
		}
	}
	return id
}

// order is the order read with GID gid, nil when none was.
func (d *discovery) order(gid string) *admin.DiscoveryOrder {
	for _, o := range d.orders {
		if o.ID == gid {
			return o
		}
	}
	return nil
}
