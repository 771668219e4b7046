package woocommerce

import (
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"strconv"
	"syscall"
	"time"
)

// wait is the pause before attempt n: exponential backoff with jitter, or
// the store's Retry-After, capped at MaxBackoff.
func (c *Client) wait(n int, last *APIError) time.Duration {
	d := c.cfg.Backoff << (n - 2)
	d += time.Duration(rand.Int64N(int64(c.cfg.Backoff)/2 + 1))
	if last != nil && last.retryAfter != "" {
		if s, err := strconv.Atoi(last.retryAfter); err == nil && time.Duration(s)*time.Second > d {
			d = time.Duration(s) * time.Second
		}
	}
	if d > c.cfg.MaxBackoff {
		d = c.cfg.MaxBackoff
	}
	return d
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// notSent reports whether err happened before the request could reach the
// store (the connection was refused or could not be made), so even a POST
// may be sent again.
func notSent(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	var dns *net.DNSError
	return errors.As(err, &dns) || errors.Is(err, syscall.ECONNREFUSED)
}
