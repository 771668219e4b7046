// Package shopifytest is an in-process emulator of the parts of Shopify that
// Lethe talks to, for tests and the demo. It behaves like the platform and
// accepts nothing the platform would refuse:
//
//   - many shops on one server, chosen by the request's Host header
//     (x.myshopify.com); an unknown shop answers 404;
//   - OAuth: /admin/oauth/authorize (redirect with a signed query) and
//     /admin/oauth/access_token (authorization code, token exchange with a
//     session token, refresh; expiring tokens that really expire against the
//     emulator's clock);
//   - /admin/api/{version}/graphql.json: every document is validated against
//     Shopify's real Admin schema, executed over seeded shops, customers and
//     orders, costed the way Shopify documents it and throttled by a leaky
//     bucket per shop, with errors in Shopify's shapes;
//   - failure injection, a log of mutations, and helpers that sign webhooks,
//     session tokens and install queries as Shopify does.
package shopifytest
