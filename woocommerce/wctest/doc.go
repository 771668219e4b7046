// Package wctest is an in-process emulator of one WooCommerce store (WordPress
// with WooCommerce) for tests, the demo and benchmarks. It follows the facts in
// shared/reference/woocommerce.md and WooCommerce's own sources, and accepts
// nothing the platform would refuse:
//
//   - wc-auth: /wc-auth/v1/authorize (mandatory app_name, scope, user_id,
//     return_url, callback_url over https) with an approve/deny step the test
//     drives (Approve, Deny or the links on the page); the new key is POSTed as
//     JSON to callback_url and deleted unless the callback answers exactly 200;
//   - REST /wp-json/wc/v3/: HTTP Basic or consumer_key/consumer_secret query
//     parameters over HTTPS only, OAuth 1.0a one-legged over plain HTTP
//     (WooCommerce's own base string, HMAC-SHA1/SHA256, 15-minute timestamp
//     window, nonces), errors in WordPress's {"code","message","data"} shape;
//   - pagination as WordPress does it (per_page default 10, max 100, page,
//     offset, X-WP-Total, X-WP-TotalPages, Link);
//   - customers (email exact, role defaulting to customer), orders (customer,
//     a fuzzy search across address indexes and item names), notes, product
//     reviews, read-only fields ignored, calculate_totals(true) on any order
//     PUT with billing, shipping or line_items (taxes recomputed from the tax
//     location with the current rate table), force rules on DELETE;
//   - the companion plugin's signed routes (plugin*.go): erase sets an
//     order's fields with WooCommerce's CRUD and never recalculates;
//   - revoked keys, deleted key owners, injected 5xx/429/hangs, a per-call
//     latency, a request counter, per-object counts of requests and of the
//     changes made (Stats.ByPath, Stats.Effects) and an in-flight maximum.
//
// One Emulator is one store; start several for several stores.
package wctest
