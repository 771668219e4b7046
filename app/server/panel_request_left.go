package server

import (
	"slices"
	"strings"

	"github.com/lethe-gdpr/lethe/app/gdpr/plan"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/app/report"
)

// What a system left of an erasure (plan.Left, from its audit entry), as
// the merchant finds it there to erase by hand: per order its number and
// the fields, per other record its kind and number, each with the reason.

// leftText lists ls in the page's language: "order #1004: E-mail address,
// IP address (the companion plugin is not installed); customer account 7
// (…)". One line per record and reason; an order's records are one.
func leftText(l lang, ls []plan.Left) string {
	type key struct{ what, reason string }
	var order []key
	fields := map[key][]string{}
	for _, lf := range ls {
		k := key{leftRecord(l, lf), lf.Reason}
		if _, ok := fields[k]; !ok {
			order = append(order, k)
			fields[k] = nil
		}
		for _, f := range lf.Fields {
			n := report.FieldLabel(f, string(l))
			if !slices.Contains(fields[k], n) {
				fields[k] = append(fields[k], n)
			}
		}
	}
	parts := make([]string, 0, len(order))
	for _, k := range order {
		s := k.what
		if fs := fields[k]; len(fs) > 0 {
			s += ": " + strings.Join(fs, ", ")
		}
		parts = append(parts, s+" ("+labelOr(l, "reqpage.left.why."+k.reason, k.reason)+")")
	}
	return strings.Join(parts, "; ")
}

// leftRecord names the record: an order by its number, a note by its
// order, an account, review, comment or analytics row by its number.
func leftRecord(l lang, lf plan.Left) string {
	name := func(id string) string {
		if lf.Label != "" {
			return lf.Label
		}
		return id
	}
	kind, rest, _ := strings.Cut(lf.RecordID, "/")
	switch {
	case lf.RecordType == retention.BusinessLetter && strings.HasPrefix(rest, "note/"):
		return l.T("reqpage.left.note", strings.TrimPrefix(rest, "note/"), name(kind))
	case lf.RecordType == retention.CustomerAccount && rest == "":
		return l.T("reqpage.left.account", lf.RecordID)
	case lf.RecordType == retention.CustomerAccount:
		return labelOr(l, "reqpage.left.kind."+kind, kind) + " " + rest
	case rest == "":
		return l.T("reqpage.left.order", name(lf.RecordID))
	}
	return report.RecordTypeLabel(string(lf.RecordType), string(l)) + " " + lf.RecordID
}
