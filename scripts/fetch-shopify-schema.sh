#!/usr/bin/env bash
# Updates the vendored copy of Shopify's real GraphQL Admin schema (an
# introspection result) for the pinned API version from the npm package
# @shopify/dev-mcp. The file is committed in shopify/schema/testdata, where
# shopify/schema and the emulator load it from; tests never run this script.
# After changing PKG or VERSION (and schema.Version), run it and commit the file.
#
# Usage: scripts/fetch-shopify-schema.sh
set -euo pipefail

PKG="@shopify/dev-mcp@1.16.0"
VERSION="2026-10"
FILE="admin_${VERSION}.json.gz"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest_dir="${root}/shopify/schema/testdata"
dest="${dest_dir}/${FILE}"

if ! command -v npm >/dev/null 2>&1; then
	echo "fetch-shopify-schema: npm is not installed; install Node.js/npm (e.g. apt-get install npm) to fetch ${PKG}" >&2
	exit 1
fi

tmp="$(mktemp -d)"
trap 'rm -rf "${tmp}"' EXIT

(cd "${tmp}" && npm pack --silent "${PKG}" >/dev/null) || {
	echo "fetch-shopify-schema: npm pack ${PKG} failed" >&2
	exit 1
}
tarball="$(ls "${tmp}"/*.tgz 2>/dev/null | head -n1)"
if [[ -z "${tarball}" ]]; then
	echo "fetch-shopify-schema: npm pack produced no tarball" >&2
	exit 1
fi

tar -xzf "${tarball}" -C "${tmp}" "package/dist/data/${FILE}" || {
	echo "fetch-shopify-schema: ${FILE} not found in ${PKG}" >&2
	exit 1
}

mkdir -p "${dest_dir}"
# Write atomically so a concurrent reader never sees a half-written file.
cp "${tmp}/package/dist/data/${FILE}" "${dest}.tmp.$$"
mv -f "${dest}.tmp.$$" "${dest}"
echo "fetch-shopify-schema: wrote ${dest}"
