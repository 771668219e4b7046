package requests

import (
	"context"
	"errors"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
)

// JoinWindow is how far back a platform's erasure webhook is matched to an
// erasure request Lethe already handles: Shopify sends customers/redact 10
// days after the merchant's request, or up to six months later when the
// customer ordered recently.
const JoinWindow = 200 * 24 * time.Hour

// FindJoinable returns the erasure request of the same person that a
// platform's later erasure webhook belongs to (one Lethe started itself, not
// failed, received within JoinWindow), or store.ErrNotFound.
func FindJoinable(ctx context.Context, tx *store.Store, shopID int64, subject store.Subject, now time.Time) (*store.Request, error) {
	hash := tx.SubjectHash(subject)
	if hash == "" {
		return nil, store.ErrNotFound
	}
	rs, err := tx.ErasuresOf(ctx, shopID, hash, now.Add(-JoinWindow))
	if err != nil {
		return nil, err
	}
	for i := range rs {
		if rs[i].Initiator == "" && rs[i].Status != store.StatusFailed {
			return &rs[i], nil
		}
	}
	return nil, store.ErrNotFound
}

// Join records a platform's erasure webhook on the request it belongs to,
// instead of starting a second request.
func Join(ctx context.Context, tx *store.Store, r *store.Request, platform, deliveryID string) error {
	if r == nil {
		return errors.New("requests: join without a request")
	}
	return Audit(ctx, tx, r, "system:"+platform, "platform.erasure_joined", "delivery="+deliveryID)
}
