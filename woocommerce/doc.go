// Package woocommerce is Lethe's client for a WooCommerce store's REST API
// (/wp-json/wc/v3/). It authenticates with the store's consumer key and
// secret — HTTP Basic over HTTPS, OAuth 1.0a one-legged (WooCommerce's own
// base string) over plain HTTP for development stores — pages through lists
// with per_page=100 by X-WP-TotalPages, retries idempotent requests on 5xx,
// 429 and timeouts with backoff, keeps a bounded number of requests in
// flight per store (WordPress hosts are small) and turns WooCommerce's
// errors into sentinels: ErrRevoked when the key no longer works.
//
// WooCommerce's order search is fuzzy (a substring match over addresses and
// item names); GuestOrdersByEmail and FilterByBillingEmail keep only exact
// e-mail matches.
package woocommerce
