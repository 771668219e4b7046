package report

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
)

// RenderHTML writes the report as a printable, self-contained HTML page in
// lang ("de" or "en"): every Art. 15 element, the storage period per
// document type, the orders one row each (number, date, total, status,
// payment, carrier, IP address, documents) and the records that belong to
// no order with all their fields. The full detail of every record stays
// in report.json and the CSV files (EDPB Guidelines 01/2022: a layered
// answer whose every layer is reachable at once).
func RenderHTML(r *Report, lang string) ([]byte, error) {
	if !isLanguage(lang) {
		return nil, fmt.Errorf("%w %q (want de or en)", ErrLanguage, lang)
	}
	s, ok := r.Answers[lang]
	if !ok {
		return nil, fmt.Errorf("%w: the report has no %q text", ErrLanguage, lang)
	}
	if s.Controller.Name == "" { // a report stored before statements named the controller
		s.Controller = r.Controller.text(lang)
	}
	orders, rest := splitOrders(r.Copy.Items)
	v := reportView{R: r, S: s, Orders: orderRows(orders, lang), Groups: groups(rest, lang)}
	for _, o := range v.Orders {
		v.OrdersOverdue = v.OrdersOverdue || o.Overdue
	}
	return render(pageReport, lang, v)
}

type reportView struct {
	R             *Report
	S             Statement
	Orders        []orderRow
	OrdersOverdue bool // a row marks documents overdue for deletion
	Groups        []itemGroup
}

// itemGroup is the records of one category that belong to no order, as
// one table with all their fields.
type itemGroup struct {
	Key, Label string
	Items      []itemView
}

type itemView struct {
	Item
	Fields []fieldView
}

type fieldView struct {
	Name, Label string
	Value       valueView
}

// valueView is a field's value prepared for HTML: text, a list of records
// (line items) as a small table, or a nested record. Nesting deeper than two
// levels is shown as JSON text.
type valueView struct {
	Text    string
	Columns []string
	Rows    [][]string
	Pairs   []fieldView
}

// orderNumber is the order a record belongs to (the retention vocabulary's
// order_number), "" for records of no order.
func orderNumber(it Item) string {
	if s, ok := it.Fields[retention.FieldOrderNumber].(string); ok {
		return strings.TrimSpace(s)
	}
	if it.RecordType == string(retention.Invoice) || it.RecordType == string(retention.CreditNote) {
		if s, ok := it.Fields[retention.FieldInvoiceNumber].(string); ok {
			return strings.TrimSpace(s)
		}
	}
	return ""
}

// splitOrders separates the records of orders, grouped per order in the
// order first seen, from the others. The records of one order share its
// number within their system, whatever their record ids: a WooCommerce
// order's notes (business letters, internal notes) have ids of their own
// ("1042/note/87") and belong to the order's row.
func splitOrders(items []Item) (orders [][]Item, rest []Item) {
	index := map[string]int{}
	for _, it := range items {
		n := orderNumber(it)
		if n == "" {
			rest = append(rest, it)
			continue
		}
		k := it.System + "\x00" + n
		i, ok := index[k]
		if !ok {
			i = len(orders)
			index[k] = i
			orders = append(orders, nil)
		}
		orders[i] = append(orders[i], it)
	}
	return orders, rest
}

func groups(items []Item, lang string) []itemGroup {
	var out []itemGroup
	index := map[string]int{}
	for _, it := range items {
		i, ok := index[it.Category]
		if !ok {
			i = len(out)
			index[it.Category] = i
			out = append(out, itemGroup{Key: it.Category, Label: categoryLabel(it.Category, lang)})
		}
		out[i].Items = append(out[i].Items, itemView{Item: it, Fields: fieldViews(it.Fields, lang, 0)})
	}
	return out
}

func fieldViews(fields map[string]any, lang string, depth int) []fieldView {
	out := make([]fieldView, 0, len(fields))
	for n, v := range fields {
		out = append(out, fieldView{Name: n, Label: labelFor(fieldLabels, n, lang), Value: valueOf(n, v, lang, depth)})
	}
	slices.SortFunc(out, func(a, b fieldView) int { return strings.Compare(a.Label, b.Label) })
	return out
}

func valueOf(field string, v any, lang string, depth int) valueView {
	switch x := v.(type) {
	case map[string]any:
		if depth < 2 {
			return valueView{Pairs: fieldViews(x, lang, depth+1)}
		}
	case []any:
		if rows, cols, ok := records(x, lang); ok && depth < 2 {
			for i, c := range cols {
				cols[i] = labelFor(fieldLabels, c, lang)
			}
			return valueView{Columns: cols, Rows: rows}
		}
		if scalars(x) {
			parts := make([]string, len(x))
			for i, e := range x {
				parts[i] = shown(field, e, lang)
			}
			return valueView{Text: strings.Join(parts, ", ")}
		}
	}
	return valueView{Text: shown(field, v, lang)}
}

// records reports whether list is a list of flat objects, and returns it as
// rows under the union of their keys, values as shown in lang.
func records(list []any, lang string) (rows [][]string, cols []string, ok bool) {
	if len(list) == 0 {
		return nil, nil, false
	}
	seen := map[string]bool{}
	for _, e := range list {
		m, isMap := e.(map[string]any)
		if !isMap {
			return nil, nil, false
		}
		for k, v := range m {
			switch v.(type) {
			case map[string]any, []any:
				return nil, nil, false
			}
			if !seen[k] {
				seen[k] = true
				cols = append(cols, k)
			}
		}
	}
	slices.Sort(cols)
	for _, e := range list {
		m := e.(map[string]any)
		row := make([]string, len(cols))
		for i, c := range cols {
			if v, ok := m[c]; ok {
				row[i] = shown(c, v, lang)
			}
		}
		rows = append(rows, row)
	}
	return rows, cols, true
}

func scalars(list []any) bool {
	for _, e := range list {
		switch e.(type) {
		case map[string]any, []any:
			return false
		}
	}
	return true
}

// shown is a value as the HTML shows it in lang: a known value of a known
// field in the language (valueLabels), booleans as yes/no, else as stored.
func shown(field string, v any, lang string) string {
	if s, ok := v.(string); ok {
		return valueLabel(field, s, lang)
	}
	return text(v, lang)
}

// text is a value as shown in HTML.
func text(v any, lang string) string {
	switch x := v.(type) {
	case nil:
		return "—"
	case bool:
		if x {
			return labelFor(messages, "yes", lang)
		}
		return labelFor(messages, "no", lang)
	}
	return cell(v)
}

// cell is a value as written into a CSV cell: strings and numbers as they
// are, booleans as true/false, nested values as compact JSON.
func cell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		if x {
			return "true"
		}
		return "false"
	case float64, int, int64:
		return fmt.Sprint(x)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
