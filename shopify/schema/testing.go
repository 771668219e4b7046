package schema

import (
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
)

// ForTest returns the real Admin schema for a test: the file vendored in
// the repository, embedded (no network). A missing or broken file fails
// the test: run scripts/fetch-shopify-schema.sh to restore it.
func ForTest(t testing.TB) *ast.Schema {
	t.Helper()
	s, err := Embedded()
	if err != nil {
		t.Fatalf("loading the vendored Shopify Admin schema (scripts/fetch-shopify-schema.sh restores it): %v", err)
	}
	return s
}
