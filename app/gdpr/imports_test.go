package gdpr

import (
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"io/fs"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The rules are pure: stdlib (minus I/O, network, SQL) and the holiday
// calendar only, and no clock reads. This test parses every non-test file
// of app/gdpr and its sub-packages that a build includes (generators tagged
// //go:build ignore, such as postcode/gen.go, are tools, not rules).
var (
	allowedModules = []string{"github.com/lethe-gdpr/lethe/app/gdpr", "github.com/rickar/cal/v2"}
	forbiddenStd   = []string{"net", "database", "os", "io/ioutil", "io/fs", "syscall", "log", "unsafe", "plugin", "embed", "crypto/rand", "math/rand"}
	clockReads     = []string{"Now", "Since", "Until", "Tick", "After", "AfterFunc", "NewTimer", "NewTicker", "Sleep"}
)

func TestRulesArePure(t *testing.T) {
	fset := token.NewFileSet()
	n := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		if built, err := build.Default.MatchFile(filepath.Dir(path), d.Name()); err != nil || !built {
			return err // no build includes it: a generator (//go:build ignore), not a rule
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		n++
		for _, imp := range f.Imports {
			p := strings.Trim(imp.Path.Value, `"`)
			if !allowedImport(p) {
				t.Errorf("%s imports %s: the rules may import only stdlib (no I/O, network or SQL) and %v", path, p, allowedModules)
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if x, ok := sel.X.(*ast.Ident); ok && x.Name == "time" && contains(clockReads, sel.Sel.Name) {
					t.Errorf("%s: time.%s reads the clock; pass now/today in", fset.Position(sel.Pos()), sel.Sel.Name)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 10 {
		t.Fatalf("parsed only %d files", n)
	}
}

func allowedImport(p string) bool {
	first, _, _ := strings.Cut(p, "/")
	if !strings.Contains(first, ".") { // standard library
		for _, f := range forbiddenStd {
			if p == f || strings.HasPrefix(p, f+"/") {
				return false
			}
		}
		return true
	}
	for _, m := range allowedModules {
		if p == m || strings.HasPrefix(p, m+"/") {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestNoForbiddenDeps checks the transitive closure with `go list -deps`:
// nothing from HTTP, SQL, ORMs, web frameworks or platform SDKs.
func TestNoForbiddenDeps(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go tool")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go tool not found")
	}
	out, err := exec.Command(goTool, "list", "-deps", "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	bad := []string{"net/http", "database/sql", "gorm.io", "github.com/labstack/echo", "shopify", "woocommerce",
		"github.com/hibiken/asynq", "github.com/redis", "github.com/jackc/pgx", "github.com/lethe-gdpr/lethe/app/store"}
	for _, dep := range strings.Fields(string(out)) {
		for _, b := range bad {
			if strings.Contains(dep, b) {
				t.Errorf("app/gdpr depends on %s", dep)
			}
		}
		if first, _, _ := strings.Cut(dep, "/"); strings.Contains(first, ".") && !allowedImport(dep) {
			t.Errorf("app/gdpr depends on the module %s", dep)
		}
	}
}
