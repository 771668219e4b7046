package woocommerce

import (
	"context"
	"errors"
	"net/url"
	"strconv"
	"sync"
)

// PerPage is WooCommerce's maximum page size.
const PerPage = 100

type identified interface{ ident() int64 }

// listAll reads every page of a list: the first page tells X-WP-TotalPages,
// the others are fetched concurrently (the store's semaphore bounds them)
// and joined in order, without duplicates when items moved between pages.
func listAll[T identified](ctx context.Context, c *Client, path string, q url.Values) ([]T, error) {
	q = cloneValues(q)
	q.Set("per_page", strconv.Itoa(PerPage))
	q.Set("page", "1")
	var first []T
	h, err := c.get(ctx, path, q, &first)
	if err != nil {
		return nil, err
	}
	pages, _ := strconv.Atoi(h.Get("X-WP-TotalPages"))
	if pages <= 1 {
		return first, nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	results := make([][]T, pages)
	results[0] = first
	errs := make([]error, pages)
	var wg sync.WaitGroup
	for p := 2; p <= pages; p++ {
		wg.Add(1)
		go func(p int) {
			defer wg.Done()
			pq := cloneValues(q)
			pq.Set("page", strconv.Itoa(p))
			var items []T
			if _, err := c.get(ctx, path, pq, &items); err != nil {
				errs[p-1] = err
				cancel()
				return
			}
			results[p-1] = items
		}(p)
	}
	wg.Wait()
	var firstErr error
	for _, err := range errs {
		if err != nil && !errors.Is(err, context.Canceled) {
			return nil, err
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	if firstErr != nil {
		return nil, firstErr
	}
	seen := map[int64]bool{}
	var out []T
	for _, page := range results {
		for _, it := range page {
			if !seen[it.ident()] {
				seen[it.ident()] = true
				out = append(out, it)
			}
		}
	}
	return out, nil
}

func cloneValues(q url.Values) url.Values {
	out := url.Values{}
	for k, v := range q {
		out[k] = append([]string(nil), v...)
	}
	return out
}
