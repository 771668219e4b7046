package schema

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// CacheDir is the git-ignored folder, relative to the repository root, where
// scripts/fetch-shopify-schema.sh puts the schema.
const CacheDir = "testdata-cache/shopify"

// FetchScript is the script, relative to the repository root, that fetches
// the schema.
const FetchScript = "scripts/fetch-shopify-schema.sh"

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

// SchemaPath returns where the cached schema of Version lives
// (testdata-cache/shopify/admin_2026-10.json.gz at the repository root),
// whether or not the file exists yet.
func SchemaPath() (string, error) {
	root, err := RepoRoot()
	if err != nil {
		return "", err
	}
	return filepath.Join(root, CacheDir, fmt.Sprintf("admin_%s.json.gz", Version)), nil
}
