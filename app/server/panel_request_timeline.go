package server

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr/plan"
	"github.com/lethe-gdpr/lethe/app/store"
)

// The request's timeline: its audit trail, oldest first, each entry in
// plain words in the page's language with its time in the shop's zone.
// An entry of a kind the page does not know is shown neutrally, by its
// name.

// timelineEntry is one line of the timeline.
type timelineEntry struct {
	At    time.Time
	Text  string
	Actor string
	Left  []leftGroup // what a system left of the erasure, to erase by hand
}

func (p *Panel) timeline(ctx context.Context, sh *store.Shop, r *store.Request, l lang) ([]timelineEntry, error) {
	es, err := p.api.st.Events(ctx, sh.ID, r.ID)
	if err != nil {
		return nil, err
	}
	out := make([]timelineEntry, 0, len(es))
	for _, e := range es {
		te := timelineEntry{At: e.At, Text: describeEvent(l, e.Action, e.Detail), Actor: actorLabel(l, e.Actor)}
		if sys, ok := strings.CutPrefix(e.Action, "erase_partial."); ok {
			te.Left = leftGroups(l, plan.ParseLeft(sys, eventDetail(e.Detail)["left"]))
		}
		out = append(out, te)
	}
	return out, nil
}

// eventDetail reads an audit detail's key=value words; "reason" takes the
// rest of the line (it may hold spaces).
func eventDetail(detail string) map[string]string {
	out := map[string]string{}
	rest := detail
	for rest != "" {
		rest = strings.TrimLeft(rest, " ")
		if strings.HasPrefix(rest, "reason=") {
			out["reason"] = strings.TrimPrefix(rest, "reason=")
			break
		}
		word, next, _ := strings.Cut(rest, " ")
		if k, v, ok := strings.Cut(word, "="); ok {
			out[k] = v
		}
		rest = next
	}
	return out
}

// describeEvent is an audit entry in plain words.
func describeEvent(l lang, action, detail string) string {
	d := eventDetail(detail)
	n := func(k string) int { v, _ := strconv.Atoi(d[k]); return v }
	kind := func() string { return emailKindLabel(l, d["kind"]) }
	switch {
	case strings.HasPrefix(action, "status."):
		return l.T("reqpage.ev.status", statusLabel(l, strings.TrimPrefix(action, "status.")))
	case strings.HasPrefix(action, "erased."):
		return l.T("reqpage.ev.erased", systemLabel(l, strings.TrimPrefix(action, "erased.")))
	case strings.HasPrefix(action, "erase_requested."):
		return l.T("reqpage.ev.erase_requested", systemLabel(l, strings.TrimPrefix(action, "erase_requested.")))
	case strings.HasPrefix(action, "erase_unsupported."):
		sys := systemLabel(l, strings.TrimPrefix(action, "erase_unsupported."))
		return l.T("reqpage.ev.erase_unsupported", sys, sys)
	case strings.HasPrefix(action, "erase_partial."):
		return l.T("reqpage.ev.erase_partial", systemLabel(l, strings.TrimPrefix(action, "erase_partial.")))
	}
	switch action {
	case "request.created":
		return l.T("reqpage.ev.created", sourceLabel(l, d["source"]))
	case "request.entered":
		return l.T("reqpage.ev.entered", channelLabel(l, d["channel"]))
	case "data.discovered":
		if d["found"] == "false" {
			return l.T("reqpage.ev.discovered_none", n("systems"))
		}
		return l.T("reqpage.ev.discovered", n("systems"), n("items"))
	case "plan.created":
		return l.T("reqpage.ev.plan_created", n("erase"), n("retain"), n("defer"))
	case "plan.approved":
		return l.T("reqpage.ev.plan_approved")
	case "archive.created":
		return l.T("reqpage.ev.archived", n("records"))
	case "email.queued":
		return l.T("reqpage.ev.email_queued", kind())
	case "email.sent":
		return l.T("reqpage.ev.email_sent", kind())
	case "email.failed":
		return l.T("reqpage.ev.email_failed", kind())
	case "email.edited":
		return l.T("reqpage.ev.email_edited", kind())
	case "email.scrubbed":
		return l.T("reqpage.ev.email_scrubbed")
	case "request.extended":
		if due, err := store.ParseDay(d["extended_due"]); err == nil {
			return l.T("reqpage.ev.extended", dateIn(l, due.Time))
		}
		return l.T("reqpage.ev.extended_plain")
	case "request.receipt_recorded":
		if on, err := store.ParseDay(d["received_on"]); err == nil {
			if due, err := store.ParseDay(d["due"]); err == nil {
				return l.T("reqpage.ev.receipt", dateIn(l, on.Time), dateIn(l, due.Time))
			}
		}
		return l.T("reqpage.ev.other", action)
	case "identity.verified":
		return l.T("reqpage.ev.verified")
	case "request.retried":
		return l.T("reqpage.ev.retried", n("steps"))
	case "step.failed":
		return l.T("reqpage.ev.step_failed", stepLabel(l, d["step"]))
	case "step.retrying":
		return l.T("reqpage.ev.step_retrying", stepLabel(l, d["step"]))
	case "step.waiting":
		return l.T("reqpage.ev.step_waiting", stepLabel(l, d["step"]), systemLabel(l, d["system"]))
	case "step.resumed":
		return l.T("reqpage.ev.step_resumed", systemLabel(l, d["system"]))
	case "source.closed": // source:close (app/pipeline/close_source.go)
		return l.T("reqpage.ev.source_closed", systemLabel(l, d["system"]))
	case "source.close_skipped":
		return l.T("reqpage.ev.source_close_skipped", systemLabel(l, d["system"]), d["reason"])
	case "source.close_failed":
		return l.T("reqpage.ev.source_close_failed", systemLabel(l, d["system"]), d["reason"])
	case "platform.erasure_joined":
		return l.T("reqpage.ev.joined")
	case "report.downloaded":
		return l.T("reqpage.ev.downloaded")
	case actionOverdueErasure:
		return l.T("overdue.ev.erasure", n("request"))
	}
	return l.T("reqpage.ev.other", action)
}

// dateIn is the template function date, for Go code.
func dateIn(l lang, t time.Time) string {
	return panelFuncs["date"].(func(lang, time.Time) string)(l, t)
}

// actorLabel names who did it, without naming anyone: Lethe, the
// platform, the shop's team, an API token, the person.
func actorLabel(l lang, actor string) string {
	who, id, _ := strings.Cut(actor, ":")
	switch who {
	case "system":
		if id != "" && id != "manual" {
			return systemLabel(l, id)
		}
		return l.T("reqpage.actor.system")
	case "merchant":
		return l.T("reqpage.actor.merchant")
	case "token":
		return l.T("reqpage.actor.token", id)
	case "customer":
		return l.T("reqpage.actor.customer")
	case "":
		return ""
	}
	return systemLabel(l, actor)
}

// labelOr is the catalog's text of key, or fallback when it has none.
func labelOr(l lang, key, fallback string) string {
	if _, ok := catalog[key]; ok {
		return l.T(key)
	}
	return fallback
}

func statusLabel(l lang, s string) string    { return labelOr(l, "status."+s, s) }
func sourceLabel(l lang, s string) string    { return labelOr(l, "reqpage.source."+s, s) }
func channelLabel(l lang, s string) string   { return labelOr(l, "reqpage.channel."+s, s) }
func systemLabel(l lang, s string) string    { return labelOr(l, "reqpage.system."+s, s) }
func stepLabel(l lang, s string) string      { return labelOr(l, "reqpage.step."+s, s) }
func emailKindLabel(l lang, s string) string { return labelOr(l, "reqpage.kind."+s, s) }

// The request page's template functions: names of sources, channels,
// systems and e-mail kinds in the page's language.
func init() {
	panelFuncs["reqSource"] = sourceLabel
	panelFuncs["reqChannel"] = channelLabel
	panelFuncs["reqSystem"] = systemLabel
	panelFuncs["reqKind"] = emailKindLabel
	panelFuncs["reqList"] = func(s ...string) []string { return s }
	panelFuncs["reqRFC3339"] = func(t time.Time) string { return t.UTC().Format(time.RFC3339) }
}
