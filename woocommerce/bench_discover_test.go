package woocommerce_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/woocommerce"
)

// BenchmarkDiscover1000Orders: discovery of a customer with 1,000 orders
// (two notes each; five guest orders under her e-mail address; the
// companion plugin installed) on a store answering every call in 150 ms,
// against the same discovery one call at a time (a bound of 1 in flight)
// on a store seeded alike, measured in the same run. Goal (issue 13): the
// concurrent run takes at most 0.3 × the sequential one, both make exactly
// the same calls, and the store never has more calls in flight than its
// bound. Takes about three minutes: run it with -bench (make bench), never
// part of the tests.
//
//	go test -run '^$' -bench Discover1000Orders -benchtime 1x ./woocommerce/
func BenchmarkDiscover1000Orders(b *testing.B) {
	const latency = 150 * time.Millisecond
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		seeded := time.Now().Truncate(time.Second)
		seq := newBulkStore(b, seeded, 1000, 2, 1)
		con := newBulkStore(b, seeded, 1000, 2, 0)
		seq.e.SetLatency(latency)
		con.e.SetLatency(latency)
		var seqLog, conLog progressLog
		b.StartTimer()

		start := time.Now()
		want, err := seq.conn.Discover(seqLog.ctx(), connect.Subject{Email: seq.email})
		seqTime := time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		start = time.Now()
		got, err := con.conn.Discover(conLog.ctx(), connect.Subject{Email: con.email})
		conTime := time.Since(start)
		if err != nil {
			b.Fatal(err)
		}

		b.StopTimer()
		if !reflect.DeepEqual(want, got) {
			b.Fatal("the concurrent discovery found other data than the sequential one")
		}
		ss, cs := seq.e.Stats(), con.e.Stats()
		if !reflect.DeepEqual(ss.ByRoute, cs.ByRoute) || ss.Requests != cs.Requests {
			b.Fatalf("other calls: concurrent %v, sequential %v", cs.ByRoute, ss.ByRoute)
		}
		seqLog.check(b, seq.orders)
		conLog.check(b, con.orders)
		bound := con.client.MaxInFlight()
		ratio := conTime.Seconds() / seqTime.Seconds()
		b.ReportMetric(seqTime.Seconds(), "sequential-s")
		b.ReportMetric(conTime.Seconds(), "concurrent-s")
		b.ReportMetric(ratio, "ratio")
		b.ReportMetric(float64(cs.Requests), "calls")
		b.ReportMetric(float64(cs.InFlightMax), "inflight-max")
		b.Logf("%d orders, %d items, %d calls (%v); sequential %.1f s (in flight ≤ %d), concurrent %.1f s (in flight ≤ %d, bound %d): ratio %.3f",
			len(recordIDs(got.Items, "order_confirmation")), len(got.Items), cs.Requests, cs.ByRoute,
			seqTime.Seconds(), ss.InFlightMax, conTime.Seconds(), cs.InFlightMax, bound, ratio)
		if cs.InFlightMax > bound || ss.InFlightMax != 1 {
			b.Fatalf("in flight: concurrent %d (bound %d), sequential %d (bound 1)", cs.InFlightMax, bound, ss.InFlightMax)
		}
		if bound != woocommerce.DefaultMaxInFlight {
			b.Fatalf("bound %d, want the default %d", bound, woocommerce.DefaultMaxInFlight)
		}
		if ratio > 0.3 {
			b.Fatalf("concurrent %.1f s is %.3f × sequential %.1f s; goal ≤ 0.3", conTime.Seconds(), ratio, seqTime.Seconds())
		}
	}
}
