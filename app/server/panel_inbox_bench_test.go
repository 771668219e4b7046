package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

// seedInbox gives shop A n requests received over the last two years, as
// a shop that has run Lethe that long has them: the older ones answered
// or completed (a few days after receipt), one in a hundred still open and
// overdue, those of the last five weeks open; shop B the same count again,
// so that every query must keep to its shop.
func seedInbox(b testing.TB, g *panelRig, n int) {
	b.Helper()
	ctx := context.Background()
	loc, _ := time.LoadLocation("Europe/Berlin")
	types := []string{store.TypeAccess, store.TypeErasure}
	sources := []string{"shopify", "shopify", "shopify", "manual", "form"}
	for _, sh := range []*store.Shop{g.a, g.b} {
		err := g.st.Tx(ctx, func(tx *store.Store) error {
			step := 2 * 365 * 24 * time.Hour / time.Duration(n)
			for i := range n {
				received := g.now.Add(-time.Duration(i) * step)
				d := store.ShopToday(received, loc)
				r := &store.Request{ShopID: sh.ID, Type: types[i%2], Source: sources[i%len(sources)], Status: store.StatusReceived,
					ReceivedAt: received, DueAt: d.AddDays(30), ExtendedDueAt: d.AddDays(90),
					Subject: store.Subject{Email: fmt.Sprintf("person%d@example.com", i), Name: "Person " + strconv.Itoa(i)}}
				if r.Source == "manual" {
					r.Channel = "letter"
				}
				if age := g.now.Sub(received); age > 35*24*time.Hour && i%100 != 0 {
					done := received.Add(time.Duration(2+i%20) * 24 * time.Hour)
					if r.Type == store.TypeAccess {
						r.Status, r.AnsweredAt = store.StatusAnswered, &done
					} else {
						r.Status, r.CompletedAt = store.StatusCompleted, &done
					}
				} else if i%7 == 3 {
					r.Status = store.StatusProcessing
				}
				if err := tx.CreateRequest(ctx, r); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	// Postgres's autovacuum gathers a table's statistics a while after
	// such a load; a running shop has them.
	if g.st.Dialect() == store.Postgres {
		if _, err := g.st.SQL().ExecContext(ctx, "ANALYZE requests"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPanelInbox10k measures the server time of the inbox of a shop
// with 10,000 requests (the limit: p95 ≤ 50 ms), on SQLite and
// Postgres, beside the JSON API's page of the same requests as the
// baseline. Each case reports its p50 and p95 in milliseconds, measured
// on the server's handler without the network:
//
//	go test ./app/server -run '^$' -bench BenchmarkPanelInbox10k -benchtime 200x
func BenchmarkPanelInbox10k(b *testing.B) {
	for _, dialect := range testenv.Dialects {
		b.Run(dialect, func(b *testing.B) {
			g := newPanelRig(b, dialect)
			seedInbox(b, g, 10_000)
			auth := "Bearer shop-" + strconv.FormatInt(g.a.ID, 10)
			for _, c := range []struct {
				name, path string
				htmx       bool
			}{
				{"inbox", "/app/requests?lang=de", false},
				{"inbox-all-by-received", "/app/requests?lang=de&status=all&sort=-received", false},
				{"inbox-overdue", "/app/requests?lang=de&overdue=true", false},
				{"inbox-list-htmx", "/app/requests?lang=de&status=all", true},
				{"api-baseline", "/api/requests?sort=due&limit=50", false},
			} {
				b.Run(c.name, func(b *testing.B) {
					times := make([]time.Duration, 0, b.N)
					for b.Loop() {
						req := httptest.NewRequest(http.MethodGet, c.path, nil)
						req.Header.Set("Authorization", auth)
						if c.htmx {
							req.Header.Set("HX-Request", "true")
							req.Header.Set("HX-Target", "inbox-list")
						}
						rec := httptest.NewRecorder()
						start := time.Now()
						g.handler.ServeHTTP(rec, req)
						times = append(times, time.Since(start))
						if rec.Code != http.StatusOK {
							b.Fatalf("%s: %d %s", c.path, rec.Code, rec.Body.String())
						}
					}
					slices.Sort(times)
					ms := func(q float64) float64 {
						return float64(times[min(len(times)-1, int(q*float64(len(times))))].Microseconds()) / 1000
					}
					b.ReportMetric(ms(0.50), "p50-ms")
					b.ReportMetric(ms(0.95), "p95-ms")
				})
			}
		})
	}
}
