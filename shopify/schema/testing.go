package schema

import (
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
)

var fetchOnce struct {
	sync.Once
	out []byte
	err error
}

// ForTest returns the real Admin schema for a test. When the cached file is
// missing it runs scripts/fetch-shopify-schema.sh once per process; if that
// fails the test is skipped with the reason, or fails when CI=true (CI must
// never silently skip schema validation).
func ForTest(t testing.TB) *ast.Schema {
	t.Helper()
	path, err := SchemaPath()
	if err != nil {
		t.Fatalf("schema: %v", err)
	}
	if _, err := os.Stat(path); err != nil {
		fetchOnce.Do(func() {
			root, rerr := RepoRoot()
			if rerr != nil {
				fetchOnce.err = rerr
				return
			}
			cmd := exec.Command("bash", filepath.Join(root, FetchScript))
			cmd.Dir = root
			fetchOnce.out, fetchOnce.err = cmd.CombinedOutput()
		})
		if fetchOnce.err != nil {
			unavailable(t, "fetching the Shopify Admin schema failed: %v\n%s", fetchOnce.err, fetchOnce.out)
		}
	}
	s, err := Load(path)
	if err != nil {
		unavailable(t, "loading the Shopify Admin schema: %v", err)
	}
	return s
}

func unavailable(t testing.TB, format string, args ...any) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf(format, args...)
	}
	t.Skipf(format, args...)
}
