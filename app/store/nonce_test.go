package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

func TestUseNonceOnce(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			st := testenv.Store(t, dialect)
			ctx := context.Background()
			now := time.Date(2026, 5, 4, 10, 0, 0, 0, time.UTC)
			exp := now.Add(10 * time.Minute)
			if err := st.UseNonce(ctx, "a", exp, now); err != nil {
				t.Fatal(err)
			}
			if err := st.UseNonce(ctx, "a", exp, now.Add(time.Minute)); !errors.Is(err, store.ErrConflict) {
				t.Fatalf("second use: %v, want ErrConflict", err)
			}
			if err := st.UseNonce(ctx, "b", exp, now); err != nil {
				t.Fatalf("another nonce: %v", err)
			}
			// Once expired, a spent nonce is forgotten (its own expiry refuses it).
			var n int64
			if err := st.UseNonce(ctx, "c", exp.Add(time.Hour), exp.Add(time.Second)); err != nil {
				t.Fatal(err)
			}
			if err := st.GormForTests().Raw("SELECT count(*) FROM used_nonces").Scan(&n).Error; err != nil || n != 1 {
				t.Fatalf("%d rows after expiry (%v), want 1", n, err)
			}
		})
	}
}
