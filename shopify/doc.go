// Package shopify is Lethe's Shopify app: install (authorization-code grant
// and token exchange), embedded session tokens, expiring offline tokens with
// refresh, the compliance webhooks, and the connector to the GraphQL Admin
// API (package admin). go-shopify has none of token exchange, refresh or
// session tokens (its issue #342), so they are written here.
package shopify
