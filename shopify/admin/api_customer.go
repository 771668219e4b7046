package admin

import (
	"context"
	"iter"
)

// Page sizes, chosen so each document stays far below the 1000-point limit.
const (
	customersPageSize = 100 // customers_search: 2 + 100 × 3
	subPageSize       = 50  // addresses, metafields, line items
)

type customerJSON struct {
	Customer
	AddressesV2 Page[Address]   `json:"addressesV2"`
	MetafieldsC Page[Metafield] `json:"metafields"`
}

// Customer reads a customer's profile by GID with every address and
// metafield (following their pages). A missing customer is ErrNotFound.
func (c *Client) Customer(ctx context.Context, id string) (*Customer, error) {
	var out struct {
		Customer *customerJSON `json:"customer"`
	}
	if err := c.Do(ctx, QueryCustomer, map[string]any{"id": id}, &out); err != nil {
		return nil, err
	}
	if out.Customer == nil {
		return nil, ErrNotFound
	}
	cust := out.Customer.Customer
	var err error
	if cust.Addresses, err = restOfPages(ctx, c, out.Customer.AddressesV2, QueryCustomerAddresses, "customer", id, "addressesV2"); err != nil {
		return nil, err
	}
	if cust.Metafields, err = restOfPages(ctx, c, out.Customer.MetafieldsC, QueryCustomerMetafields, "customer", id, "metafields"); err != nil {
		return nil, err
	}
	return &cust, nil
}

// SearchCustomers yields the customers matching a Shopify search query.
func (c *Client) SearchCustomers(ctx context.Context, query string) iter.Seq2[CustomerSummary, error] {
	return func(yield func(CustomerSummary, error) bool) {
		pages := Paginate(ctx, func(ctx context.Context, after string) (Page[customerSummaryJSON], error) {
			var out struct {
				Customers struct {
					PageInfo PageInfo `json:"pageInfo"`
					Edges    []struct {
						Node customerSummaryJSON `json:"node"`
					} `json:"edges"`
				} `json:"customers"`
			}
			vars := map[string]any{"query": query, "first": customersPageSize, "after": cursorVar(after)}
			if err := c.Do(ctx, QueryCustomersSearch, vars, &out); err != nil {
				return Page[customerSummaryJSON]{}, err
			}
			p := Page[customerSummaryJSON]{PageInfo: out.Customers.PageInfo}
			for _, e := range out.Customers.Edges {
				p.Nodes = append(p.Nodes, e.Node)
			}
			return p, nil
		})
		for j, err := range pages {
			if !yield(j.summary(), err) || err != nil {
				return
			}
		}
	}
}

// CustomersByEmail yields the customers with this e-mail address.
func (c *Client) CustomersByEmail(ctx context.Context, email string) iter.Seq2[CustomerSummary, error] {
	return c.SearchCustomers(ctx, SearchTerm("email", email))
}

// CustomersByPhone yields the customers with this phone number.
func (c *Client) CustomersByPhone(ctx context.Context, phone string) iter.Seq2[CustomerSummary, error] {
	return c.SearchCustomers(ctx, SearchTerm("phone", phone))
}
