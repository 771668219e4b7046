// Package admin is Lethe's client of Shopify's GraphQL Admin API (GraphQL
// only: new public apps may not use REST). Documents live in queries/ and are
// embedded; every one is validated against Shopify's real schema by a test.
//
// The client paces itself from extensions.cost.throttleStatus so it rarely
// meets THROTTLED, backs off by Shopify's numbers when it does, retries 429
// and 5xx a bounded number of times, honours context cancellation in every
// wait, and maps 401/403 to typed errors so callers can mark a shop as
// needing re-authentication.
//
// It uses net/http directly rather than go-shopify's GraphQL service: that
// one retries THROTTLED with time.Sleep (ignoring the context), keeps the
// last cost in a shared unsynchronised field, reduces errors to messages
// (losing extensions.code), and cannot send to an API origin other than
// https://{shop} while keeping Host = shop, which the emulator needs.
package admin
