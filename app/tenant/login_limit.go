package tenant

import (
	"context"
	"net/netip"
	"strings"
	"time"
)

// limit is a rate limit: at most max attempts under one key within window.
// Attempts are kept in the database (store.AddLoginAttempts), so the limit
// holds across restarts and every web process; keys are keyed hashes of
// the account's address or of the client's address, never the addresses.
type limit struct {
	purpose string
	max     int64
	window  time.Duration
}

var (
	// Failed logins: per account, and per client address (a network
	// guessing many accounts' passwords).
	accountLogins = limit{"login.limit.account", 5, 15 * time.Minute}
	addressLogins = limit{"login.limit.address", 20, 15 * time.Minute}
	// Reset e-mails: per account (no mailbox is flooded), and per client.
	accountResets = limit{"reset.limit.account", 3, time.Hour}
	addressResets = limit{"reset.limit.address", 20, 15 * time.Minute}
)

// attemptsKept is the longest window: older attempts are pruned.
const attemptsKept = time.Hour

func (l *Logins) limitKey(lim limit, value string) string {
	return l.st.Keys().Hash(lim.purpose, value)
}

// over reports whether key has reached lim at now.
func (l *Logins) over(ctx context.Context, lim limit, key string, now time.Time) (bool, error) {
	n, err := l.st.CountLoginAttempts(ctx, key, now.Add(-lim.window))
	return n >= lim.max, err
}

// record counts one attempt under each key at now, pruning the old ones,
// and returns the attempts' ids.
func (l *Logins) record(ctx context.Context, now time.Time, keys ...string) ([]int64, error) {
	if err := l.st.PruneLoginAttempts(ctx, now.Add(-attemptsKept)); err != nil {
		return nil, err
	}
	return l.st.AddLoginAttempts(ctx, now, keys...)
}

// admit records an attempt under each key first and then counts, so that
// concurrent attempts cannot all pass a count taken before any of them was
// recorded: it reports whether the attempt is within every limit (its own
// attempt included) and the recorded attempts' ids. An attempt refused
// for a limit is forgotten again, so hammering a locked account does not
// extend its lock.
func (l *Logins) admit(ctx context.Context, now time.Time, keys []string, limits []limit) (bool, []int64, error) {
	ids, err := l.record(ctx, now, keys...)
	if err != nil {
		return false, nil, err
	}
	for i, key := range keys {
		n, err := l.st.CountLoginAttempts(ctx, key, now.Add(-limits[i].window))
		if err != nil {
			return false, ids, err
		}
		if n > limits[i].max {
			return false, ids, l.st.DeleteLoginAttempts(ctx, ids...)
		}
	}
	return true, ids, nil
}

// clientAddress is what the per-address limits count: an IPv4 address, or
// the /64 network of an IPv6 one (one subscriber's usual share).
func clientAddress(ip string) string {
	a, err := netip.ParseAddr(strings.TrimSpace(ip))
	if err != nil {
		return strings.TrimSpace(ip)
	}
	a = a.Unmap()
	if a.Is4() {
		return a.String()
	}
	p, _ := a.Prefix(64)
	return p.String()
}

// normalEmail is the form of an address the limits count.
func normalEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }
