package connect

import (
	"sort"

	"github.com/lethe-gdpr/lethe/app/store"
)

// Reconnect is how the merchant connects a system of the shop again after
// it refused the shop's credentials, as the system's platform says it:
// the core shows it (the panel's banner, the reconnect e-mail) without
// knowing the platform.
type Reconnect struct {
	System string // the system's name ("woocommerce")
	// URL starts the reconnection (Lethe's connect flow, the app in the
	// platform's admin); "" when there is no link to follow.
	URL string
	// How says what the merchant does, by language ("de", "en"): German
	// in the formal Sie.
	How map[string]string
}

// HowIn is How in lang, else in German.
func (r Reconnect) HowIn(lang string) string {
	if s := r.How[lang]; s != "" {
		return s
	}
	return r.How["de"]
}

// Reconnector says how shop's system is connected again; ok is false when
// the shop does not use it.
type Reconnector func(shop *store.Shop) (r Reconnect, ok bool)

// RegisterReconnect adds how a system is connected again.
func (r *Registry) RegisterReconnect(system string, f Reconnector) {
	if r.reconnectors == nil {
		r.reconnectors = map[string]Reconnector{}
	}
	r.reconnectors[system] = f
}

// ReconnectOf is how shop's system is connected again; ok is false when
// the system registered no way or the shop does not use it.
func (r *Registry) ReconnectOf(shop *store.Shop, system string) (Reconnect, bool) {
	f, ok := r.reconnectors[system]
	if !ok {
		return Reconnect{}, false
	}
	rc, ok := f(shop)
	rc.System = system
	return rc, ok
}

// Reconnects lists how each system the shop uses is connected again, in
// a stable order.
func (r *Registry) Reconnects(shop *store.Shop) []Reconnect {
	names := make([]string, 0, len(r.reconnectors))
	for n := range r.reconnectors {
		names = append(names, n)
	}
	sort.Strings(names)
	var out []Reconnect
	for _, n := range names {
		if rc, ok := r.ReconnectOf(shop, n); ok {
			out = append(out, rc)
		}
	}
	return out
}
