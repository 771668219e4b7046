package store_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// The store is the only place that talks to the database: no production
// file outside app/store imports GORM (app/testenv, which opens stores for
// tests, may), and none calls GormForTests.
func TestOnlyTheStoreTalksToTheDatabase(t *testing.T) {
	root := filepath.Join("..", "..")
	allowed := []string{filepath.Join("app", "store"), filepath.Join("app", "testenv")}
	fset := token.NewFileSet()
	n := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "testdata-cache") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		n++
		rel, _ := filepath.Rel(root, path)
		inStore := false
		for _, a := range allowed {
			inStore = inStore || strings.HasPrefix(rel, a+string(filepath.Separator))
		}
		for _, imp := range f.Imports {
			if p := strings.Trim(imp.Path.Value, `"`); strings.HasPrefix(p, "gorm.io/") && !inStore {
				t.Errorf("%s imports %s: talk to the database through a store method", rel, p)
			}
		}
		ast.Inspect(f, func(x ast.Node) bool {
			if sel, ok := x.(*ast.SelectorExpr); ok && sel.Sel.Name == "GormForTests" {
				t.Errorf("%s: GormForTests outside a test", fset.Position(sel.Pos()))
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 100 {
		t.Fatalf("parsed only %d files", n)
	}
}
