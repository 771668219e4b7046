package woocommerce_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/woocommerce"
	"github.com/lethe-gdpr/lethe/woocommerce/wctest"
)

// bulkStore is a store whose customer has many orders, each with notes,
// a few guest orders under her e-mail address, and the companion plugin
// with a comment and her analytics row. Stores made with the same seeded
// clock hold the same data under the same ids.
type bulkStore struct {
	e      *wctest.Emulator
	conn   connect.Connector
	client *woocommerce.Client
	email  string
	orders int
}

var bulkBilling = wctest.Billing{FirstName: "Clara", LastName: "Vogel", Address1: "Lindenallee 4", City: "Hamburg", Postcode: "20259",
	Country: "DE", Email: "clara.vogel@example.de", Phone: "+49 40 5550111"}

func newBulkStore(t testing.TB, seeded time.Time, orders, notesPer, maxInFlight int) *bulkStore {
	t.Helper()
	var seeding atomic.Bool
	seeding.Store(true)
	clock := func() time.Time {
		if seeding.Load() {
			return seeded
		}
		return time.Now()
	}
	e := wctest.StartTLS(t, wctest.Options{Now: clock})
	// As the client's default transport does: keep a connection per call
	// in flight, so the emulator's client opens no TLS connection per call.
	e.Client.Transport.(*http.Transport).MaxIdleConnsPerHost = 2 * woocommerce.DefaultMaxInFlight
	id := e.AddCustomer(wctest.Customer{Email: bulkBilling.Email, FirstName: "Clara", LastName: "Vogel", Username: "clara",
		Billing: bulkBilling, DateCreated: seeded.AddDate(-4, 0, 0)})
	e.SeedOrders(0, bulkBilling, 5, 1) // guest orders from before she registered
	e.SeedOrders(id, bulkBilling, orders, notesPer)
	e.AddComment(wctest.Comment{PostID: 9, PostTitle: "Herbstmischung", Author: "Clara", AuthorEmail: bulkBilling.Email,
		AuthorIP: "198.51.100.7", Content: "Sehr fein.", DateGMT: seeded.AddDate(0, -3, 0)})
	e.AddAnalytics(wctest.AnalyticsCustomer{UserID: id, FirstName: "Clara", LastName: "Vogel", Email: bulkBilling.Email,
		City: "Hamburg", Country: "DE", DateRegistered: seeded.AddDate(-4, 0, 0), DateLastActive: seeded.AddDate(0, 0, -2)})
	e.SetUserMeta(id, "description", "Filterkaffee, bitte.")
	seeding.Store(false)
	secret := woocommerce.NewPluginSecret()
	e.InstallPlugin(secret)
	c, _ := client(t, e, func(c *woocommerce.Config) {
		c.PluginSecret, c.MaxInFlight = secret, maxInFlight
	})
	if maxInFlight > 0 && c.MaxInFlight() != maxInFlight {
		t.Fatalf("bound %d, want %d", c.MaxInFlight(), maxInFlight)
	}
	e.ResetStats()
	return &bulkStore{e: e, conn: woocommerce.NewConnector(c, wooShop()), client: c, email: bulkBilling.Email, orders: orders + 5}
}

// progressLog records what a connector reports.
type progressLog struct {
	mu      sync.Mutex
	reports [][2]int
}

func (p *progressLog) ctx() context.Context {
	return connect.WithProgress(ctx, func(read, total int) {
		p.mu.Lock()
		defer p.mu.Unlock()
		p.reports = append(p.reports, [2]int{read, total})
	})
}

// check fails unless the counts only rose, the total stayed the orders'
// number and the last report counted every order.
func (p *progressLog) check(t testing.TB, orders int) {
	t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.reports) == 0 || p.reports[len(p.reports)-1] != [2]int{orders, orders} {
		t.Fatalf("progress %v does not end at %d of %d", p.reports, orders, orders)
	}
	for i, r := range p.reports {
		if r[1] != orders || i > 0 && r[0] < p.reports[i-1][0] {
			t.Fatalf("progress is not monotonic at report %d: %v", i, p.reports)
		}
	}
}

// Discovery with calls at once gives exactly what one call at a time
// gives, makes exactly the same calls, never exceeds the store's bound and
// reports rising progress.
func TestConnectorDiscoverConcurrently(t *testing.T) {
	seeded := time.Now().Add(-time.Hour).Truncate(time.Second)
	seq := newBulkStore(t, seeded, 250, 2, 1)
	con := newBulkStore(t, seeded, 250, 2, 0) // the default bound
	for _, b := range []*bulkStore{seq, con} {
		b.e.SetLatency(2 * time.Millisecond)
	}
	var seqLog, conLog progressLog
	want, err := seq.conn.Discover(seqLog.ctx(), connect.Subject{Email: seq.email})
	if err != nil {
		t.Fatal(err)
	}
	got, err := con.conn.Discover(conLog.ctx(), connect.Subject{Email: con.email})
	if err != nil {
		t.Fatal(err)
	}
	wj, _ := json.Marshal(want)
	gj, _ := json.Marshal(got)
	if string(wj) != string(gj) {
		t.Fatalf("concurrent discovery differs from sequential:\n got %.600s\nwant %.600s", gj, wj)
	}
	if n := len(recordIDs(got.Items, retention.OrderConfirmation)); n != con.orders {
		t.Fatalf("%d orders, want %d", n, con.orders)
	}
	ss, cs := seq.e.Stats(), con.e.Stats()
	if !reflect.DeepEqual(ss.ByRoute, cs.ByRoute) {
		t.Fatalf("other calls:\n concurrent %v\n sequential %v", cs.ByRoute, ss.ByRoute)
	}
	if cs.ByRoute["GET orders/{id}/notes"] != con.orders || cs.ByRoute["GET orders"] != 6 || cs.ByRoute["POST lethe/find"] != 1 {
		t.Fatalf("calls %v", cs.ByRoute)
	}
	if ss.InFlightMax != 1 {
		t.Fatalf("sequential run had %d calls in flight", ss.InFlightMax)
	}
	if cs.InFlightMax > woocommerce.DefaultMaxInFlight || cs.InFlightMax < 2 {
		t.Fatalf("concurrent run had up to %d calls in flight, want 2 … %d", cs.InFlightMax, woocommerce.DefaultMaxInFlight)
	}
	seqLog.check(t, seq.orders)
	conLog.check(t, con.orders)
}

// A failing call stops the calls not yet made: the error names the step,
// not the person.
func TestConnectorDiscoverStopsAtFirstFailure(t *testing.T) {
	b := newBulkStore(t, time.Now().Truncate(time.Second), 120, 1, 0)
	b.e.SetLatency(2 * time.Millisecond)
	cl, _ := client(t, b.e, func(c *woocommerce.Config) { c.MaxAttempts = 1 })
	b.e.ResetStats()
	b.e.FailRequest(40, wctest.FaultServerError) // a notes call: the lists and the plugin come first
	_, err := woocommerce.NewConnector(cl, wooShop()).Discover(ctx, connect.Subject{Email: b.email})
	if !errors.Is(err, woocommerce.ErrUnavailable) || !strings.Contains(err.Error(), "reading the order notes") {
		t.Fatalf("err %v", err)
	}
	if strings.Contains(strings.ToLower(err.Error()), "clara") {
		t.Fatalf("personal data in %q", err)
	}
	// Nothing started after the failure but what was already waiting for
	// the bound.
	if n := b.e.Stats().Requests; n > 40+2*woocommerce.DefaultMaxInFlight {
		t.Fatalf("%d requests after a failure at the 40th of %d", n, b.orders+10)
	}
	// A cancelled context stops it too.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := b.conn.Discover(cctx, connect.Subject{Email: b.email}); err == nil {
		t.Fatal("cancelled discovery succeeded")
	}
}
