package report

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/lethe-gdpr/lethe/app/gdpr"
)

// metaColumns lead every CSV; the item's fields follow in name order.
var metaColumns = []string{"record_id", "system", "category", "date", "delivered", "invoiced", "consent_ended"}

// RenderZip writes report.zip: one CSV per record type (Art. 20 GDPR
// portability; UTF-8 with BOM, comma-separated, one row per record, columns
// the union of the records' field names, nested values as JSON), the whole
// report.json, and a README.txt in German and English.
func RenderZip(r *Report) ([]byte, error) {
	js, err := RenderJSON(r)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	tables := csvTables(r.Copy.Items)
	names := make([]string, 0, len(tables))
	for _, t := range tables {
		names = append(names, t.file)
	}
	files := []struct {
		name string
		data []byte
	}{
		{"README.txt", readme(r, names)},
		{"report.json", js},
	}
	for _, t := range tables {
		b, err := t.encode()
		if err != nil {
			return nil, err
		}
		files = append(files, struct {
			name string
			data []byte
		}{t.file, b})
	}
	for _, f := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: r.GeneratedAt})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(f.data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// RenderJSON writes report.json, indented.
func RenderJSON(r *Report) ([]byte, error) {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("report: encode: %w", err)
	}
	return append(b, '\n'), nil
}

// csvTable is the records of one record type.
type csvTable struct {
	recordType, file string
	items            []Item
}

func csvTables(items []Item) []csvTable {
	var out []csvTable
	index := map[string]int{}
	for _, it := range items {
		i, ok := index[it.RecordType]
		if !ok {
			i = len(out)
			index[it.RecordType] = i
			out = append(out, csvTable{recordType: it.RecordType})
		}
		out[i].items = append(out[i].items, it)
	}
	slices.SortFunc(out, func(a, b csvTable) int { return strings.Compare(a.recordType, b.recordType) })
	used := map[string]bool{}
	for i := range out {
		base := fileName(out[i].recordType)
		name := base + ".csv"
		for n := 2; used[name]; n++ {
			name = fmt.Sprintf("%s_%d.csv", base, n)
		}
		used[name] = true
		out[i].file = name
	}
	return out
}

// fileName keeps a record type's letters, digits, '_' and '-'.
func fileName(recordType string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(recordType) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '_', r == '-':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	if b.Len() == 0 {
		return "other"
	}
	return b.String()
}

func (t csvTable) columns() (header, fields []string) {
	seen := map[string]bool{}
	for _, it := range t.items {
		for k := range it.Fields {
			if !seen[k] {
				seen[k] = true
				fields = append(fields, k)
			}
		}
	}
	slices.Sort(fields)
	header = append([]string{}, metaColumns...)
	for _, f := range fields {
		h := f
		if slices.Contains(metaColumns, f) {
			h = "field_" + f // a field named like a meta column keeps its value
		}
		header = append(header, h)
	}
	return header, fields
}

func (t csvTable) encode() ([]byte, error) {
	header, fields := t.columns()
	var buf bytes.Buffer
	buf.WriteString("\uFEFF") // BOM: spreadsheet programs then read UTF-8
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	if err := w.Write(header); err != nil {
		return nil, err
	}
	for _, it := range t.items {
		row := []string{it.RecordID, it.System, it.Category, dateCell(it.Date), dateCell(it.Delivered), dateCell(it.Invoiced), dateCell(it.ConsentEnded)}
		for _, f := range fields {
			v, ok := it.Fields[f]
			if !ok {
				row = append(row, "")
				continue
			}
			row = append(row, safeCell(cell(v)))
		}
		if err := w.Write(row); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

func dateCell(d *gdpr.Date) string {
	if d == nil {
		return ""
	}
	return d.String()
}

// safeCell defuses text a spreadsheet would run as a formula (CSV
// injection) by prefixing an apostrophe; numbers such as -12.50 stay as
// they are.
func safeCell(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return s
	}
	if json.Valid([]byte(s)) && strings.IndexFunc(s, func(r rune) bool { return !strings.ContainsRune("+-.0123456789eE", r) }) < 0 {
		return s
	}
	return "'" + s
}
