package migrations

import (
	"io/fs"
	"slices"
	"testing"
)

// Both dialects must hold the same migrations: the same file names, so the
// same version numbers, in the same order.
func TestDialectsHoldTheSameVersions(t *testing.T) {
	names := map[string][]string{}
	for _, dialect := range []string{"postgres", "sqlite"} {
		fsys, err := FS(dialect)
		if err != nil {
			t.Fatal(err)
		}
		files, err := fs.Glob(fsys, "*.sql")
		if err != nil {
			t.Fatal(err)
		}
		if len(files) == 0 {
			t.Fatalf("%s: no migrations", dialect)
		}
		names[dialect] = files
	}
	pg, lite := names["postgres"], names["sqlite"]
	for _, f := range pg {
		if !slices.Contains(lite, f) {
			t.Errorf("%s is in postgres but not in sqlite", f)
		}
	}
	for _, f := range lite {
		if !slices.Contains(pg, f) {
			t.Errorf("%s is in sqlite but not in postgres", f)
		}
	}
}

func TestFSRejectsUnknownDialect(t *testing.T) {
	if _, err := FS("mysql"); err == nil {
		t.Fatal("FS(mysql) = nil error, want one")
	}
}
