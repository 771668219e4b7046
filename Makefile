.PHONY: run test lint build bench

run:
	go run ./cmd/lethe serve

# Starts Postgres and Redis when they are not running (installs them on a
# bare Debian machine), makes a throwaway database, runs vet and every test.
test:
	bash scripts/test.sh

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt -l:"; echo "$$out"; exit 1; fi
	go vet ./...

build:
	go build -o bin/lethe ./cmd/lethe

# Benchmarks run on demand, not in CI.
bench:
	bash scripts/services.sh
	go test -run '^$$' -bench . -benchtime 1x ./...
