package admin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
)

// restOfPages returns a first page's nodes followed by those of the further
// pages of connection field below root(id), read with doc (which takes $id,
// $first and $after).
func restOfPages[T any](ctx context.Context, c *Client, first Page[T], doc, root, id, field string) ([]T, error) {
	items := append([]T(nil), first.Nodes...)
	info := first.PageInfo
	for info.HasNextPage {
		after := info.EndCursor
		if after == "" {
			return items, errors.New("shopify admin: pagination did not advance (hasNextPage without endCursor)")
		}
		var out map[string]map[string]json.RawMessage
		vars := map[string]any{"id": id, "first": subPageSize, "after": after}
		if err := c.Do(ctx, doc, vars, &out); err != nil {
			return items, err
		}
		obj := out[root]
		if obj == nil {
			return items, ErrNotFound
		}
		var p Page[T]
		if err := json.Unmarshal(obj[field], &p); err != nil {
			return items, fmt.Errorf("shopify admin: decode %s: %w", field, err)
		}
		items = append(items, p.Nodes...)
		if p.PageInfo.HasNextPage && p.PageInfo.EndCursor == after {
			return items, errors.New("shopify admin: pagination did not advance")
		}
		info = p.PageInfo
	}
	return items, nil
}
