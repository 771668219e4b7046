#!/usr/bin/env bash
# Refreshes the vendored front-end files from their npm packages: htmx for
# the panel (frontend/static/htmx.min.js) and axe-core for the browser tests'
# accessibility check (cmd/lethe/testdata/axe.min.js). Run by hand when
# updating; the build and the tests read only the committed copies.
set -euo pipefail
cd "$(dirname "$0")/.."
HTMX=${HTMX:-2.0.11}
AXE=${AXE:-4.14.1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "htmx.org@$HTMX" "axe-core@$AXE" >/dev/null)
tar xzf "$tmp/htmx.org-$HTMX.tgz" -C "$tmp" package/dist/htmx.min.js
cp "$tmp/package/dist/htmx.min.js" frontend/static/htmx.min.js
rm -rf "$tmp/package"
tar xzf "$tmp/axe-core-$AXE.tgz" -C "$tmp" package/axe.min.js
cp "$tmp/package/axe.min.js" cmd/lethe/testdata/axe.min.js
echo "htmx $HTMX, axe-core $AXE vendored"
