package report

// The layout of the HTML answer before issue 12 (every record with all its
// fields: 13 MiB for 1,000 orders), kept for the size benchmark's
// baseline. Test code only.

import (
	"bytes"
	"fmt"
	"html/template"
	"slices"
	"strings"
)

// renderHTMLV1 renders r in lang with the old layout
// (testdata/report_v1.html.tmpl).
func renderHTMLV1(r *Report, lang string) ([]byte, error) {
	s := r.Answers[lang]
	fm := funcs(lang, styleCSS)
	fm["t"] = func(key string, args ...any) string {
		if s, err := message(lang, key, args...); err == nil {
			return s
		}
		return key
	}
	t, err := template.New("v1").Funcs(fm).ParseFS(templateFS, "templates/layout.html.tmpl")
	if err != nil {
		return nil, err
	}
	if t, err = t.ParseFiles("testdata/report_v1.html.tmpl"); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	err = t.ExecuteTemplate(&buf, "layout", reportViewV1{R: r, S: s, Groups: groupsV1(r.Copy.Items, lang)})
	if err != nil {
		return nil, fmt.Errorf("render v1: %w", err)
	}
	return buf.Bytes(), nil
}

type reportViewV1 struct {
	R      *Report
	S      Statement
	Groups []itemGroupV1
}

// itemGroupV1 is the items of one category, as one table.
type itemGroupV1 struct {
	Key, Label string
	Items      []itemViewV1
}

type itemViewV1 struct {
	Item
	Fields []fieldViewV1
}

type fieldViewV1 struct {
	Name, Label string
	Value       valueViewV1
}

// valueViewV1 is a field's value prepared for HTML: text, a list of recordsV1
// (line items) as a small table, or a nested record. Nesting deeper than two
// levels is shown as JSON text.
type valueViewV1 struct {
	Text    string
	Columns []string
	Rows    [][]string
	Pairs   []fieldViewV1
}

func groupsV1(items []Item, lang string) []itemGroupV1 {
	var out []itemGroupV1
	index := map[string]int{}
	for _, it := range items {
		i, ok := index[it.Category]
		if !ok {
			i = len(out)
			index[it.Category] = i
			out = append(out, itemGroupV1{Key: it.Category, Label: categoryLabel(it.Category, lang)})
		}
		out[i].Items = append(out[i].Items, itemViewV1{Item: it, Fields: fieldViewsV1(it.Fields, lang, 0)})
	}
	return out
}

func fieldViewsV1(fields map[string]any, lang string, depth int) []fieldViewV1 {
	out := make([]fieldViewV1, 0, len(fields))
	for n, v := range fields {
		out = append(out, fieldViewV1{Name: n, Label: labelFor(fieldLabels, n, lang), Value: valueOfV1(v, lang, depth)})
	}
	slices.SortFunc(out, func(a, b fieldViewV1) int { return strings.Compare(a.Label, b.Label) })
	return out
}

func valueOfV1(v any, lang string, depth int) valueViewV1 {
	switch x := v.(type) {
	case map[string]any:
		if depth < 2 {
			return valueViewV1{Pairs: fieldViewsV1(x, lang, depth+1)}
		}
	case []any:
		if rows, cols, ok := recordsV1(x); ok && depth < 2 {
			for i, c := range cols {
				cols[i] = labelFor(fieldLabels, c, lang)
			}
			return valueViewV1{Columns: cols, Rows: rows}
		}
		if scalarsV1(x) {
			parts := make([]string, len(x))
			for i, e := range x {
				parts[i] = text(e, lang)
			}
			return valueViewV1{Text: strings.Join(parts, ", ")}
		}
	}
	return valueViewV1{Text: text(v, lang)}
}

// recordsV1 reports whether list is a list of flat objects, and returns it as
// rows under the union of their keys.
func recordsV1(list []any) (rows [][]string, cols []string, ok bool) {
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
				row[i] = cell(v)
			}
		}
		rows = append(rows, row)
	}
	return rows, cols, true
}

func scalarsV1(list []any) bool {
	for _, e := range list {
		switch e.(type) {
		case map[string]any, []any:
			return false
		}
	}
	return true
}
