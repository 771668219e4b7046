package woocommerce

import (
	"context"
	"sync"
)

// DefaultMaxInFlight is how many requests a store gets at once by default.
const DefaultMaxInFlight = 4

// limiter is a counting semaphore for one store.
type limiter chan struct{}

func (l limiter) acquire(ctx context.Context) error {
	select {
	case l <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (l limiter) release() { <-l }

var (
	limitersMu sync.Mutex
	limiters   = map[string]limiter{}
)

// limiterFor returns the process-wide semaphore of a store, so that every
// Client of the same store shares one bound; the first Client of a store
// sets its size.
func limiterFor(store string, n int) limiter {
	limitersMu.Lock()
	defer limitersMu.Unlock()
	l, ok := limiters[store]
	if !ok {
		l = make(limiter, n)
		limiters[store] = l
	}
	return l
}
