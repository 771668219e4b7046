package shopifytest

import (
	"encoding/base64"
	"fmt"
	"slices"
)

// MaxPageSize is the largest first/last Shopify accepts.
const MaxPageSize = 250

// cursorFor is the opaque cursor of an item: base64 JSON like Shopify's.
func cursorFor(id int64) string {
	return base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, `{"last_id":%d}`, id))
}

// connection pages items (already in sort order) by first/after or
// last/before (and reverse) and returns a Relay connection object with
// edges, nodes and pageInfo. node builds the object of one item; only the
// page's items are built.
func connection[T any](items []T, args map[string]any, idOf func(T) int64, node func(T) map[string]any) (map[string]any, error) {
	if boolArg(args, "reverse") {
		items = slices.Clone(items)
		slices.Reverse(items)
	}
	first, hasFirst := intArg(args, "first")
	last, hasLast := intArg(args, "last")
	if !hasFirst && !hasLast {
		return nil, codedError{code: "BAD_REQUEST", msg: "you must provide one of first or last"}
	}
	start, end := 0, len(items)
	if after := stringArg(args, "after"); after != "" {
		i := slices.IndexFunc(items, func(t T) bool { return cursorFor(idOf(t)) == after })
		if i < 0 {
			return nil, codedError{code: "BAD_REQUEST", msg: "Invalid cursor for current pagination sort."}
		}
		start = i + 1
	}
	if before := stringArg(args, "before"); before != "" {
		i := slices.IndexFunc(items, func(t T) bool { return cursorFor(idOf(t)) == before })
		if i < 0 {
			return nil, codedError{code: "BAD_REQUEST", msg: "Invalid cursor for current pagination sort."}
		}
		end = i
	}
	if end < start {
		end = start
	}
	if hasFirst && end-start > first {
		end = start + first
	}
	if hasLast && end-start > last {
		start = end - last
	}
	page := items[start:end]
	edges := make([]any, 0, len(page))
	nodes := make([]any, 0, len(page))
	for _, it := range page {
		n := node(it)
		edges = append(edges, map[string]any{"cursor": cursorFor(idOf(it)), "node": n})
		nodes = append(nodes, n)
	}
	info := map[string]any{
		"hasNextPage":     end < len(items),
		"hasPreviousPage": start > 0,
		"startCursor":     nil,
		"endCursor":       nil,
	}
	if len(page) > 0 {
		info["startCursor"] = cursorFor(idOf(page[0]))
		info["endCursor"] = cursorFor(idOf(page[len(page)-1]))
	}
	return map[string]any{"edges": edges, "nodes": nodes, "pageInfo": info}, nil
}
