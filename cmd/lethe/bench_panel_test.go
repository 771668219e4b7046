package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	chromekb "github.com/chromedp/chromedp/kb"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/app/testenv/browser"
	"github.com/lethe-gdpr/lethe/frontend"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

// The panel's speed (issue 11), measured in headless Chromium on the
// running binary, embedded as Shopify loads it:
//
//	go test -run '^$' -bench BenchmarkPanel -benchtime 1x -timeout 30m ./cmd/lethe
//
// For each page: LCP and CLS of panelLoads fresh loads (a tab in a browser
// context of its own each: cold cache, as a merchant's first visit of the
// day), INP of one interaction per load (panelInteract), the same page's
// HTML saved and served as a static file by a plain net/http file server
// with the panel's static files beside it (the baseline LCP, the same
// loads), and the server time of ≥ 50 loads (time to the first byte of the
// answer, timed in Go). LCP, CLS, INP and the baseline are the 75th
// percentile over the loads (as Chrome's field data counts), the server
// time the 95th. Goals: LCP ≤ 1.0 s and within 2 × the baseline, CLS ≤
// 0.02, INP ≤ 100 ms, server p95 ≤ 50 ms.

const (
	panelLoads       = 10
	panelServerLoads = 60
)

// BenchmarkPanelInbox: the inbox of a shop with 10,000 requests; the
// interaction is a click on a filter.
func BenchmarkPanelInbox(b *testing.B) {
	s := startBrowserBench(b, 0)
	seedRequests(b, s.stack, 10_000)
	for b.Loop() {
		measurePanel(b, s, panelTarget{path: "/app", ready: "#inbox-list", interact: inboxFilters})
	}
}

// BenchmarkPanelRequestPage: the request page of a customer with 1,000
// orders, discovered through the emulator (at a fast restore rate: the
// discovery's own speed is BenchmarkAccessAnswerReady's), the interaction
// a click on the page's first control.
func BenchmarkPanelRequestPage(b *testing.B) {
	s := startBrowserBench(b, 5000)
	probe, _ := s.customerRequest(1, "de")
	if code, _, _ := s.panelGet(fmt.Sprintf("/app/requests/%d", probe.ID), s.token(s.domain), false); code == http.StatusNotFound {
		b.Skip("the request page /app/requests/{id} answers 404: not built yet")
	}
	sub := seedThousandOrders(s.emu, s.domain)
	p := shopifytest.DataRequest(1, s.domain, shopifytest.WebhookCustomer{ID: sub.customerID, Email: sub.email, Phone: sub.phone},
		sub.requested, time.Now().UnixNano())
	resp, err := shopifytest.SendWebhook(context.Background(), s.base+"/webhooks/shopify", "customers/data_request", s.domain, p, s.app.ClientSecret)
	if err != nil || resp.StatusCode != 200 {
		b.Fatalf("webhook: %v %v", resp, err)
	}
	resp.Body.Close()
	r := s.requests()[0]
	deadline := time.Now().Add(10 * time.Minute)
	for r.Status != store.StatusReady && time.Now().Before(deadline) {
		time.Sleep(200 * time.Millisecond)
		s.api("GET", fmt.Sprintf("/api/requests/%d", r.ID), "", &r)
	}
	if r.Status != store.StatusReady {
		b.Fatalf("request %d is %q (%s), want ready", r.ID, r.Status, r.Failure)
	}
	for b.Loop() {
		measurePanel(b, s, panelTarget{path: fmt.Sprintf("/app/requests/%d", r.ID), ready: "main h1", interact: requestControls})
	}
}

// startBrowserBench is a browser stack on Postgres and Redis; restoreRate
// is the emulator shop's (0: Standard).
func startBrowserBench(b *testing.B, restoreRate float64) *browserStack {
	b.Helper()
	br := browser.Start(b)
	s, smtp := startStackWith(b, stackOptions{Redis: testenv.RealRedis, RestoreRate: restoreRate})
	return &browserStack{stack: s, smtp: smtp, b: br}
}

// inboxFilters are the inbox's filter controls, the first one there is
// the one used; the language switch is the last resort of a page without
// filters.
var inboxFilters = []string{`.filters a`, `.filters button`, `.filters input[type=checkbox]`, `.filters select`,
	`a[href*="overdue=true"]`, `a[hreflang]`}

// requestControls are the request page's controls to interact with.
var requestControls = []string{`main summary`, `main a[hx-get]`, `a[hreflang]`} // not its buttons: they ask to confirm (a dialog)

// panelTarget is a page to measure: its path, an element showing it is
// there, and the controls to interact with (the first found).
type panelTarget struct {
	path, ready string
	interact    []string
}

// panelFigures are one page's measured figures.
type panelFigures struct {
	lcp, cls, inp, staticLCP, staticCLS, serverP95, serverP50, navServer float64
	bytes                                                                int
	control                                                              string
	interactions                                                         int
}

func measurePanel(b *testing.B, s *browserStack, tg panelTarget) {
	b.Helper()
	html := s.pageHTML(tg.path)
	static := serveStatic(b, html)
	s.loadOnce(b, tg) // warm the server (templates, connections)

	var lcp, cls, inp, nav, sLCP, sCLS []float64
	var f panelFigures
	f.bytes = len(html)
	for range panelLoads {
		p := s.embeddedPage(b, browser.Options{Timeout: 60 * time.Second})
		p.Open(s.embeddedURL(tg.path, "de-DE"), tg.ready)
		v := p.Vitals()
		lcp, cls, nav = append(lcp, v.LCP), append(cls, v.CLS), append(nav, v.Server)
		f.control = firstPresent(p, tg.interact)
		if f.control == "" {
			b.Fatalf("%s: none of %v to interact with", tg.path, tg.interact)
		}
		interact(p, f.control)
		v = p.Vitals()
		inp = append(inp, v.INP)
		f.interactions += v.Interactions

		sp := s.embeddedPage(b, browser.Options{Timeout: 60 * time.Second})
		sp.Open(static.URL+"/", tg.ready)
		sv := sp.Vitals()
		sLCP, sCLS = append(sLCP, sv.LCP), append(sCLS, sv.CLS)
	}
	server := s.serverTimes(tg.path, panelServerLoads)
	f.lcp, f.cls, f.inp, f.navServer = pct(lcp, 75), pct(cls, 75), pct(inp, 75), pct(nav, 75)
	f.staticLCP, f.staticCLS = pct(sLCP, 75), pct(sCLS, 75)
	f.serverP95, f.serverP50 = pct(server, 95), pct(server, 50)

	b.ReportMetric(f.lcp, "lcp-ms")
	b.ReportMetric(f.cls, "cls")
	b.ReportMetric(f.inp, "inp-ms")
	b.ReportMetric(f.staticLCP, "static-lcp-ms")
	b.ReportMetric(f.lcp/f.staticLCP, "lcp/static")
	b.ReportMetric(f.serverP95, "server-p95-ms")
	met := func(ok bool) string { return map[bool]string{true: "met", false: "NOT met"}[ok] }
	var t strings.Builder
	fmt.Fprintf(&t, "\n%s (%s of HTML, %d loads, server %d loads)\n\n| | measured | goal |\n|---|---|---|\n", tg.path, kb(f.bytes), panelLoads, panelServerLoads)
	fmt.Fprintf(&t, "| LCP p75 | %.0f ms | ≤ 1,000 ms — %s |\n", f.lcp, met(f.lcp <= 1000))
	fmt.Fprintf(&t, "| LCP of the static copy p75 | %.0f ms (CLS %.3f) | |\n", f.staticLCP, f.staticCLS)
	fmt.Fprintf(&t, "| LCP ÷ static | %.2f | ≤ 2 — %s |\n", f.lcp/f.staticLCP, met(f.lcp <= 2*f.staticLCP))
	fmt.Fprintf(&t, "| CLS p75 | %.3f | ≤ 0.02 — %s |\n", f.cls, met(f.cls <= 0.02))
	fmt.Fprintf(&t, "| INP p75 | %.0f ms (clicking %s; %d interactions reported ≥ 16 ms or first) | ≤ 100 ms — %s |\n", f.inp, f.control, f.interactions, met(f.inp <= 100))
	fmt.Fprintf(&t, "| server time p95 (p50) | %.1f ms (%.1f ms); in the browser (Navigation Timing) p75 %.1f ms | ≤ 50 ms — %s |\n",
		f.serverP95, f.serverP50, f.navServer, met(f.serverP95 <= 50))
	fmt.Print(t.String()) // printed, not logged: a benchmark's log is cut after ten lines
}

// pageHTML is the page as the server answers the embedded load.
func (s *stack) pageHTML(path string) string {
	s.t.Helper()
	code, _, body := s.panelGet(path+"?locale=de-DE", s.token(s.domain), false)
	if code != http.StatusOK {
		s.t.Fatalf("GET %s: %d", path, code)
	}
	return body
}

// loadOnce loads the page once in the browser, unmeasured.
func (s *browserStack) loadOnce(tb testing.TB, tg panelTarget) {
	p := s.embeddedPage(tb, browser.Options{Timeout: 60 * time.Second})
	p.Open(s.embeddedURL(tg.path, "de-DE"), tg.ready)
}

// serveStatic serves html as / of a plain file server, with the panel's
// static files at /app/static/ as the page links them.
func serveStatic(tb testing.TB, html string) *httptest.Server {
	tb.Helper()
	dir := tb.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(html), 0o644); err != nil {
		tb.Fatal(err)
	}
	st := frontend.Static()
	err := fs.WalkDir(st, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(st, path)
		if err != nil {
			return err
		}
		out := filepath.Join(dir, "app", "static", path)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		return os.WriteFile(out, b, 0o644)
	})
	if err != nil {
		tb.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	tb.Cleanup(srv.Close)
	return srv
}

// serverTimes are n loads' times from the request written to the first
// byte of the answer, in ms (each with a fresh session token, as each
// embedded load has).
func (s *stack) serverTimes(path string, n int) []float64 {
	s.t.Helper()
	out := make([]float64, 0, n)
	for range n {
		var wrote, first time.Time
		trace := &httptrace.ClientTrace{
			WroteRequest:         func(httptrace.WroteRequestInfo) { wrote = time.Now() },
			GotFirstResponseByte: func() { first = time.Now() },
		}
		req, _ := http.NewRequest(http.MethodGet, s.embeddedURL(path, "de-DE"), nil)
		req = req.WithContext(httptrace.WithClientTrace(req.Context(), trace))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			s.t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			s.t.Fatalf("GET %s: %d", path, resp.StatusCode)
		}
		out = append(out, float64(first.Sub(wrote).Microseconds())/1000)
	}
	return out
}

// firstPresent is the first of selectors the page shows.
func firstPresent(p *browser.Page, selectors []string) string {
	for _, sel := range selectors {
		if browser.Eval[bool](p, fmt.Sprintf(`!!document.querySelector(%q)`, sel)) {
			return sel
		}
	}
	return ""
}

// interact uses control as a person does: a select by the keyboard (its
// popup is not part of the page), anything else by a click; then waits for
// htmx to answer.
func interact(p *browser.Page, control string) {
	if strings.HasSuffix(control, "select") {
		p.Press(control, chromekb.ArrowDown)
	} else {
		p.Click(control)
	}
	time.Sleep(50 * time.Millisecond)
	p.WaitIdle()
}

// pct is the q-th percentile of xs (nearest rank).
func pct(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	i := int(q/100*float64(len(s))+0.5) - 1
	return s[min(max(i, 0), len(s)-1)]
}

// seedRequests stores n requests of the stack's shop directly (one
// transaction): both types, every source, received over the last 60 days,
// due a month later (some overdue, some extended), in every status, the
// answered and completed ones 1–20 days after receipt (the inbox's median).
func seedRequests(tb testing.TB, s *stack, n int) {
	tb.Helper()
	st := openStore(tb)
	ctx := context.Background()
	shop, err := st.ShopByDomain(ctx, "shopify", s.domain)
	if err != nil {
		tb.Fatal(err)
	}
	statuses := []string{store.StatusReceived, store.StatusProcessing, store.StatusReady, store.StatusAnswered,
		store.StatusAwaitingReview, store.StatusCompleted, store.StatusFailed, store.StatusNeedsSetup, store.StatusRefused}
	sources := []string{"shopify", "manual", "form", "woocommerce"}
	now := time.Now().UTC()
	start := time.Now()
	err = st.Tx(ctx, func(tx *store.Store) error {
		for i := range n {
			received := now.Add(-time.Duration(i%(60*24)) * time.Hour)
			due := received.AddDate(0, 1, 0)
			r := &store.Request{ShopID: shop.ID, Type: []string{store.TypeAccess, store.TypeErasure}[i%2],
				Source: sources[i%len(sources)], Status: statuses[i%len(statuses)], Locale: "de", ReceivedAt: received,
				Subject:       store.Subject{Email: fmt.Sprintf("kundin%05d@beispiel.de", i), Name: fmt.Sprintf("Kundin %d", i)},
				DueAt:         store.DayOf(due.Year(), due.Month(), due.Day()),
				ExtendedDueAt: store.DayOf(due.Year(), due.Month()+2, due.Day())}
			if i%17 == 0 {
				r.ExtendedAt = &received
			}
			answered := received.Add(time.Duration(1+i%20) * 24 * time.Hour)
			switch r.Status {
			case store.StatusAnswered:
				r.AnsweredAt = &answered
			case store.StatusCompleted:
				r.CompletedAt = &answered
			}
			if err := tx.CreateRequest(ctx, r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Logf("seeded %d requests in %s", n, time.Since(start).Round(time.Millisecond))
}
