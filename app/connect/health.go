package connect

import (
	"context"
	"sort"

	"github.com/lethe-gdpr/lethe/app/store"
)

// Health is one system connected for a shop and whether Lethe can reach it
// now: Err is why not (no personal data), nil when it can.
type Health struct {
	System string
	Err    error
}

// Health lists every registered system the shop uses, in a stable order,
// each with whether its connector can be built (a shop that must
// re-authenticate, an uninstalled app). Unlike For, one failing system does
// not hide the others. Nothing is read from the systems.
func (r *Registry) Health(ctx context.Context, shop *store.Shop) []Health {
	names := make([]string, 0, len(r.factories))
	for n := range r.factories {
		names = append(names, n)
	}
	sort.Strings(names)
	var out []Health
	for _, n := range names {
		if _, ok, err := r.factories[n](ctx, shop); ok || err != nil {
			out = append(out, Health{System: n, Err: err})
		}
	}
	return out
}
