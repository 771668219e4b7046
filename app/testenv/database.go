package testenv

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"

	"github.com/lethe-gdpr/lethe/app/store"
)

// Dialects lists the databases every storage test runs against.
var Dialects = []string{store.SQLite, store.Postgres}

// PostgresURL is the server tests use; `make test` points it at a throwaway
// database through LETHE_TEST_DATABASE_URL.
func PostgresURL() string {
	return env("LETHE_TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test?sslmode=disable")
}

// DatabaseURL returns a database URL for dialect: "" (SQLite) or the URL of
// a fresh Postgres schema that is dropped when the test ends.
func DatabaseURL(t testing.TB, dialect string) string {
	t.Helper()
	if dialect == store.SQLite {
		return ""
	}
	base := PostgresURL()
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		Unavailable(t, "postgres at %s: %v", base, err)
	}
	schema := "t_" + randomHex(6)
	if _, err := db.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer db.Close()
		db.Exec("DROP SCHEMA " + schema + " CASCADE")
	})
	u, _ := url.Parse(base)
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Store opens a migrated store on dialect, closed when the test ends.
func Store(t testing.TB, dialect string, opts ...func(*store.Options)) *store.Store {
	t.Helper()
	o := store.Options{
		DatabaseURL: DatabaseURL(t, dialect),
		SQLitePath:  filepath.Join(t.TempDir(), "lethe.db"),
		Keys:        Keys(t),
	}
	for _, f := range opts {
		f(&o)
	}
	s, err := store.Open(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
