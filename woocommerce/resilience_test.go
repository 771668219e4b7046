package woocommerce_test

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/woocommerce"
	"github.com/lethe-gdpr/lethe/woocommerce/wctest"
)

func TestRevokedKey(t *testing.T) {
	for _, tls := range []bool{true, false} {
		e := wctest.Start(t)
		if tls {
			e = wctest.StartTLS(t)
		}
		s := e.SeedGerman()
		c, k := client(t, e)
		if _, err := c.Order(ctx, s.AnnaOrders[0]); err != nil {
			t.Fatal(err)
		}
		e.RevokeKey(k.ConsumerKey)
		_, err := c.OrdersByCustomer(ctx, s.AnnaID)
		if !errors.Is(err, woocommerce.ErrRevoked) {
			t.Fatalf("tls=%v: %v, want ErrRevoked", tls, err)
		}
		var ae *woocommerce.APIError
		if !errors.As(err, &ae) || ae.Status != 401 || ae.Attempts != 1 {
			t.Fatalf("tls=%v: %+v (401, not retried)", tls, ae)
		}
	}
	// A key whose WordPress user was deleted stops working too.
	e := wctest.StartTLS(t)
	c, _ := client(t, e)
	e.DeleteUser(1)
	if _, err := c.CustomersByEmail(ctx, "x@example.de"); !errors.Is(err, woocommerce.ErrRevoked) {
		t.Fatalf("owner deleted: %v", err)
	}
}

func TestRetries(t *testing.T) {
	t.Run("5xx then success", func(t *testing.T) {
		e := wctest.StartTLS(t)
		s := e.SeedGerman()
		c, _ := client(t, e)
		e.ResetStats()
		e.FailNext(wctest.FaultServerError, wctest.FaultUnavailable, wctest.FaultBadGateway)
		o, err := c.Order(ctx, s.AnnaOrders[0])
		if err != nil || o.ID != s.AnnaOrders[0] {
			t.Fatalf("%v", err)
		}
		if st := e.Stats(); st.Requests != 4 || st.Faults != 3 || c.Retries() != 3 {
			t.Fatalf("requests %d faults %d retries %d", st.Requests, st.Faults, c.Retries())
		}
	})
	t.Run("bounded attempts", func(t *testing.T) {
		e := wctest.StartTLS(t)
		c, _ := client(t, e, func(c *woocommerce.Config) { c.MaxAttempts = 3 })
		e.FailNext(wctest.FaultServerError, wctest.FaultServerError, wctest.FaultServerError, wctest.FaultServerError)
		_, err := c.Customer(ctx, 1)
		var ae *woocommerce.APIError
		if !errors.Is(err, woocommerce.ErrUnavailable) || !errors.As(err, &ae) || ae.Attempts != 3 || ae.Status != 500 {
			t.Fatalf("%v", err)
		}
	})
	t.Run("timeout then success", func(t *testing.T) {
		e := wctest.StartTLS(t, wctest.Options{HangFor: 5 * time.Second})
		c, _ := client(t, e, func(c *woocommerce.Config) { c.AttemptTimeout = 150 * time.Millisecond })
		e.FailNext(wctest.FaultHang)
		if _, err := c.Customer(ctx, 1); err != nil {
			t.Fatal(err)
		}
		if c.Retries() != 1 {
			t.Fatalf("retries %d", c.Retries())
		}
	})
	t.Run("POST is not retried after a 5xx", func(t *testing.T) {
		e := wctest.StartTLS(t)
		s := e.SeedGerman()
		c, _ := client(t, e)
		e.ResetStats()
		e.FailNext(wctest.FaultAfterCommit)
		_, err := c.AddOrderNote(ctx, s.AnnaOrders[0], "Anonymisiert durch Lethe")
		if !errors.Is(err, woocommerce.ErrUnavailable) {
			t.Fatalf("%v", err)
		}
		if e.Stats().Requests != 1 || len(e.Notes(s.AnnaOrders[0])) != 3 {
			t.Fatalf("requests %d notes %d: the note was written once", e.Stats().Requests, len(e.Notes(s.AnnaOrders[0])))
		}
	})
	t.Run("DELETE answered 500 after it happened", func(t *testing.T) {
		e := wctest.StartTLS(t)
		s := e.SeedGerman()
		c, _ := client(t, e)
		e.FailNext(wctest.FaultAfterCommit)
		n := e.Notes(s.AnnaOrders[0])[0]
		if err := c.DeleteOrderNote(ctx, s.AnnaOrders[0], n.ID); err != nil {
			t.Fatalf("retried delete: %v", err)
		}
		if len(e.Notes(s.AnnaOrders[0])) != 1 {
			t.Fatal("note not deleted")
		}
	})
	t.Run("OAuth retries sign again", func(t *testing.T) {
		e := wctest.Start(t)
		c, _ := client(t, e)
		e.FailNext(wctest.FaultTooManyRequests)
		start := time.Now()
		if _, err := c.Customer(ctx, 1); err != nil {
			t.Fatal(err)
		}
		if time.Since(start) > 2*time.Second {
			t.Fatal("Retry-After beyond MaxBackoff was not capped")
		}
	})
}

func TestInFlightBound(t *testing.T) {
	e := wctest.StartTLS(t, wctest.Options{Latency: 20 * time.Millisecond})
	s := e.SeedGerman()
	a, _ := client(t, e)
	b, _ := client(t, e, func(c *woocommerce.Config) { c.MaxInFlight = 20 }) // same store: the first bound (4) holds
	var wg sync.WaitGroup
	errs := make(chan error, 50)
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c := a
			if i%2 == 1 {
				c = b
			}
			if _, err := c.OrderNotes(ctx, s.AnnaOrders[i%len(s.AnnaOrders)]); err != nil {
				errs <- err
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	st := e.Stats()
	if st.InFlightMax > woocommerce.DefaultMaxInFlight || st.InFlightMax < 2 {
		t.Fatalf("in flight max %d, want ≤ %d (and concurrency used)", st.InFlightMax, woocommerce.DefaultMaxInFlight)
	}
	if st.Requests != 50 {
		t.Fatalf("requests %d", st.Requests)
	}
}

func TestSettings(t *testing.T) {
	e := wctest.Start(t)
	c, _ := client(t, e)
	s, err := c.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := woocommerce.Settings{Name: "Kaffeerösterei Lindner", Tagline: "Frisch geröstet in Leipzig", Home: e.URL,
		Address1: "Karl-Liebknecht-Straße 12", City: "Leipzig", Postcode: "04107", Country: "DE", Currency: "EUR",
		CalcTaxes: true, Timezone: "Europe/Berlin", Language: "de_DE", WCVersion: "9.8.5", GMTOffset: s.GMTOffset}
	if s != want {
		t.Fatalf("settings\n got %+v\nwant %+v", s, want)
	}
	if s.GMTOffset != 1 && s.GMTOffset != 2 {
		t.Errorf("gmt offset %v", s.GMTOffset)
	}
	e.UpdateSettings(func(st *wctest.Settings) { st.Country = "US:CA" })
	s, _ = c.Settings(ctx)
	if s.Country != "US" || s.State != "CA" {
		t.Errorf("country %q state %q", s.Country, s.State)
	}
}
