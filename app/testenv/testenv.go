// Package testenv gives integration tests real, isolated backing services:
// an SQLite file or a fresh Postgres schema per test, and a Redis database
// (a real server or the in-process one). With CI=true a missing service fails
// the test instead of skipping it.
package testenv

import (
	"bytes"
	"os"
	"testing"

	"github.com/lethe-gdpr/lethe/app/store/seal"
)

// CI reports whether a missing service must fail the run.
func CI() bool { return os.Getenv("CI") == "true" }

// Unavailable skips the test, or fails it under CI.
func Unavailable(t testing.TB, format string, args ...any) {
	t.Helper()
	if CI() {
		t.Fatalf("required service unavailable (CI=true): "+format, args...)
	}
	t.Skipf("service unavailable: "+format, args...)
}

// Keys is a fixed keyring for tests.
func Keys(t testing.TB) *seal.Keyring {
	k, err := seal.New(bytes.Repeat([]byte{7}, 32))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func env(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
