package woocommerce

import (
	"context"
	"net/url"
	"strconv"
	"strings"
)

// OrdersByCustomer lists a registered customer's orders (all statuses but
// trash).
func (c *Client) OrdersByCustomer(ctx context.Context, customerID int64) ([]Order, error) {
	return listAll[Order](ctx, c, "orders", url.Values{"customer": {strconv.FormatInt(customerID, 10)}})
}

// SearchOrders is WooCommerce's order search, which is FUZZY: a substring
// match over billing and shipping addresses (names, streets, e-mail,
// phone) and item names. Filter the result before using it.
func (c *Client) SearchOrders(ctx context.Context, text string) ([]Order, error) {
	return listAll[Order](ctx, c, "orders", url.Values{"search": {text}})
}

// GuestOrdersByEmail finds guest orders (customer_id 0) whose billing
// e-mail is exactly email: a search, then FilterByBillingEmail.
func (c *Client) GuestOrdersByEmail(ctx context.Context, email string) ([]Order, error) {
	found, err := c.SearchOrders(ctx, email)
	if err != nil {
		return nil, err
	}
	var out []Order
	for _, o := range FilterByBillingEmail(found, email) {
		if o.CustomerID == 0 {
			out = append(out, o)
		}
	}
	return out, nil
}

// FilterByBillingEmail keeps the orders whose billing e-mail is email
// (trimmed, case-insensitive, as WordPress compares e-mails); a search hit
// on another field or a longer address does not count.
func FilterByBillingEmail(orders []Order, email string) []Order {
	want := strings.TrimSpace(email)
	var out []Order
	for _, o := range orders {
		if want != "" && strings.EqualFold(strings.TrimSpace(o.Billing.Email), want) {
			out = append(out, o)
		}
	}
	return out
}

// Order reads one order (a trashed one too).
func (c *Client) Order(ctx context.Context, id int64) (Order, error) {
	var o Order
	_, err := c.get(ctx, "orders/"+strconv.FormatInt(id, 10), nil, &o)
	return o, err
}

// UpdateOrder sends PUT /orders/<id> with body. Careful: when body contains
// billing, shipping or line arrays WooCommerce recalculates the order's
// taxes from its tax location with today's rates; keep country, state and
// postcode as they are (send only the fields to change) and compare the
// totals of the answer.
func (c *Client) UpdateOrder(ctx context.Context, id int64, body any) (Order, error) {
	var o Order
	_, err := c.do(ctx, "PUT", "orders/"+strconv.FormatInt(id, 10), nil, body, &o)
	return o, err
}

// DeleteOrder moves an order to the trash, or deletes it for good with
// force.
func (c *Client) DeleteOrder(ctx context.Context, id int64, force bool) error {
	q := url.Values{}
	if force {
		q.Set("force", "true")
	}
	return deleted(c.do(ctx, "DELETE", "orders/"+strconv.FormatInt(id, 10), q, nil, nil))
}
