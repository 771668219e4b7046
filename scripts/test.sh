#!/usr/bin/env bash
# `make test`: start Postgres and Redis if needed and install Chromium for
# the browser tests when it is missing (scripts/services.sh), create a
# throwaway test database, then vet and run every test with the race
# detector. The Shopify Admin schema the emulator validates against is
# vendored (shopify/schema/testdata), so no test needs the network.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/services.sh

db="lethe_test_$$_$RANDOM"
if psql -h 127.0.0.1 -U postgres -d postgres -qc "CREATE DATABASE $db" >/dev/null 2>&1; then
  export LETHE_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db?sslmode=disable"
  trap 'psql -h 127.0.0.1 -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true' EXIT
elif [ "${CI:-}" = true ]; then
  echo "test: cannot create the throwaway database $db" >&2; exit 1
fi
export LETHE_TEST_REDIS_URL="${LETHE_TEST_REDIS_URL:-redis://127.0.0.1:6379}"

go vet ./...
go test -race -count=1 -timeout 20m "$@" ./...
