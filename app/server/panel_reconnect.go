package server

import (
	"github.com/lethe-gdpr/lethe/app/store"
)

// A shop whose platform refuses its credentials (needs_reauth) shows a
// banner on every panel page: the requests wait until it is connected
// again, and how to reconnect as the platform says it (connect.Reconnect:
// WooCommerce's connect flow, the app in the Shopify admin). A request
// that waits says so on its page and in the inbox (store.WaitReconnect).

// reconnectView is the frame's banner of a shop that must reconnect.
type reconnectView struct {
	System string // the system that refuses, by name ("woocommerce")
	How    string // what to do, in the page's language, from the platform
	URL    string // where the reconnection starts; "" without a link
}

// reconnectBanner is the banner of sh in l, nil while its platform accepts
// its credentials.
func (p *Panel) reconnectBanner(sh *store.Shop, l lang) *reconnectView {
	if sh == nil || sh.Status != store.ShopNeedsReauth {
		return nil
	}
	v := &reconnectView{System: sh.Platform}
	if p.cfg.Connectors != nil {
		if rc, ok := p.cfg.Connectors.ReconnectOf(sh, sh.Platform); ok {
			v.How, v.URL = rc.HowIn(l.Code()), rc.URL
		}
	}
	return v
}

// waitText says in l what a request waits for (its wait reason): "Wartet,
// bis WooCommerce wieder verbunden ist"; "" when it waits for nothing.
func waitText(l lang, reason string) string {
	if reason == "" {
		return ""
	}
	if system, ok := store.ReconnectSystem(reason); ok {
		return l.T("wait.reconnect", systemLabel(l, system))
	}
	return l.T("wait.other", reason)
}

func init() { panelFuncs["waitText"] = waitText }
