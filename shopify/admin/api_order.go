package admin

import (
	"context"
	"iter"
)

type orderJSON struct {
	Order
	LineItemsC Page[LineItem] `json:"lineItems"`
	ReturnsC   struct {
		Nodes []Return `json:"nodes"`
	} `json:"returns"`
}

// Order reads an order by GID with every line item (following their
// pages). A missing order is ErrNotFound.
func (c *Client) Order(ctx context.Context, id string) (*Order, error) {
	var out struct {
		Order *orderJSON `json:"order"`
	}
	if err := c.Do(ctx, QueryOrder, map[string]any{"id": id}, &out); err != nil {
		return nil, err
	}
	if out.Order == nil {
		return nil, ErrNotFound
	}
	o := out.Order.Order
	o.Returns = out.Order.ReturnsC.Nodes
	var err error
	if o.LineItems, err = restOfPages(ctx, c, out.Order.LineItemsC, QueryOrderLineItems, "order", id, "lineItems"); err != nil {
		return nil, err
	}
	return &o, nil
}

// SearchOrders yields the orders matching a Shopify search query, oldest
// first.
func (c *Client) SearchOrders(ctx context.Context, query string) iter.Seq2[OrderSummary, error] {
	return Paginate(ctx, func(ctx context.Context, after string) (Page[OrderSummary], error) {
		var out struct {
			Orders Page[OrderSummary] `json:"orders"`
		}
		vars := map[string]any{"query": query, "first": ordersPageSize, "after": cursorVar(after)}
		if err := c.Do(ctx, QueryOrdersSearch, vars, &out); err != nil {
			return Page[OrderSummary]{}, err
		}
		return out.Orders, nil
	})
}

// OrdersByEmail yields the orders placed with an e-mail address, guest
// orders included.
func (c *Client) OrdersByEmail(ctx context.Context, email string) iter.Seq2[OrderSummary, error] {
	return c.SearchOrders(ctx, SearchTerm("email", email))
}
