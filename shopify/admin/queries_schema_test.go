package admin_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/lethe-gdpr/lethe/shopify/admin"
	"github.com/lethe-gdpr/lethe/shopify/schema"
)

// TestEveryGraphQLDocumentValidates walks the whole repository and validates
// every .graphql file against Shopify's real Admin schema of the pinned version.
func TestEveryGraphQLDocumentValidates(t *testing.T) {
	s := schema.ForTest(t)
	root, err := schema.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case ".git", "node_modules", "testdata-cache", "vendor":
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(path, ".graphql") {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < len(admin.Queries()) {
		t.Fatalf("found %d .graphql files, expected at least the %d embedded queries", len(files), len(admin.Queries()))
	}
	embedded := admin.Queries()
	for _, path := range files {
		rel, _ := filepath.Rel(root, path)
		if strings.Contains(filepath.ToSlash(rel), "shopify/admin/queries/fragments/") {
			continue // validated inside every document that uses them, below
		}
		t.Run(rel, func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			// Lethe's own documents are validated as they are sent, with
			// their shared fragments composed in.
			if doc, ok := embedded[strings.TrimSuffix(filepath.Base(path), ".graphql")]; ok && strings.Contains(filepath.ToSlash(rel), "shopify/admin/queries/") {
				src = []byte(doc)
			}
			if _, errs := gqlparser.LoadQueryWithRules(s, string(src), nil); len(errs) > 0 {
				for _, e := range errs {
					t.Errorf("%s: %v", rel, e)
				}
			}
		})
	}
}

// TestAdminQueriesAvoidDeprecatedFields keeps Lethe's own documents off fields
// the 2026-10 schema deprecates, so a version bump does not break them.
func TestAdminQueriesAvoidDeprecatedFields(t *testing.T) {
	s := schema.ForTest(t)
	for name, doc := range admin.Queries() {
		q, errs := gqlparser.LoadQueryWithRules(s, doc, nil)
		if len(errs) > 0 {
			t.Errorf("%s: %v", name, errs)
			continue
		}
		var walk func(ast.SelectionSet)
		walk = func(set ast.SelectionSet) {
			for _, sel := range set {
				switch sel := sel.(type) {
				case *ast.Field:
					if sel.Definition != nil && sel.Definition.Directives.ForName("deprecated") != nil {
						t.Errorf("%s: field %s.%s is deprecated", name, sel.ObjectDefinition.Name, sel.Name)
					}
					walk(sel.SelectionSet)
				case *ast.InlineFragment:
					walk(sel.SelectionSet)
				}
			}
		}
		for _, op := range q.Operations {
			walk(op.SelectionSet)
		}
		for _, f := range q.Fragments {
			walk(f.SelectionSet)
		}
	}
}
