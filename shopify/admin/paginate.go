package admin

import (
	"context"
	"errors"
	"iter"
)

// PageInfo is a connection's pageInfo.
type PageInfo struct {
	HasNextPage bool   `json:"hasNextPage"`
	EndCursor   string `json:"endCursor"`
}

// Page is one page of a connection queried with nodes and pageInfo.
type Page[T any] struct {
	Nodes    []T      `json:"nodes"`
	PageInfo PageInfo `json:"pageInfo"`
}

// Paginate yields every node of a cursor-paginated connection. fetch gets
// the cursor to continue after ("" for the first page). Iteration stops at
// the first error, which is yielded with the zero T.
func Paginate[T any](ctx context.Context, fetch func(ctx context.Context, after string) (Page[T], error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		after := ""
		for {
			var zero T
			if err := ctx.Err(); err != nil {
				yield(zero, err)
				return
			}
			page, err := fetch(ctx, after)
			if err != nil {
				yield(zero, err)
				return
			}
			for _, n := range page.Nodes {
				if !yield(n, nil) {
					return
				}
			}
			if !page.PageInfo.HasNextPage {
				return
			}
			if page.PageInfo.EndCursor == "" || page.PageInfo.EndCursor == after {
				yield(zero, errors.New("shopify admin: pagination did not advance (hasNextPage without a new endCursor)"))
				return
			}
			after = page.PageInfo.EndCursor
		}
	}
}

// Collect drains a sequence into a slice, stopping at the first error.
func Collect[T any](seq iter.Seq2[T, error]) ([]T, error) {
	var out []T
	for v, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}

// cursorVar is nil for the first page, so $after is null.
func cursorVar(after string) any {
	if after == "" {
		return nil
	}
	return after
}
