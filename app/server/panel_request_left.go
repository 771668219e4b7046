package server

import (
	"slices"
	"strings"
	"unicode"

	"github.com/lethe-gdpr/lethe/app/gdpr/plan"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/app/report"
)

// What a system left of an erasure (plan.Left, from its audit entry), as
// the merchant finds it there to erase by hand: grouped by the reason,
// once each, then per order its number and the fields, per other record
// its kind and number.

// leftGroup is what a system left for one reason.
type leftGroup struct {
	Why     string   // the reason, in the page's language
	Records []string // "Bestellung #1004: E-Mail-Adresse, IP-Adresse", "Kommentar 55"
}

// leftGroups lists ls in the page's language, in the order of the
// reasons' first records; an order's records are one line, a record left
// whole names no fields.
func leftGroups(l lang, ls []plan.Left) []leftGroup {
	type record struct {
		name   string
		whole  bool
		fields []string
	}
	var reasons []string
	records := map[string][]*record{}
	for _, lf := range ls {
		if _, ok := records[lf.Reason]; !ok {
			reasons = append(reasons, lf.Reason)
			records[lf.Reason] = nil
		}
		name, fields := leftRecord(l, lf)
		i := slices.IndexFunc(records[lf.Reason], func(r *record) bool { return r.name == name })
		if i < 0 {
			i = len(records[lf.Reason])
			records[lf.Reason] = append(records[lf.Reason], &record{name: name})
		}
		r := records[lf.Reason][i]
		r.whole = r.whole || len(fields) == 0
		for _, f := range fields {
			if !slices.Contains(r.fields, f) {
				r.fields = append(r.fields, f)
			}
		}
	}
	out := make([]leftGroup, 0, len(reasons))
	for _, why := range reasons {
		g := leftGroup{Why: labelOr(l, "reqpage.left.why."+why, why)}
		for _, r := range records[why] {
			s := r.name
			if !r.whole && len(r.fields) > 0 {
				s += ": " + strings.Join(r.fields, ", ")
			}
			g.Records = append(g.Records, s)
		}
		out = append(out, g)
	}
	return out
}

// leftRecord names the record as the merchant finds it in the system — an
// order by its number, a note by its order, an account, review, comment or
// analytics row by its number — and the fields left of it, by their
// labels (none: the record is left whole; technical data without fields
// are named as such).
func leftRecord(l lang, lf plan.Left) (string, []string) {
	var fields []string
	for _, f := range lf.Fields {
		fields = append(fields, inList(l, report.FieldLabel(f, string(l))))
	}
	if len(fields) == 0 && lf.RecordType == retention.TechnicalData {
		fields = []string{inList(l, report.RecordTypeLabel(string(lf.RecordType), string(l)))}
	}
	name := func(id string) string {
		if lf.Label != "" {
			return lf.Label
		}
		return id
	}
	kind, rest, _ := strings.Cut(lf.RecordID, "/")
	switch {
	case strings.HasPrefix(rest, "note/"):
		return l.T("reqpage.left.note", strings.TrimPrefix(rest, "note/"), name(kind)), fields
	case rest != "" && !strings.Contains(rest, "/"):
		if _, ok := catalog["reqpage.left.kind."+kind]; ok { // comment/55, review/9, analytics/3
			return l.T("reqpage.left.kind."+kind) + " " + rest, fields
		}
	case lf.RecordType == retention.CustomerAccount:
		return l.T("reqpage.left.account", lf.RecordID), fields
	case rest == "":
		return l.T("reqpage.left.order", name(lf.RecordID)), fields
	}
	return report.RecordTypeLabel(string(lf.RecordType), string(l)) + " " + lf.RecordID, fields
}

// inList is a field's label as a word in a list: English labels are
// capitalised as headings ("User agent"), in a list they are not ("user
// agent"), unless they start with an abbreviation ("IP address"); German
// nouns keep their capital.
func inList(l lang, label string) string {
	if l == langDE || len(label) < 2 || !unicode.IsUpper(rune(label[0])) || unicode.IsUpper(rune(label[1])) {
		return label
	}
	return strings.ToLower(label[:1]) + label[1:]
}
