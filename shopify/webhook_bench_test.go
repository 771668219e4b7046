package shopify_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/logging"
	"github.com/lethe-gdpr/lethe/app/metrics"
	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/app/step"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/jobs"
	"github.com/lethe-gdpr/lethe/shopify"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

// BenchmarkWebhookIntake sends signed customers/data_request webhooks over
// real HTTP to Lethe wired as in production (server middleware, Postgres,
// real Redis queue, JSON log to a file) and, in the same run and with the
// same client, to a bare Echo handler that only answers 200. It measures
//
//   - the maximum throughput: LETHE_BENCH_WEBHOOKS webhooks (default 10,000)
//     from LETHE_BENCH_CLIENTS keep-alive clients (default 32);
//   - the latency at a fixed offered rate (LETHE_BENCH_RATE per second,
//     default 500, for LETHE_BENCH_SECONDS, default 10), open loop: sends
//     are scheduled on the clock and never wait for earlier answers, and
//     latency counts from the scheduled time;
//
// then checks that every webhook answered 200 is durable: one delivery
// row, one request, its first step. Run it with
//
//	go test -run '^$' -bench WebhookIntake -benchtime 1x ./shopify/
func BenchmarkWebhookIntake(b *testing.B) {
	cfg := benchConfig{
		webhooks: envInt("LETHE_BENCH_WEBHOOKS", 10000),
		clients:  envInt("LETHE_BENCH_CLIENTS", 32),
		rate:     envInt("LETHE_BENCH_RATE", 500),
		seconds:  envInt("LETHE_BENCH_SECONDS", 10),
		shops:    20,
	}
	lethe := newBenchLethe(b, cfg.shops)
	bare := newBenchBare(b)
	client := benchClient(cfg.clients)

	gen := &webhookGen{secret: lethe.secret, shops: lethe.domains}
	// Warm both servers up (connections, pools, caches); these count as
	// sent webhooks for the durability check.
	warm := 200
	lethe.run(b, client, gen.batch(warm), cfg.clients)
	bare.run(b, client, gen.batch(warm), cfg.clients)

	var r benchResults
	r.bareMax = bare.run(b, client, gen.batch(cfg.webhooks), cfg.clients)
	r.letheMax = lethe.run(b, client, gen.batch(cfg.webhooks), cfg.clients)
	n := cfg.rate * cfg.seconds
	r.bareRate = bare.runRate(b, client, gen.batch(n), cfg.rate)
	r.letheRate = lethe.runRate(b, client, gen.batch(n), cfg.rate)

	durable := lethe.checkDurable(b)
	enqueued := lethe.enqueued(b)

	goal := r.letheMax.throughput() >= 1000 && r.letheRate.pct(99) < 50*time.Millisecond &&
		durable == lethe.accepted() && r.letheMax.failed+r.letheRate.failed == 0
	// Printed rather than logged: the testing package cuts benchmark logs
	// to ten lines.
	fmt.Printf("\n%s", r.table(cfg))
	fmt.Printf("accepted (200): %d; durable (delivery + request + step): %d; non-200 answers: %d\n",
		lethe.accepted(), durable, r.letheMax.failed+r.letheRate.failed)
	fmt.Printf("tasks waiting in Redis: %d (informational: a FLUSHALL by another test empties it; the reconciler enqueues again from the steps table)\n", enqueued)
	fmt.Printf("goal (>= 1000/s, p99 < 50 ms at %d/s, every accepted webhook durable): %v\n\n", cfg.rate, goal)

	b.ReportMetric(1e9/r.letheMax.throughput(), "ns/op")
	b.ReportMetric(r.letheMax.throughput(), "webhooks/s")
	b.ReportMetric(ms(r.letheRate.pct(50)), "p50_ms")
	b.ReportMetric(ms(r.letheRate.pct(90)), "p90_ms")
	b.ReportMetric(ms(r.letheRate.pct(99)), "p99_ms")
	b.ReportMetric(r.bareMax.throughput(), "bare_webhooks/s")
	b.ReportMetric(ms(r.bareRate.pct(99)), "bare_p99_ms")
	if durable != lethe.accepted() {
		b.Fatalf("%d webhooks answered 200 but only %d are durable", lethe.accepted(), durable)
	}
}

type benchConfig struct{ webhooks, clients, rate, seconds, shops int }

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// benchClient is one HTTP client for every measurement: keep-alive, enough
// idle connections for the open-loop phase's concurrency.
func benchClient(clients int) *http.Client {
	tr := &http.Transport{
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        max(clients, 256),
		MaxIdleConnsPerHost: max(clients, 256),
		IdleConnTimeout:     90 * time.Second,
		DisableCompression:  true,
	}
	return &http.Client{Transport: tr, Timeout: 30 * time.Second}
}

// webhook is one prepared delivery: body and headers as Shopify sends them.
type webhook struct {
	id, shop string
	body     []byte
	hmac     string
}

type webhookGen struct {
	secret string
	shops  []string
	n      int
}

// batch prepares n customers/data_request deliveries with unique webhook
// ids, spread over the shops and over distinct customers.
func (g *webhookGen) batch(n int) []webhook {
	out := make([]webhook, n)
	for i := range out {
		g.n++
		k := int64(g.n)
		shop := g.shops[g.n%len(g.shops)]
		c := shopifytest.WebhookCustomer{ID: 5_000_000 + k, Email: fmt.Sprintf("customer-%d@example.com", k)}
		if k%3 != 0 {
			c.Phone = fmt.Sprintf("+49 170 %07d", k)
		}
		orders := make([]int64, k%4)
		for j := range orders {
			orders[j] = 9_000_000 + k*10 + int64(j)
		}
		body, err := json.Marshal(shopifytest.DataRequest(954889+int64(g.n%len(g.shops)), shop, c, orders, 70_000+k))
		if err != nil {
			panic(err)
		}
		out[i] = webhook{
			id:   fmt.Sprintf("%08x-be9c-4000-8000-%012x", k*2654435761%(1<<32), k), // UUID-like, unique
			shop: shop, body: body, hmac: shopifytest.WebhookHMAC(body, g.secret),
		}
	}
	return out
}

// target is a server under measurement.
type target struct {
	url string
	ok  sync.Map // webhook id → struct{}: answered 200
	n   atomic.Int64
}

func (t *target) accepted() int { return int(t.n.Load()) }

// send delivers one webhook and reports its status.
func (t *target) send(ctx context.Context, c *http.Client, w webhook) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.url, bytes.NewReader(w.body))
	if err != nil {
		return 0, err
	}
	h := req.Header
	h.Set("Content-Type", "application/json")
	h.Set("User-Agent", "Shopify-Captain-Hook")
	h.Set("X-Shopify-Topic", shopify.TopicDataRequest)
	h.Set("X-Shopify-Shop-Domain", w.shop)
	h.Set("X-Shopify-API-Version", "2026-10")
	h.Set("X-Shopify-Webhook-Id", w.id)
	h.Set("X-Shopify-Event-Id", w.id)
	h.Set("X-Shopify-Triggered-At", time.Now().UTC().Format(time.RFC3339Nano))
	h.Set("X-Shopify-Hmac-Sha256", w.hmac)
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode == http.StatusOK {
		if _, dup := t.ok.LoadOrStore(w.id, struct{}{}); !dup {
			t.n.Add(1)
		}
	}
	return resp.StatusCode, nil
}

// phase is the outcome of one measurement.
type phase struct {
	sent, failed int
	wall         time.Duration
	lat          []time.Duration // sorted
	firstErr     string
}

func (p phase) throughput() float64 { return float64(p.sent-p.failed) / p.wall.Seconds() }

func (p phase) pct(q float64) time.Duration {
	if len(p.lat) == 0 {
		return 0
	}
	i := int(q / 100 * float64(len(p.lat)))
	return p.lat[min(i, len(p.lat)-1)]
}

// run sends ws as fast as clients concurrent keep-alive clients can.
func (t *target) run(b *testing.B, c *http.Client, ws []webhook, clients int) phase {
	b.Helper()
	ctx := context.Background()
	var next atomic.Int64
	lat := make([]time.Duration, len(ws))
	codes := make([]int, len(ws))
	var errOnce sync.Once
	var firstErr string
	var wg sync.WaitGroup
	start := time.Now()
	for range clients {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(ws) {
					return
				}
				t0 := time.Now()
				code, err := t.send(ctx, c, ws[i])
				lat[i], codes[i] = time.Since(t0), code
				if err != nil || code != http.StatusOK {
					errOnce.Do(func() { firstErr = fmt.Sprintf("status %d: %v", code, err) })
				}
			}
		})
	}
	wg.Wait()
	return finish(time.Since(start), lat, codes, firstErr)
}

// runRate sends ws open loop at rate per second: the i-th send is due at
// start + i/rate whatever happened to the earlier ones; its latency counts
// from that due time, so a stalled server cannot hide its queue.
func (t *target) runRate(b *testing.B, c *http.Client, ws []webhook, rate int) phase {
	b.Helper()
	ctx := context.Background()
	lat := make([]time.Duration, len(ws))
	codes := make([]int, len(ws))
	var errOnce sync.Once
	var firstErr string
	var wg sync.WaitGroup
	interval := time.Second / time.Duration(rate)
	start := time.Now().Add(10 * time.Millisecond)
	for i := range ws {
		due := start.Add(time.Duration(i) * interval)
		time.Sleep(time.Until(due))
		wg.Go(func() {
			code, err := t.send(ctx, c, ws[i])
			lat[i], codes[i] = time.Since(due), code
			if err != nil || code != http.StatusOK {
				errOnce.Do(func() { firstErr = fmt.Sprintf("status %d: %v", code, err) })
			}
		})
	}
	wg.Wait()
	return finish(time.Since(start), lat, codes, firstErr)
}

func finish(wall time.Duration, lat []time.Duration, codes []int, firstErr string) phase {
	p := phase{sent: len(codes), wall: wall, firstErr: firstErr}
	for _, c := range codes {
		if c != http.StatusOK {
			p.failed++
		}
	}
	p.lat = slices.Clone(lat)
	slices.Sort(p.lat)
	return p
}

// benchLethe is Lethe's webhook intake wired as cmd/lethe wires it.
type benchLethe struct {
	target
	secret  string
	domains []string
	st      *store.Store
	redis   *jobs.Redis
}

func newBenchLethe(b *testing.B, shops int) *benchLethe {
	b.Helper()
	ctx := context.Background()
	st := testenv.Store(b, store.Postgres)
	r, err := jobs.OpenRedis(ctx, testenv.Redis(b, testenv.RealRedis))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { r.Close() })

	// The production log: JSON at info, to a file rather than a terminal.
	logFile, err := os.Create(filepath.Join(b.TempDir(), "lethe.log"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { logFile.Close() })
	log := logging.New(logFile, "json", "info")
	m := metrics.New()

	// Kinds as in cmd/lethe, plus the request pipeline's first step so that
	// every accepted webhook really goes to Redis (no worker runs here).
	kinds := jobs.NewKinds()
	kinds.Register(step.RedactShop, jobs.HandleShopRedact(st, log), jobs.KindOptions{Queue: jobs.QueueMaintenance})
	kinds.Register(step.Discover, func(context.Context, *store.Step) error { return nil }, jobs.KindOptions{})
	q := jobs.NewQueue(r, kinds)
	b.Cleanup(func() { q.Close() })
	jobs.RegisterMetrics(m, r, st)

	srv := server.New(server.Deps{
		Log: log, Metrics: m,
		Checks: map[string]server.Pinger{"database": st, "redis": r},
	})
	secret := "shpss_bench_" + strconv.FormatInt(time.Now().UnixNano(), 36)
	wh := &shopify.Webhooks{Secret: secret, MaxBytes: 1 << 20, Store: st, Queue: q, Log: log}
	srv.Echo().POST("/webhooks/shopify", wh.Handle)

	l := &benchLethe{secret: secret, st: st, redis: r}
	zones := []struct{ tz, country, region string }{
		{"Europe/Berlin", "DE", "BE"}, {"Europe/Berlin", "DE", "BY"}, {"Europe/Vienna", "AT", ""},
		{"Europe/Berlin", "DE", "NW"}, {"Europe/Paris", "FR", ""},
	}
	for i := range shops {
		z := zones[i%len(zones)]
		sh := &store.Shop{Platform: "shopify", Domain: fmt.Sprintf("bench-shop-%02d.myshopify.com", i),
			Timezone: z.tz, Country: z.country, Region: z.region, InstalledAt: ptr(time.Now())}
		if err := st.UpsertShop(ctx, sh); err != nil {
			b.Fatal(err)
		}
		if err := st.SetCredentials(ctx, sh.ID, shopify.Credentials{AccessToken: "shpat_bench"}); err != nil {
			b.Fatal(err)
		}
		l.domains = append(l.domains, sh.Domain)
	}
	l.url = serve(b, srv.Serve, srv.Shutdown) + "/webhooks/shopify"
	return l
}

func ptr[T any](v T) *T { return &v }

// newBenchBare is the baseline: a bare Echo handler that only answers 200.
func newBenchBare(b *testing.B) *target {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.POST("/webhooks/shopify", func(c echo.Context) error { return c.NoContent(http.StatusOK) })
	hs := &http.Server{Handler: e, ReadHeaderTimeout: 10 * time.Second}
	return &target{url: serve(b, hs.Serve, hs.Shutdown) + "/webhooks/shopify"}
}

// serve runs a server on a real TCP port until the benchmark ends.
func serve(b testing.TB, run func(net.Listener) error, stop func(context.Context) error) string {
	b.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- run(ln) }()
	b.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		stop(ctx)
		if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
			b.Errorf("serve: %v", err)
		}
	})
	return "http://" + ln.Addr().String()
}

// checkDurable counts the webhooks answered 200 that have exactly one
// accepted delivery row linked to exactly one request, which has its
// request:discover step.
func (l *benchLethe) checkDurable(b *testing.B) int {
	b.Helper()
	rows, err := l.st.SQL().Query(`
		SELECT d.delivery_id,
		       (SELECT count(*) FROM requests r WHERE r.id = d.request_id),
		       (SELECT count(*) FROM steps s WHERE s.request_id = d.request_id AND s.kind = $1)
		FROM webhook_deliveries d WHERE d.platform = 'shopify' AND d.status = 'accepted'`, step.Discover)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	seen := map[string]bool{}
	durable := 0
	for rows.Next() {
		var id string
		var nReq, nStep int
		if err := rows.Scan(&id, &nReq, &nStep); err != nil {
			b.Fatal(err)
		}
		if seen[id] {
			b.Errorf("delivery %s recorded twice", id)
		}
		seen[id] = true
		if _, ok := l.ok.Load(id); ok && nReq == 1 && nStep == 1 {
			durable++
		}
	}
	if err := rows.Err(); err != nil {
		b.Fatal(err)
	}
	var requestsN int
	if err := l.st.SQL().QueryRow(`SELECT count(*) FROM requests`).Scan(&requestsN); err != nil {
		b.Fatal(err)
	}
	if requestsN != len(seen) {
		b.Errorf("%d requests for %d accepted deliveries", requestsN, len(seen))
	}
	return durable
}

// enqueued is how many tasks reached Redis (pending, not yet processed).
func (l *benchLethe) enqueued(b *testing.B) int {
	in := asynq.NewInspector(l.redis.Opt)
	defer in.Close()
	qi, err := in.GetQueueInfo(jobs.QueueDefault)
	if err != nil {
		b.Logf("queue info: %v", err)
		return -1
	}
	return qi.Pending + qi.Scheduled + qi.Active
}

type benchResults struct{ letheMax, bareMax, letheRate, bareRate phase }

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func (r benchResults) table(cfg benchConfig) string {
	var s strings.Builder
	fmt.Fprintf(&s, "%d webhooks from %d keep-alive clients; then %d/s open loop for %d s\n", cfg.webhooks, cfg.clients, cfg.rate, cfg.seconds)
	fmt.Fprintf(&s, "| %-28s | %14s | %14s |\n", "", "Lethe", "bare Echo")
	fmt.Fprintf(&s, "|%s|%s|%s|\n", strings.Repeat("-", 30), strings.Repeat("-", 16), strings.Repeat("-", 16))
	row := func(name string, f func(phase) string, a, b phase) {
		fmt.Fprintf(&s, "| %-28s | %14s | %14s |\n", name, f(a), f(b))
	}
	num := func(p phase) string { return fmt.Sprintf("%.0f", p.throughput()) }
	row("max throughput (webhooks/s)", num, r.letheMax, r.bareMax)
	row("  p50 / p99 under max load", func(p phase) string {
		return fmt.Sprintf("%.1f / %.1f ms", ms(p.pct(50)), ms(p.pct(99)))
	}, r.letheMax, r.bareMax)
	for _, q := range []struct {
		name string
		pct  float64
	}{{"p50", 50}, {"p90", 90}, {"p99", 99}, {"max", 100}} {
		row(fmt.Sprintf("%s at %d/s", q.name, cfg.rate), func(p phase) string { return fmt.Sprintf("%.2f ms", ms(p.pct(q.pct))) }, r.letheRate, r.bareRate)
	}
	row(fmt.Sprintf("achieved rate at %d/s", cfg.rate), num, r.letheRate, r.bareRate)
	row("non-200 answers", func(p phase) string { return strconv.Itoa(p.failed) }, phase{failed: r.letheMax.failed + r.letheRate.failed}, phase{failed: r.bareMax.failed + r.bareRate.failed})
	for _, p := range []phase{r.letheMax, r.letheRate} {
		if p.firstErr != "" {
			fmt.Fprintf(&s, "first Lethe failure: %s\n", p.firstErr)
		}
	}
	return s.String()
}

// TestWebhookIntakeConcurrent: the single-statement intake under
// concurrency on Postgres — repeats of one delivery racing each other create
// one request, distinct deliveries racing each other create one each.
func TestWebhookIntakeConcurrent(t *testing.T) {
	ctx := context.Background()
	st := testenv.Store(t, store.Postgres)
	r, err := jobs.OpenRedis(ctx, testenv.Redis(t, testenv.MemoryRedis))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	log := logging.New(io.Discard, "json", "info")
	q := jobs.NewQueue(r, jobs.NewKinds())
	t.Cleanup(func() { q.Close() })
	srv := server.New(server.Deps{Log: log})
	const secret = "shpss_concurrent"
	srv.Echo().POST("/webhooks/shopify", (&shopify.Webhooks{Secret: secret, MaxBytes: 1 << 20, Store: st, Queue: q, Log: log}).Handle)
	sh := &store.Shop{Platform: "shopify", Domain: "race.myshopify.com"}
	if err := st.UpsertShop(ctx, sh); err != nil {
		t.Fatal(err)
	}
	tg := &target{url: serve(t, srv.Serve, srv.Shutdown) + "/webhooks/shopify"}
	ws := (&webhookGen{secret: secret, shops: []string{sh.Domain}}).batch(40)
	for range 20 { // 40 distinct deliveries, and the first one 20 times more
		ws = append(ws, ws[0])
	}
	c := benchClient(len(ws))
	var wg sync.WaitGroup
	for _, w := range ws {
		wg.Go(func() {
			if code, err := tg.send(ctx, c, w); err != nil || code != http.StatusOK {
				t.Errorf("status %d: %v", code, err)
			}
		})
	}
	wg.Wait()
	var nReq, nDel, nStep int
	db := st.SQL()
	for _, c := range []struct {
		n   *int
		sql string
	}{
		{&nReq, `SELECT count(*) FROM requests`},
		{&nDel, `SELECT count(*) FROM webhook_deliveries d JOIN requests r ON r.id = d.request_id`},
		{&nStep, `SELECT count(*) FROM steps s JOIN requests r ON r.id = s.request_id WHERE s.kind = 'request:discover'`},
	} {
		if err := db.QueryRow(c.sql).Scan(c.n); err != nil {
			t.Fatal(err)
		}
	}
	if nReq != 40 || nDel != 40 || nStep != 40 {
		t.Fatalf("requests %d, deliveries %d, steps %d; want 40 each", nReq, nDel, nStep)
	}
}
