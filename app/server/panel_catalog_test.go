package server

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/frontend"
)

// Every text a template asks for is in the catalog, in German and in
// English, and no two languages are left identical by accident where the
// key is a sentence.
func TestPanelCatalogCoversTemplates(t *testing.T) {
	literal := regexp.MustCompile(`\.L\.T "([^"]+)"`)
	dynamic := regexp.MustCompile(`\.L\.T \(print "([^"]+)"`)
	names, err := fs.Glob(frontend.Templates, "templates/*.html.tmpl")
	if err != nil || len(names) == 0 {
		t.Fatalf("templates: %v %v", names, err)
	}
	for _, n := range names {
		b, err := fs.ReadFile(frontend.Templates, n)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range literal.FindAllStringSubmatch(string(b), -1) {
			v, ok := catalog[m[1]]
			if !ok {
				t.Errorf("%s: text %q is not in the catalog", n, m[1])
				continue
			}
			if strings.TrimSpace(v[0]) == "" || strings.TrimSpace(v[1]) == "" {
				t.Errorf("%s: text %q lacks a language: %q", n, m[1], v)
			}
		}
		for _, m := range dynamic.FindAllStringSubmatch(string(b), -1) {
			found := false
			for k := range catalog {
				if strings.HasPrefix(k, m[1]) {
					found = true
					break
				}
			}
			if !found {
				t.Errorf("%s: no text starts with %q", n, m[1])
			}
		}
	}
	for k, v := range catalog {
		if strings.TrimSpace(v[0]) == "" || strings.TrimSpace(v[1]) == "" {
			t.Errorf("text %q lacks a language: %q", k, v)
		}
	}
}

// The statuses and types the store knows all have their words.
func TestPanelCatalogNamesEveryStatus(t *testing.T) {
	for _, s := range []string{"received", "processing", "needs_setup", "ready", "awaiting_review", "erasing",
		"answered", "completed", "failed", "refused", "withdrawn", "closed"} {
		if _, ok := catalog["status."+s]; !ok {
			t.Errorf("status %s has no words", s)
		}
	}
	for _, f := range []string{"legal_name", "street", "postcode", "city", "country", "email", "state", "authority"} {
		if _, ok := catalog["field."+f]; !ok {
			t.Errorf("setup field %s has no words", f)
		}
	}
}
