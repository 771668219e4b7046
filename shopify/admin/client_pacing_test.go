package admin_test

import (
	"context"
	"errors"
	"math"
	"sync"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/shopify/admin"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

// bigOrderVars asks for an order with 50 line items a page: a requested
// cost of 26 + 6 × 50 points, more than a 100-point bucket holds.
func bigOrderVars(id int64) map[string]any {
	return map[string]any{"id": shopifytest.GID("Order", id), "lineItemsFirst": 50}
}

func TestThrottledBacksOffByShopifysNumbers(t *testing.T) {
	f := setup(t, true, shopifytest.ShopOptions{})
	_, ids := seedOrders(f, 1, 3)
	f.e.SetAvailable(shopA, 10)
	c := f.client(t, nil)
	var out map[string]any
	cost, err := c.DoCost(context.Background(), admin.QueryDiscoveryOrder, bigOrderVars(ids[0]), &out)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.e.Stats().Throttled; got != 1 {
		t.Fatalf("throttled %d times, want 1", got)
	}
	// THROTTLED said: requested R, 10 available, 100/s: wait (R-10)/100 s.
	want := time.Duration(math.Ceil(float64(cost.RequestedQueryCost-10) / 100 * float64(time.Second)))
	if got := f.clock.Slept(); got < want || got > want+time.Millisecond {
		t.Errorf("waited %v, want %v", got, want)
	}
}

func TestThrottledRetriesAreBounded(t *testing.T) {
	// A bucket smaller than the query can never serve it.
	f := setup(t, true, shopifytest.ShopOptions{RestoreRate: 100, MaximumAvailable: 100})
	_, ids := seedOrders(f, 1, 1)
	err := f.client(t, nil).Do(context.Background(), admin.QueryDiscoveryOrder, bigOrderVars(ids[0]), nil)
	if !errors.Is(err, admin.ErrThrottled) {
		t.Fatalf("err = %v, want ErrThrottled", err)
	}
	if got := f.e.Stats().Throttled; got != 6 {
		t.Errorf("throttled %d times, want 6 (1 + MaxThrottleRetries 5)", got)
	}
}

func TestContextCancelDuringWaitReturnsPromptly(t *testing.T) {
	f := setup(t, false, shopifytest.ShopOptions{})
	_, ids := seedOrders(f, 1, 1)
	f.e.SetAvailable(shopA, 0)
	c := f.client(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- c.Do(ctx, admin.QueryDiscoveryOrder, bigOrderVars(ids[0]), nil)
	}()
	wctx, wcancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer wcancel()
	if err := f.clock.WaitForSleeper(wctx); err != nil {
		t.Fatal("client never waited:", err)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if !f.clock.Now().Equal(t0) {
		t.Errorf("clock moved to %v: the wait did not end on cancel", f.clock.Now())
	}
}

// TestPacingKeepsThrottledRare reads 200 full orders with four workers on a
// Standard (100 points/s) bucket. With a shared pacer only the very first
// requests, whose cost is not known yet, may be throttled; without shared
// knowledge the same work is throttled far more often.
func TestPacingKeepsThrottledRare(t *testing.T) {
	run := func(t *testing.T, shared bool) (throttled int, slept time.Duration) {
		f := setup(t, true, shopifytest.ShopOptions{RestoreRate: 100})
		_, ids := seedOrders(f, 200, 5)
		pacer := admin.NewPacer()
		var wg sync.WaitGroup
		errs := make(chan error, len(ids))
		for w := 0; w < 4; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for i := w; i < len(ids); i += 4 {
					p, retries := pacer, 0
					if !shared {
						p, retries = admin.NewPacer(), 1000 // a client that forgets the bucket every time
					}
					o, err := f.client(t, p, func(c *admin.Config) { c.MaxThrottleRetries = retries }).OrderFull(context.Background(), shopifytest.GID("Order", ids[i]))
					if err != nil {
						errs <- err
						return
					}
					if len(o.LineItems) != 5 {
						errs <- errors.New("line items missing")
						return
					}
				}
			}(w)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		return f.e.Stats().Throttled, f.clock.Slept()
	}
	paced, _ := run(t, true)
	unpaced, _ := run(t, false)
	t.Logf("THROTTLED with shared pacer: %d of 200; without: %d", paced, unpaced)
	if paced > 4 {
		t.Errorf("paced client was throttled %d times, want at most 4 (one per worker before the cost is known)", paced)
	}
	if unpaced <= paced {
		t.Errorf("pacing made no difference: %d vs %d", paced, unpaced)
	}
}
