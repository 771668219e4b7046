package schema

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Dir is the folder, relative to the repository root, that holds the
// vendored schema file. scripts/fetch-shopify-schema.sh updates it.
const Dir = "shopify/schema/testdata"

// RepoRoot walks up from the working directory to the folder holding go.mod.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("schema: no go.mod above the working directory")
		}
		dir = parent
	}
}

// SchemaPath returns where the vendored schema of Version lives
// (shopify/schema/testdata/admin_2026-10.json.gz at the repository root).
func SchemaPath() (string, error) {
	root, err := RepoRoot()
	if err != nil {
		return "", err
	}
	return filepath.Join(root, Dir, fmt.Sprintf("admin_%s.json.gz", Version)), nil
}
