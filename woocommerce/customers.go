package woocommerce

import (
	"context"
	"net/url"
	"strconv"
)

// CustomersByEmail finds WordPress users by e-mail (an exact match) of any
// role: role=all, since /customers lists only the role customer by default
// and a shop's staff can be data subjects too.
func (c *Client) CustomersByEmail(ctx context.Context, email string) ([]Customer, error) {
	return listAll[Customer](ctx, c, "customers", url.Values{"email": {email}, "role": {"all"}})
}

// Customer reads one customer.
func (c *Client) Customer(ctx context.Context, id int64) (Customer, error) {
	var cu Customer
	_, err := c.get(ctx, "customers/"+strconv.FormatInt(id, 10), nil, &cu)
	return cu, err
}

// UpdateCustomer sends PUT /customers/<id> with body (fields to change;
// billing and shipping are merged field by field).
func (c *Client) UpdateCustomer(ctx context.Context, id int64, body any) (Customer, error) {
	var cu Customer
	_, err := c.do(ctx, "PUT", "customers/"+strconv.FormatInt(id, 10), nil, body, &cu)
	return cu, err
}

// DeleteCustomer deletes a user for good (force=true; WooCommerce answers
// 501 without it), reassigning their posts to reassign when it is not 0.
// Their orders keep their personal data and get customer_id 0.
func (c *Client) DeleteCustomer(ctx context.Context, id, reassign int64) error {
	q := url.Values{"force": {"true"}}
	if reassign != 0 {
		q.Set("reassign", strconv.FormatInt(reassign, 10))
	}
	return deleted(c.do(ctx, "DELETE", "customers/"+strconv.FormatInt(id, 10), q, nil, nil))
}

// deleted treats a DELETE whose earlier attempt succeeded as done.
func deleted(_ any, err error) error {
	if err == errDeletedBefore {
		return nil
	}
	return err
}

// Administrators lists the store's WordPress administrators (the key's
// owner among them: wc-auth keys belong to the approving administrator).
func (c *Client) Administrators(ctx context.Context) ([]Customer, error) {
	return listAll[Customer](ctx, c, "customers", url.Values{"role": {"administrator"}})
}
