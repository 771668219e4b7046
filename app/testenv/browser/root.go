package browser

import (
	"os"
	"path/filepath"
	"testing"
)

// RepoRoot is the repository's root: the nearest directory above the
// test's working directory holding go.mod.
func RepoRoot(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			tb.Fatal("browser: no go.mod above the working directory")
		}
		dir = up
	}
}
