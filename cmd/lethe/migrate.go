package main

import (
	"context"
	"fmt"
	"io"
)

func init() {
	register(command{
		name:    "migrate",
		summary: "apply database migrations (up) or show the schema version (status)",
		usage: `lethe migrate up|status

  up      apply every pending migration, each in its own transaction
  status  print the current and the needed schema version and what is pending

Uses LETHE_DATABASE_URL (or the SQLite file in LETHE_DATA_DIR).`,
		run: runMigrate,
	})
}

func runMigrate(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 || (args[0] != "up" && args[0] != "status") {
		fmt.Fprintln(stderr, "lethe: usage: lethe migrate up|status")
		return 2
	}
	a, err := newAdminApp(ctx, stderr)
	if err != nil {
		return fail(stderr, err)
	}
	defer a.close()
	if args[0] == "up" {
		applied, err := a.store.Migrate(ctx)
		if err != nil {
			return fail(stderr, err)
		}
		fmt.Fprintf(stdout, "applied %d migration(s) %v\n", len(applied), applied)
	}
	st, err := a.store.MigrationStatus(ctx)
	if err != nil {
		return fail(stderr, err)
	}
	fmt.Fprintf(stdout, "database: %s\nschema version: %d\nneeded version: %d\npending: %v\n",
		a.store.Dialect(), st.Current, st.Target, st.Pending)
	return 0
}
