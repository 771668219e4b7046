package admin

import (
	"context"
	"iter"
)

// The discovery documents (issue 5).
var (
	QueryDiscoveryCustomerOrders = mustQuery("discovery_customer_orders")
	QueryDiscoveryOrdersSearch   = mustQuery("discovery_orders_search")
	QueryDiscoveryOrder          = mustQuery("discovery_order")
	QueryDiscoveryOrderIDs       = mustQuery("discovery_order_ids")
)

// Page sizes of discovery. A DiscoveryOrder node requests 26 + 6 ×
// DiscoveryLineItems points (Shopify's cost rules: objects 1, connections
// 2 + first × node), so a page requests 3 + 17 × 56 = 955 points, under the
// 1000-point limit of a single query; the actual cost is what the orders
// really hold (about 33 points for an order with two line items). Line
// items beyond the first DiscoveryLineItems follow with order_line_items.
const (
	DiscoveryPageSize  = 17
	DiscoveryLineItems = 5
	discoveryIDsPage   = 250 // ids only: 2 + 250 × 1 points
)

// CustomerOrdersFull yields every order of a customer with its details,
// oldest first, DiscoveryPageSize a request. A missing customer is
// ErrNotFound.
func (c *Client) CustomerOrdersFull(ctx context.Context, customerID string) iter.Seq2[*DiscoveryOrder, error] {
	return c.discoveryPages(ctx, func(ctx context.Context, after string) (Page[discoveryOrderJSON], error) {
		var out struct {
			Customer *struct {
				Orders Page[discoveryOrderJSON] `json:"orders"`
			} `json:"customer"`
		}
		vars := map[string]any{"id": customerID, "first": DiscoveryPageSize, "after": cursorVar(after), "lineItemsFirst": DiscoveryLineItems}
		if err := c.Do(ctx, QueryDiscoveryCustomerOrders, vars, &out); err != nil {
			return Page[discoveryOrderJSON]{}, err
		}
		if out.Customer == nil {
			return Page[discoveryOrderJSON]{}, ErrNotFound
		}
		return out.Customer.Orders, nil
	})
}

// SearchOrdersFull yields the orders matching a Shopify search query with
// their details, oldest first.
func (c *Client) SearchOrdersFull(ctx context.Context, query string) iter.Seq2[*DiscoveryOrder, error] {
	return c.discoveryPages(ctx, func(ctx context.Context, after string) (Page[discoveryOrderJSON], error) {
		var out struct {
			Orders Page[discoveryOrderJSON] `json:"orders"`
		}
		vars := map[string]any{"query": query, "first": DiscoveryPageSize, "after": cursorVar(after), "lineItemsFirst": DiscoveryLineItems}
		if err := c.Do(ctx, QueryDiscoveryOrdersSearch, vars, &out); err != nil {
			return Page[discoveryOrderJSON]{}, err
		}
		return out.Orders, nil
	})
}

// OrderFull reads one order with its details. A missing order is
// ErrNotFound.
func (c *Client) OrderFull(ctx context.Context, id string) (*DiscoveryOrder, error) {
	var out struct {
		Order *discoveryOrderJSON `json:"order"`
	}
	if err := c.Do(ctx, QueryDiscoveryOrder, map[string]any{"id": id, "lineItemsFirst": DiscoveryLineItems}, &out); err != nil {
		return nil, err
	}
	if out.Order == nil {
		return nil, ErrNotFound
	}
	return c.completeOrder(ctx, out.Order)
}

// SearchOrderIDs yields the ids of the orders matching a Shopify search
// query, oldest first, 250 a request at one point each.
func (c *Client) SearchOrderIDs(ctx context.Context, query string) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		pages := Paginate(ctx, func(ctx context.Context, after string) (Page[ResourceRef], error) {
			var out struct {
				Orders Page[ResourceRef] `json:"orders"`
			}
			vars := map[string]any{"query": query, "first": discoveryIDsPage, "after": cursorVar(after)}
			if err := c.Do(ctx, QueryDiscoveryOrderIDs, vars, &out); err != nil {
				return Page[ResourceRef]{}, err
			}
			return out.Orders, nil
		})
		for ref, err := range pages {
			if !yield(ref.ID, err) || err != nil {
				return
			}
		}
	}
}

// discoveryPages pages fetch and completes each order (line items beyond
// the first page).
func (c *Client) discoveryPages(ctx context.Context, fetch func(context.Context, string) (Page[discoveryOrderJSON], error)) iter.Seq2[*DiscoveryOrder, error] {
	return func(yield func(*DiscoveryOrder, error) bool) {
		for j, err := range Paginate(ctx, fetch) {
			if err != nil {
				yield(nil, err)
				return
			}
			o, err := c.completeOrder(ctx, &j)
			if !yield(o, err) || err != nil {
				return
			}
		}
	}
}

func (c *Client) completeOrder(ctx context.Context, j *discoveryOrderJSON) (*DiscoveryOrder, error) {
	o := &DiscoveryOrder{Order: j.Order, Fulfillments: j.Fulfillments}
	o.Returns = j.ReturnsC.Nodes
	var err error
	if o.LineItems, err = restOfPages(ctx, c, j.LineItemsC, QueryOrderLineItems, "order", o.ID, "lineItems"); err != nil {
		return nil, err
	}
	return o, nil
}
