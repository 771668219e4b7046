package report_test

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/report"
)

// documented reads the field paths of SCHEMA.md's field table.
func documented(t *testing.T) map[string]bool {
	t.Helper()
	b, err := os.ReadFile("SCHEMA.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), report.Schema) {
		t.Errorf("SCHEMA.md does not name the schema %s", report.Schema)
	}
	text := string(b)
	start, end := strings.Index(text, "## Fields"), strings.Index(text, "## report.zip")
	if start < 0 || end < start {
		t.Fatal("SCHEMA.md lacks the sections Fields and report.zip")
	}
	out := map[string]bool{}
	for _, m := range regexp.MustCompile("(?m)^\\| `([a-z0-9_<>\\[\\].]+)` \\|").FindAllStringSubmatch(text[start:end], -1) {
		out[m[1]] = true
	}
	return out
}

// paths lists every field path of a JSON value: objects by key, list
// elements as [], the language keys of answers and texts as <lang>; the contents of
// copy.items[].fields are data, not schema.
func paths(prefix string, v any, out map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			p := k
			if prefix != "" {
				p = prefix + "." + k
			}
			if prefix == "answers" || prefix == "copy.items[].texts" {
				p = prefix + ".<lang>"
			}
			out[p] = true
			if p != "copy.items[].fields" {
				paths(p, e, out)
			}
		}
	case []any:
		for _, e := range x {
			paths(prefix+"[]", e, out)
		}
	}
}

// Every JSON field of a built report is documented in SCHEMA.md, and
// SCHEMA.md documents no field a report lacks.
func TestSchemaDocumented(t *testing.T) {
	doc := documented(t)
	found := map[string]bool{}
	for _, r := range []*report.Report{positive(t), negative(t)} {
		b, err := report.RenderJSON(r)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatal(err)
		}
		paths("", v, found)
	}
	var undocumented, stale []string
	for p := range found {
		if !doc[p] {
			undocumented = append(undocumented, p)
		}
	}
	for p := range doc {
		if !found[p] {
			stale = append(stale, p)
		}
	}
	slices.Sort(undocumented)
	slices.Sort(stale)
	if len(undocumented) > 0 {
		t.Errorf("fields missing from SCHEMA.md:\n%s", strings.Join(undocumented, "\n"))
	}
	if len(stale) > 0 {
		t.Errorf("SCHEMA.md documents fields no report has:\n%s", strings.Join(stale, "\n"))
	}
	if len(found) < 80 {
		t.Errorf("only %d paths found; the walk is broken", len(found))
	}
}

// Every key is present even when empty: a negative report has the same
// top-level shape as a positive one, with lists as [] rather than null.
func TestSchemaStableShape(t *testing.T) {
	b, _ := report.RenderJSON(negative(t))
	for _, want := range []string{`"categories": []`, `"items": []`, `"processed": false`, `"extended_due_on": "2026-04-30"`, `"schema": "` + report.Schema + `"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("negative report.json lacks %s:\n%s", want, b)
		}
	}
}
