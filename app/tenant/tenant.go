// Package tenant carries the authenticated shop through a request's
// context, so every handler scopes its queries to it.
package tenant

import (
	"context"

	"github.com/lethe-gdpr/lethe/app/store"
)

type key struct{}

// Session is who is calling: the shop, and the merchant's user when known
// or the API token used.
type Session struct {
	Shop  *store.Shop
	User  string // platform user id (session token `sub`), no name or e-mail
	Token int64  // the API token's id when the caller sent one (TokenSession)
}

// With returns ctx carrying s.
func With(ctx context.Context, s Session) context.Context { return context.WithValue(ctx, key{}, s) }

// From returns the session in ctx.
func From(ctx context.Context) (Session, bool) {
	s, ok := ctx.Value(key{}).(Session)
	return s, ok && s.Shop != nil
}
