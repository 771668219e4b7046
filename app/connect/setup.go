package connect

import (
	"context"
	"sort"

	"github.com/lethe-gdpr/lethe/app/store"
)

// Text is a text for the merchant in German ([0]) and English ([1]).
type Text [2]string

// Setup is something the merchant sets up in a connected system for Lethe
// to work fully — the companion plugin of a WooCommerce store: what to do,
// the values to paste there, and whether it answers now. The settings'
// connected systems show it as the system gives it; the core does not know
// what it is about.
type Setup struct {
	System string
	Title  Text
	Steps  []Text // what to do, in order
	Links  []SetupLink
	Values []SetupValue
	// Working: the system answered as set up (the plugin answered its
	// ping); Status says how (a version), Problem why not (no personal
	// data).
	Working bool
	Status  string
	Problem Text
}

// SetupLink is a link the merchant follows (a download).
type SetupLink struct {
	Label Text
	URL   string
}

// SetupValue is one value the merchant copies into the system.
type SetupValue struct {
	Label  Text
	Value  string
	Secret bool // shown masked until the merchant reveals it
}

// SetupFunc lists a shop's setup in one system (none when the shop does
// not use it). It may ask the system whether it answers; the caller bounds
// the time with ctx.
type SetupFunc func(ctx context.Context, shop *store.Shop) ([]Setup, error)

// RegisterSetup adds the setup of a system.
func (r *Registry) RegisterSetup(system string, f SetupFunc) {
	if r.setups == nil {
		r.setups = map[string]SetupFunc{}
	}
	r.setups[system] = f
}

// Setup lists the setup of every system that has one for shop, in a
// stable order. A system whose setup cannot be read is listed with the
// reason as its problem.
func (r *Registry) Setup(ctx context.Context, shop *store.Shop) []Setup {
	names := make([]string, 0, len(r.setups))
	for n := range r.setups {
		names = append(names, n)
	}
	sort.Strings(names)
	var out []Setup
	for _, n := range names {
		ss, err := r.setups[n](ctx, shop)
		if err != nil {
			out = append(out, Setup{System: n, Problem: Text{err.Error(), err.Error()}})
			continue
		}
		out = append(out, ss...)
	}
	return out
}
