package woocommerce

import (
	"context"
	"errors"
	"net/http"

	"github.com/lethe-gdpr/lethe/app/gdpr/plan"
)

// pluginBatch is how many orders one erase call names (its body stays far
// below the 64 KiB a route accepts).
const pluginBatch = 100

// runPlugin asks the companion plugin to erase what REST cannot: the kept
// orders' fields, the comments and the analytics row. Without the plugin,
// or when it refuses for good, those are Left for the merchant; a store
// that fails for now fails the step, which runs again.
func (w *erasure) runPlugin(ctx context.Context) error {
	comments, analytics := len(w.comments) > 0, len(w.analytics) > 0
	if len(w.plugin) == 0 && !comments && !analytics {
		return nil
	}
	if w.email == "" && (comments || analytics) {
		w.leaveWhole(w.comments, plan.LeftPluginFailed)
		w.leaveWhole(w.analytics, plan.LeftPluginFailed)
		comments, analytics = false, false
	}
	w.pluginSay = "ok"
	for start := 0; start == 0 || start < len(w.plugin); start += pluginBatch {
		batch := w.plugin[start:min(start+pluginBatch, len(w.plugin))]
		in := PluginErasure{Email: w.email, Analytics: analytics && start == 0, Comments: comments && start == 0}
		for _, po := range batch {
			in.Orders = append(in.Orders, PluginEraseOrder{ID: po.op.id, Fields: po.fields})
		}
		if len(in.Orders) == 0 && !in.Analytics && !in.Comments {
			break
		}
		w.n.pluginCalls++
		out, err := w.c.client.PluginErase(ctx, in)
		reason := ""
		switch {
		case errors.Is(err, ErrPluginMissing):
			w.pluginSay, reason = "missing", plan.LeftNoPlugin
		case err != nil && pluginRefused(err):
			w.pluginSay, reason = "failed", plan.LeftPluginFailed
		case err != nil:
			return stepErr("erasing through the companion plugin", err) // retried
		}
		if reason != "" {
			w.leavePlugin(w.plugin[start:], reason)
			if start == 0 {
				w.leaveWhole(w.comments, reason)
				w.leaveWhole(w.analytics, reason)
			}
			return nil
		}
		w.leavePluginUnconfirmed(batch, out)
		if in.Comments && out.Comments == nil {
			w.leaveWhole(w.comments, plan.LeftPluginFailed)
		}
		if in.Analytics && out.Analytics != "anonymized" && out.Analytics != "absent" {
			w.leaveWhole(w.analytics, plan.LeftPluginFailed)
		}
	}
	return nil
}

// pluginRefused reports whether the plugin refused for good: a wrong
// signature, no secret saved in the plugin, a body it does not accept.
// Anything else (5xx, timeouts) is a store that fails for now.
func pluginRefused(err error) bool {
	var ae *APIError
	if !errors.As(err, &ae) {
		return false
	}
	switch {
	case ae.Status == http.StatusServiceUnavailable && ae.Code == "lethe_not_configured":
		return true
	case ae.Status >= 400 && ae.Status < 500 && ae.Status != http.StatusTooManyRequests && ae.Status != http.StatusRequestTimeout:
		return true
	case ae.Status == http.StatusNotImplemented:
		return true
	}
	return false
}

// leavePlugin leaves the plugin's fields of pos for the merchant. The
// plugin's meta is left unsaid: it is the meta WooCommerce lists as
// personal, which only the plugin knows; the person's own meta went by
// REST.
func (w *erasure) leavePlugin(pos []pluginOrder, reason string) {
	for _, po := range pos {
		ts := map[target]bool{}
		for f, t := range po.targets {
			if f != PluginOrderMeta {
				ts[t] = true
			}
		}
		w.left = append(w.left, po.op.leftOf(ts, po.label, reason)...)
	}
}

// leavePluginUnconfirmed leaves the fields the plugin's answer does not
// confirm as gone.
func (w *erasure) leavePluginUnconfirmed(batch []pluginOrder, out PluginErased) {
	for _, po := range batch {
		ts := map[target]bool{}
		for _, f := range po.fields {
			if f != PluginOrderMeta && !out.Done(po.op.id, f) {
				ts[po.targets[f]] = true
			}
		}
		if len(ts) > 0 {
			w.left = append(w.left, po.op.leftOf(ts, po.label, plan.LeftPluginFailed)...)
		}
	}
}

// leaveWhole leaves whole records for the merchant.
func (w *erasure) leaveWhole(es []plan.Entry, reason string) {
	for _, e := range es {
		w.left = append(w.left, plan.Left{System: Platform, RecordType: e.RecordType, RecordID: e.RecordID, Reason: reason})
	}
}
