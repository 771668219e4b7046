package shopify

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/shopify/admin"
)

// discovery is one run of Discover: what it found so far.
type discovery struct {
	client   *admin.Client
	subject  connect.Subject
	customer *admin.Customer
	orders   []*admin.DiscoveryOrder // oldest first by the order they were found
	seen     map[string]bool         // order GIDs read
	foundBy  string                  // how the customer was found: "id", "email" or "phone"
	owned    map[string]bool         // GIDs of the customer's own orders
	reported int                     // orders read at the last progress report
}

// run finds the customer, then every order: the customer's (one paged
// query returning whole orders), the guest orders placed with the
// person's e-mail addresses, and the orders Shopify named.
func (d *discovery) run(ctx context.Context) error {
	if err := d.findCustomer(ctx); err != nil {
		return err
	}
	if d.customer != nil {
		for o, err := range d.client.CustomerOrdersFull(ctx, d.customer.ID) {
			if err != nil {
				return stepErr(fmt.Sprintf("reading the customer's orders (after %d orders)", len(d.orders)), err)
			}
			d.add(o)
			d.own(o)
			d.progress(ctx, false)
		}
	}
	for _, email := range d.emails() {
		if err := d.guestOrders(ctx, email); err != nil {
			return err
		}
	}
	for _, raw := range d.subject.OrderIDs {
		id, ok := gidOf("Order", raw)
		if !ok || d.seen[id] {
			continue
		}
		if err := d.readOrder(ctx, id, "reading an order named in the request"); err != nil {
			return err
		}
	}
	d.progress(ctx, true)
	return nil
}

// progress reports the orders read so far (connect.ReportProgress), once
// per page of orders (admin.DiscoveryPageSize) and once at the end, with
// the customer's number of orders as the total when there is a customer.
func (d *discovery) progress(ctx context.Context, last bool) {
	n := len(d.orders)
	if n == d.reported || !last && n-d.reported < admin.DiscoveryPageSize {
		return
	}
	d.reported = n
	total := 0
	if d.customer != nil {
		total = int(d.customer.NumberOfOrders)
	}
	connect.ReportProgress(ctx, n, total)
}

func (d *discovery) add(o *admin.DiscoveryOrder) {
	if o == nil || d.seen[o.ID] {
		return
	}
	d.seen[o.ID] = true
	d.orders = append(d.orders, o)
}

// readOrder reads one order fully; an order Shopify no longer has is
// skipped (it was deleted: there is nothing to report).
func (d *discovery) readOrder(ctx context.Context, id, step string) error {
	o, err := d.client.OrderFull(ctx, id)
	if errors.Is(err, admin.ErrNotFound) {
		return nil
	}
	if err != nil {
		return stepErr(step, err)
	}
	d.add(o)
	return nil
}

// guestOrders finds the orders placed with email that were not read with
// the customer. Without a customer every match is new, so whole orders are
// paged; with one, most matches are the customer's own orders, so only
// their ids are listed (one point each) and the rest read one by one.
func (d *discovery) guestOrders(ctx context.Context, email string) error {
	q := admin.SearchTerm("email", email)
	if d.customer == nil {
		for o, err := range d.client.SearchOrdersFull(ctx, q) {
			if err != nil {
				return stepErr("searching orders by e-mail", err)
			}
			d.add(o)
			d.progress(ctx, false)
		}
		return nil
	}
	var missing []string
	for id, err := range d.client.SearchOrderIDs(ctx, q) {
		if err != nil {
			return stepErr("searching orders by e-mail", err)
		}
		if !d.seen[id] {
			missing = append(missing, id)
		}
	}
	for _, id := range missing {
		if err := d.readOrder(ctx, id, "reading an order found by e-mail"); err != nil {
			return err
		}
		d.progress(ctx, false)
	}
	return nil
}

// emails are the addresses guest orders are searched by: the subject's
// and the customer's, once each.
func (d *discovery) emails() []string {
	var out []string
	add := func(e string) {
		e = strings.TrimSpace(e)
		if e == "" {
			return
		}
		for _, have := range out {
			if strings.EqualFold(have, e) {
				return
			}
		}
		out = append(out, e)
	}
	add(d.subject.Email)
	if d.customer != nil {
		add(d.customer.Email())
	}
	return out
}

// findCustomer looks the person up by customer id, else e-mail, else
// phone. Several customers with the phone number are not guessed between:
// an access answer must not disclose another person's data.
func (d *discovery) findCustomer(ctx context.Context) error {
	if id, ok := gidOf("Customer", d.subject.CustomerID); ok {
		c, err := d.client.Customer(ctx, id)
		switch {
		case err == nil:
			d.customer, d.foundBy = c, "id"
			return nil
		case !errors.Is(err, admin.ErrNotFound):
			return stepErr("reading the customer", err)
		}
	}
	if email := strings.TrimSpace(d.subject.Email); email != "" {
		matches, err := admin.Collect(d.client.CustomersByEmail(ctx, email))
		if err != nil {
			return stepErr("searching customers by e-mail", err)
		}
		for _, m := range matches {
			if strings.EqualFold(strings.TrimSpace(m.Email), email) {
				return d.readCustomer(ctx, m.ID, "email")
			}
		}
	}
	if phone := strings.TrimSpace(d.subject.Phone); phone != "" {
		matches, err := admin.Collect(d.client.CustomersByPhone(ctx, phone))
		if err != nil {
			return stepErr("searching customers by phone", err)
		}
		if len(matches) == 1 {
			return d.readCustomer(ctx, matches[0].ID, "phone")
		}
	}
	return nil
}

func (d *discovery) readCustomer(ctx context.Context, id, by string) error {
	c, err := d.client.Customer(ctx, id)
	if errors.Is(err, admin.ErrNotFound) {
		return nil // deleted between search and read
	}
	if err != nil {
		return stepErr("reading the customer", err)
	}
	d.customer, d.foundBy = c, by
	return nil
}

var numericID = regexp.MustCompile(`^[0-9]+$`)

// gidOf accepts a GID of kind or a numeric id (as the compliance webhooks
// send them) and returns the GID; anything else is not sent to Shopify.
func gidOf(kind, raw string) (string, bool) {
	raw = strings.TrimSpace(raw)
	prefix := "gid://shopify/" + kind + "/"
	switch {
	case numericID.MatchString(raw):
		return prefix + raw, true
	case strings.HasPrefix(raw, prefix) && numericID.MatchString(strings.TrimPrefix(raw, prefix)):
		return raw, true
	}
	return "", false
}
