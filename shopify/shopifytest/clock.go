package shopifytest

import (
	"context"
	"sync"
	"time"
)

// Clock is a fake clock shared by the emulator and the code under test. It
// satisfies admin.Clock. Time moves only when Advance is called, or, with
// AutoAdvance, when somebody sleeps: Sleep then moves the clock forward by
// the duration at once, so paced code runs instantly in tests while every
// wait is still accounted for.
type Clock struct {
	mu      sync.Mutex
	now     time.Time
	auto    bool
	slept   time.Duration
	waiters []*waiter
	notify  chan struct{}
}

type waiter struct {
	until time.Time
	done  chan struct{}
}

// NewClock returns a clock standing at start that only moves on Advance.
func NewClock(start time.Time) *Clock {
	return &Clock{now: start, notify: make(chan struct{}, 1)}
}

// NewAutoClock returns a clock standing at start that advances whenever
// somebody sleeps on it.
func NewAutoClock(start time.Time) *Clock {
	c := NewClock(start)
	c.auto = true
	return c
}

// Now returns the clock's current time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward and wakes sleepers whose time has come.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.advanceLocked(d)
}

func (c *Clock) advanceLocked(d time.Duration) {
	c.now = c.now.Add(d)
	kept := c.waiters[:0]
	for _, w := range c.waiters {
		if !c.now.Before(w.until) {
			close(w.done)
			continue
		}
		kept = append(kept, w)
	}
	c.waiters = kept
}

// Sleep waits for d of clock time or until ctx is done, whichever is first,
// and returns ctx.Err() in the latter case.
func (c *Clock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if d <= 0 {
		return nil
	}
	c.mu.Lock()
	c.slept += d
	if c.auto {
		c.advanceLocked(d)
		c.mu.Unlock()
		return nil
	}
	w := &waiter{until: c.now.Add(d), done: make(chan struct{})}
	c.waiters = append(c.waiters, w)
	c.mu.Unlock()
	select {
	case c.notify <- struct{}{}:
	default:
	}
	select {
	case <-w.done:
		return nil
	case <-ctx.Done():
		c.mu.Lock()
		for i, o := range c.waiters {
			if o == w {
				c.waiters = append(c.waiters[:i], c.waiters[i+1:]...)
				break
			}
		}
		c.mu.Unlock()
		return ctx.Err()
	}
}

// Slept is the total duration callers asked to sleep.
func (c *Clock) Slept() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.slept
}

// Sleepers is the number of goroutines currently blocked in Sleep.
func (c *Clock) Sleepers() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.waiters)
}

// WaitForSleeper blocks until at least one goroutine sleeps on the clock or
// ctx is done. Tests use it to act while the code under test is waiting.
func (c *Clock) WaitForSleeper(ctx context.Context) error {
	for {
		if c.Sleepers() > 0 {
			return nil
		}
		select {
		case <-c.notify:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}
