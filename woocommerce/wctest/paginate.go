package wctest

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

type pageArgs struct {
	page, perPage, offset int
	hasOffset             bool
}

func intParam(q url.Values, name string, def, min, max int) (int, *wpError) {
	s := q.Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, errInvalidParam(name, name+" is not of type integer.")
	}
	if n < min || (max > 0 && n > max) {
		if max > 0 {
			return 0, errInvalidParam(name, fmt.Sprintf("%s must be between %d (inclusive) and %d (inclusive)", name, min, max))
		}
		return 0, errInvalidParam(name, fmt.Sprintf("%s must be greater than or equal to %d", name, min))
	}
	return n, nil
}

func parsePage(q url.Values) (pageArgs, *wpError) {
	var p pageArgs
	var err *wpError
	if p.page, err = intParam(q, "page", 1, 1, 0); err != nil {
		return p, err
	}
	if p.perPage, err = intParam(q, "per_page", 10, 1, 100); err != nil {
		return p, err
	}
	if q.Get("offset") != "" {
		if p.offset, err = intParam(q, "offset", 0, 0, 0); err != nil {
			return p, err
		}
		p.hasOffset = true
	}
	return p, nil
}

// paginate slices items as WP_Query does (offset wins over page) and sets
// X-WP-Total, X-WP-TotalPages and Link.
func paginate[T any](w http.ResponseWriter, r *http.Request, p pageArgs, items []T) []T {
	total := len(items)
	pages := (total + p.perPage - 1) / p.perPage
	start := (p.page - 1) * p.perPage
	if p.hasOffset {
		start = p.offset
	}
	end := start + p.perPage
	if start > total {
		start = total
	}
	if end > total {
		end = total
	}
	h := w.Header()
	h.Set("X-WP-Total", strconv.Itoa(total))
	h.Set("X-WP-TotalPages", strconv.Itoa(pages))
	link := func(page int, rel string) string {
		u := *r.URL
		q := u.Query()
		q.Set("page", strconv.Itoa(page))
		for k := range q {
			if len(k) > 6 && k[:6] == "oauth_" || k == "consumer_key" || k == "consumer_secret" {
				q.Del(k)
			}
		}
		u.RawQuery = q.Encode()
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		return fmt.Sprintf("<%s://%s%s>; rel=\"%s\"", scheme, r.Host, u.RequestURI(), rel)
	}
	if p.page > 1 && !p.hasOffset {
		prev := p.page - 1
		if prev > pages {
			prev = pages
		}
		if prev >= 1 {
			h.Add("Link", link(prev, "prev"))
		}
	}
	if !p.hasOffset && p.page < pages {
		h.Add("Link", link(p.page+1, "next"))
	}
	return items[start:end]
}
