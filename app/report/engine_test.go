package report

import (
	"io/fs"
	"regexp"
	"testing"
)

// Every page is parsed at init with the layout, and every text a template
// asks for exists in both languages.
func TestTemplatesAndMessages(t *testing.T) {
	for _, name := range pageNames {
		if pages[name] == nil || pages[name].Lookup("title") == nil {
			t.Errorf("page %s not parsed with a title", name)
		}
	}
	if _, err := render("missing.html.tmpl", "de", nil); err == nil {
		t.Error("rendering a missing template succeeded")
	}
	for k, l := range messages {
		if l.de == "" || l.en == "" {
			t.Errorf("message %q lacks a language: %+v", k, l)
		}
	}
	used := regexp.MustCompile(`\bt "([a-z_]+)"`)
	files, _ := fs.Glob(templateFS, "templates/*.tmpl")
	if len(files) != len(pageNames)+1 {
		t.Errorf("templates: %v", files)
	}
	n := 0
	for _, f := range files {
		b, _ := fs.ReadFile(templateFS, f)
		for _, m := range used.FindAllStringSubmatch(string(b), -1) {
			n++
			if _, ok := messages[m[1]]; !ok {
				t.Errorf("%s uses unknown message %q", f, m[1])
			}
		}
	}
	if n < 50 {
		t.Errorf("found only %d message uses", n)
	}
}

func TestLabels(t *testing.T) {
	tests := []struct{ key, lang, want string }{
		{"invoice", "de", "Rechnung"},
		{"invoice", "en", "Invoice"},
		{"gift_card", "de", "Gift card"},
		{"übersicht", "en", "Übersicht"},
		{"", "de", "—"},
	}
	for _, tt := range tests {
		if got := labelFor(recordTypeLabels, tt.key, tt.lang); got != tt.want {
			t.Errorf("label(%q, %s) = %q, want %q", tt.key, tt.lang, got, tt.want)
		}
	}
}
