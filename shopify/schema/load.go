// Package schema loads Shopify's real GraphQL Admin schema (an introspection
// result shipped in the npm package @shopify/dev-mcp) as a gqlparser schema,
// so documents can be validated against it.
//
// gqlparser has no loader for introspection results; this package renders
// the introspection as SDL and loads that (see toSDL).
package schema

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// Version is the Admin API version whose schema this package loads by default.
const Version = "2026-10"

// FromIntrospection reads an introspection result (plain JSON, or gzip
// compressed JSON) and converts it to a gqlparser schema.
func FromIntrospection(r io.Reader) (*ast.Schema, error) {
	br, err := maybeGunzip(r)
	if err != nil {
		return nil, err
	}
	var res introspectionResult
	if err := json.NewDecoder(br).Decode(&res); err != nil {
		return nil, fmt.Errorf("schema: decode introspection: %w", err)
	}
	if len(res.Data.Schema.Types) == 0 {
		return nil, fmt.Errorf("schema: introspection has no types")
	}
	sdl, err := toSDL(&res.Data.Schema)
	if err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	s, err := gqlparser.LoadSchema(&ast.Source{Name: "shopify-admin.graphql", Input: sdl})
	if err != nil {
		return nil, fmt.Errorf("schema: load SDL: %w", err)
	}
	return s, nil
}

func maybeGunzip(r io.Reader) (io.Reader, error) {
	buf := make([]byte, 2)
	n, err := io.ReadFull(r, buf)
	if err != nil && n == 0 {
		return nil, fmt.Errorf("schema: read: %w", err)
	}
	rest := io.MultiReader(strings.NewReader(string(buf[:n])), r)
	if n == 2 && buf[0] == 0x1f && buf[1] == 0x8b {
		zr, err := gzip.NewReader(rest)
		if err != nil {
			return nil, fmt.Errorf("schema: gunzip: %w", err)
		}
		return zr, nil
	}
	return rest, nil
}

var cache struct {
	sync.Mutex
	byPath map[string]*ast.Schema
}

// Load reads the schema file at path (gzip or plain introspection JSON). The
// result is cached per path: a schema is read-only once loaded, so callers
// share it.
func Load(path string) (*ast.Schema, error) {
	cache.Lock()
	defer cache.Unlock()
	if s, ok := cache.byPath[path]; ok {
		return s, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	defer f.Close()
	s, err := FromIntrospection(f)
	if err != nil {
		return nil, err
	}
	if cache.byPath == nil {
		cache.byPath = map[string]*ast.Schema{}
	}
	cache.byPath[path] = s
	return s, nil
}
