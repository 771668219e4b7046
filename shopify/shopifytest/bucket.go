package shopifytest

import (
	"math"
	"time"
)

// bucket is Shopify's leaky bucket for one app on one shop: it holds up to
// maximum points, restores restoreRate points per second, a query needs its
// requested cost available before it runs, and the difference between
// requested and actual cost is refunded afterwards.
type bucket struct {
	maximum     float64
	restoreRate float64
	available   float64
	at          time.Time
}

func newBucket(maximum, restoreRate float64, now time.Time) *bucket {
	return &bucket{maximum: maximum, restoreRate: restoreRate, available: maximum, at: now}
}

func (b *bucket) restore(now time.Time) {
	if now.After(b.at) {
		b.available = math.Min(b.maximum, b.available+now.Sub(b.at).Seconds()*b.restoreRate)
		b.at = now
	}
}

// take deducts cost when available and reports whether it did.
func (b *bucket) take(now time.Time, cost int) bool {
	b.restore(now)
	if b.available < float64(cost) {
		return false
	}
	b.available -= float64(cost)
	return true
}

func (b *bucket) refund(now time.Time, points int) {
	b.restore(now)
	b.available = math.Min(b.maximum, b.available+float64(points))
}

// status is the throttleStatus object of extensions.cost.
func (b *bucket) status(now time.Time) map[string]any {
	b.restore(now)
	return map[string]any{
		"maximumAvailable":   b.maximum,
		"currentlyAvailable": int(math.Floor(b.available)),
		"restoreRate":        b.restoreRate,
	}
}

// bucketFor returns the shop's bucket for the emulator's app.
func (e *Emulator) bucketFor(sh *shop) *bucket {
	b := sh.buckets[e.app.ClientID]
	if b == nil {
		b = newBucket(sh.opts.MaximumAvailable, sh.opts.RestoreRate, e.now())
		sh.buckets[e.app.ClientID] = b
	}
	return b
}

// SetAvailable sets the points currently available in a shop's bucket, to
// test throttling without spending them first.
func (e *Emulator) SetAvailable(domain string, points float64) {
	e.mu.Lock()
	defer e.mu.Unlock()
	b := e.bucketFor(e.mustShop(domain))
	b.restore(e.now())
	b.available = math.Min(points, b.maximum)
}
