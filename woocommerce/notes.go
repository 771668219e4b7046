package woocommerce

import (
	"context"
	"net/url"
	"strconv"
)

// OrderNotes lists all notes of an order (the route is not paginated).
func (c *Client) OrderNotes(ctx context.Context, orderID int64) ([]Note, error) {
	var ns []Note
	_, err := c.get(ctx, "orders/"+strconv.FormatInt(orderID, 10)+"/notes", url.Values{"type": {"any"}}, &ns)
	return ns, err
}

// DeleteOrderNote deletes a note for good (force=true: notes have no trash).
func (c *Client) DeleteOrderNote(ctx context.Context, orderID, noteID int64) error {
	return deleted(c.do(ctx, "DELETE", "orders/"+strconv.FormatInt(orderID, 10)+"/notes/"+strconv.FormatInt(noteID, 10),
		url.Values{"force": {"true"}}, nil, nil))
}

// AddOrderNote adds a private note. It is a POST and is not retried once
// it may have reached the store.
func (c *Client) AddOrderNote(ctx context.Context, orderID int64, text string) (Note, error) {
	var n Note
	_, err := c.do(ctx, "POST", "orders/"+strconv.FormatInt(orderID, 10)+"/notes", nil,
		map[string]any{"note": text, "customer_note": false}, &n)
	return n, err
}
