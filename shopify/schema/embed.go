package schema

import (
	"bytes"
	"embed"
	"fmt"

	"github.com/vektah/gqlparser/v2/ast"
)

// vendored is the schema file of Dir, embedded, so that the emulator (the
// tests, `lethe demo`) validates against Shopify's real Admin schema
// wherever the binary runs, not only inside a clone of the repository.
//
//go:embed testdata/admin_*.json.gz
var vendored embed.FS

// Embedded returns the vendored Admin schema of Version, parsed once and
// shared (read-only).
func Embedded() (*ast.Schema, error) {
	name := fmt.Sprintf("testdata/admin_%s.json.gz", Version)
	cache.Lock()
	defer cache.Unlock()
	if s, ok := cache.byPath["embedded:"+name]; ok {
		return s, nil
	}
	b, err := vendored.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("schema: the binary holds no %s (scripts/fetch-shopify-schema.sh fetches it): %w", name, err)
	}
	s, err := FromIntrospection(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	if cache.byPath == nil {
		cache.byPath = map[string]*ast.Schema{}
	}
	cache.byPath["embedded:"+name] = s
	return s, nil
}
