package plan

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/lethe-gdpr/lethe/app/gdpr"
)

// Left is what a system could not erase of one planned record: the record,
// and the fields of it still held there (none: the whole record). The rest
// of the plan was carried out. The confirmation says these are not erased
// yet, and the merchant is told to erase them by hand. Names and ids only,
// never the values.
type Left struct {
	System     string          `json:"system"`
	RecordType gdpr.RecordType `json:"record_type"`
	RecordID   string          `json:"record_id"`
	// Label names the record as the merchant knows it in the system
	// ("1004", an order's number), when it differs from RecordID.
	Label  string   `json:"label,omitempty"`
	Fields []string `json:"fields,omitempty"` // the item's field names, sorted; empty: the whole record
	Reason string   `json:"reason"`           // one of the Left… reasons
}

// Why a record or field was left.
const (
	// LeftNoPlugin: only the store's companion plugin can erase it, and the
	// store has none (or Lethe holds no secret for it).
	LeftNoPlugin = "plugin_missing"
	// LeftPluginFailed: the companion plugin refused or failed for good
	// (a wrong or missing secret, an error).
	LeftPluginFailed = "plugin_failed"
	// LeftInvoice: the system erases it only by changing a record the plan
	// keeps (WooCommerce recalculates a kept invoice's taxes when its
	// billing address changes).
	LeftInvoice = "invoice"
	// LeftStaffAccount: the account has more than a customer's role (the
	// shop's team, an author); Lethe does not delete it.
	LeftStaffAccount = "staff_account"
	// LeftUnknown: a field Lethe does not know how to erase there.
	LeftUnknown = "unknown_field"
)

// Matches reports whether l is about entry e's record.
func (l Left) Matches(e Entry) bool {
	return l.System == e.System && l.RecordType == e.RecordType && l.RecordID == e.RecordID
}

// EncodeLeft writes ls as one word without spaces for an audit entry's
// detail ("left=<this>"): records separated by ";", each
// type:id:label:fields:reason with fields joined by ",", every part
// escaped. The system is the audit action's.
func EncodeLeft(ls []Left) string {
	parts := make([]string, 0, len(ls))
	for _, l := range ls {
		fs := make([]string, len(l.Fields))
		for i, f := range l.Fields {
			fs[i] = escape(f)
		}
		parts = append(parts, strings.Join([]string{
			escape(string(l.RecordType)), escape(l.RecordID), escape(l.Label),
			strings.Join(fs, ","), escape(l.Reason),
		}, ":"))
	}
	return strings.Join(parts, ";")
}

// ParseLeft reads EncodeLeft's word back, for system; malformed records
// are skipped.
func ParseLeft(system, word string) []Left {
	var out []Left
	for _, p := range strings.Split(word, ";") {
		f := strings.Split(p, ":")
		if len(f) != 5 {
			continue
		}
		un := unescape
		l := Left{System: system, RecordType: gdpr.RecordType(un(f[0])), RecordID: un(f[1]), Label: un(f[2]), Reason: un(f[4])}
		if l.RecordType == "" || l.RecordID == "" {
			continue
		}
		for _, fl := range strings.Split(f[3], ",") {
			if fl != "" {
				l.Fields = append(l.Fields, un(fl))
			}
		}
		slices.Sort(l.Fields)
		out = append(out, l)
	}
	return out
}

// escape percent-encodes what would break EncodeLeft's word: the
// separators, "%", spaces and control characters.
func escape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c == 0x7f || strings.IndexByte(":;,%=", c) >= 0 {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// unescape reverses escape; a malformed escape stays as it is.
func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if n, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				b.WriteByte(byte(n))
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
