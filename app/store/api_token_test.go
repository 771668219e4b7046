package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
)

func TestAPITokens(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a, b := shop(t, s, "a.myshopify.com"), shop(t, s, "b.myshopify.com")
		at := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
		ta := &store.APIToken{ShopID: a.ID, Name: "support", TokenHash: "hash-a", CreatedAt: at}
		tb := &store.APIToken{ShopID: b.ID, Name: "erp", TokenHash: "hash-b", CreatedAt: at}
		for _, tok := range []*store.APIToken{ta, tb} {
			if err := s.CreateAPIToken(ctx, tok); err != nil || tok.ID == 0 {
				t.Fatalf("create: %v (id %d)", err, tok.ID)
			}
		}
		if err := s.CreateAPIToken(ctx, &store.APIToken{ShopID: b.ID, TokenHash: "hash-a", CreatedAt: at}); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("second token with the same hash: %v", err)
		}

		got, err := s.APITokenByHash(ctx, "hash-a")
		if err != nil || got.ID != ta.ID || got.ShopID != a.ID || got.Name != "support" || !got.CreatedAt.Equal(at) || got.LastUsedAt != nil || got.RevokedAt != nil {
			t.Fatalf("by hash: %+v %v", got, err)
		}
		if _, err := s.APITokenByHash(ctx, "hash-unknown"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("unknown hash: %v", err)
		}

		used := at.Add(time.Hour)
		if err := s.TouchAPIToken(ctx, ta.ID, used); err != nil {
			t.Fatal(err)
		}
		list, err := s.APITokens(ctx, a.ID)
		if err != nil || len(list) != 1 || list[0].ID != ta.ID || list[0].LastUsedAt == nil || !list[0].LastUsedAt.Equal(used) {
			t.Fatalf("list of a: %+v %v", list, err)
		}

		// A shop cannot revoke another shop's token.
		if _, err := s.RevokeAPIToken(ctx, a.ID, tb.ID, used); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("revoke b's token as a: %v", err)
		}
		if _, err := s.RevokeAPIToken(ctx, a.ID, 999999, used); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("revoke unknown: %v", err)
		}
		if live, err := s.RevokeAPIToken(ctx, a.ID, ta.ID, used); err != nil || !live {
			t.Fatalf("revoke: %v %v", live, err)
		}
		// Revoking again keeps the first time.
		if live, err := s.RevokeAPIToken(ctx, a.ID, ta.ID, used.Add(time.Hour)); err != nil || live {
			t.Fatalf("revoke again: %v %v", live, err)
		}
		got, _ = s.APITokenByHash(ctx, "hash-a")
		if got.RevokedAt == nil || !got.RevokedAt.Equal(used) {
			t.Fatalf("revoked at %v, want %v", got.RevokedAt, used)
		}
		list, _ = s.APITokens(ctx, b.ID)
		if len(list) != 1 || list[0].RevokedAt != nil {
			t.Fatalf("b's token changed: %+v", list)
		}

		// A deleted shop (shop/redact) takes its tokens along.
		if _, err := s.DeleteShopData(ctx, a.ID, 0, 100); err != nil {
			t.Fatal(err)
		}
		if _, err := s.APITokenByHash(ctx, "hash-a"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("token of a deleted shop: %v", err)
		}
		if _, err := s.APITokenByHash(ctx, "hash-b"); err != nil {
			t.Fatalf("b's token after a's deletion: %v", err)
		}
	})
}
