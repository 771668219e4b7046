package wctest

import (
	"io"
	"net/http"
	"strings"
	"time"
)

// Fault is a failure injected into a REST request.
type Fault int

const (
	// FaultServerError answers 500 with WordPress's critical-error page.
	FaultServerError Fault = iota + 1
	// FaultBadGateway answers 502 from the host's proxy.
	FaultBadGateway
	// FaultUnavailable answers 503 with Retry-After: 1 (maintenance mode).
	FaultUnavailable
	// FaultTooManyRequests answers 429 with Retry-After: 1 (a host's limiter).
	FaultTooManyRequests
	// FaultHang holds the request without answering (HangFor, or until the
	// client gives up): a timeout.
	FaultHang
	// FaultAfterCommit performs the request, then answers 500 as if the PHP
	// process died after writing: the change is made, the client sees an error.
	FaultAfterCommit
)

type faults struct {
	byRequest map[int]Fault
	next      []Fault
}

// FailNext makes the next REST requests fail, one fault each, in order.
func (e *Emulator) FailNext(fs ...Fault) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.faults.next = append(e.faults.next, fs...)
}

// FailRequest makes the n-th REST request (counting from 1) fail with f.
func (e *Emulator) FailRequest(n int, f Fault) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.faults.byRequest[n] = f
}

// SetLatency delays every following REST answer by d.
func (e *Emulator) SetLatency(d time.Duration) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.latency = d
}

// Stats counts REST requests (including failed and unauthorised ones).
type Stats struct {
	Requests    int
	ByRoute     map[string]int // "GET orders/{id}/notes" → n
	ByPath      map[string]int // "DELETE wc/v3/orders/123" → n: every attempt, per object
	Faults      int
	InFlightMax int // most requests served at the same time
	// Effects counts the changes the store made, per object and kind
	// (effects.go): "delete order 123", "update order 123 customer_note",
	// "erase order 123 billing_email". A repeated call that changes nothing
	// adds nothing.
	Effects map[string]int
}

// Stats returns a copy of the counters.
func (e *Emulator) Stats() Stats {
	e.mu.Lock()
	defer e.mu.Unlock()
	s := e.stats
	s.ByRoute = make(map[string]int, len(e.stats.ByRoute))
	for k, v := range e.stats.ByRoute {
		s.ByRoute[k] = v
	}
	s.ByPath = make(map[string]int, len(e.stats.ByPath))
	for k, v := range e.stats.ByPath {
		s.ByPath[k] = v
	}
	s.Effects = make(map[string]int, len(e.stats.Effects))
	for k, v := range e.stats.Effects {
		s.Effects[k] = v
	}
	return s
}

// ResetStats sets the counters to zero.
func (e *Emulator) ResetStats() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.stats = newStats()
}

func newStats() Stats {
	return Stats{ByRoute: map[string]int{}, ByPath: map[string]int{}, Effects: map[string]int{}}
}

// begin counts a REST request, waits the latency and applies a fault. It
// returns false when the fault already answered; done must be called at the
// end. after is a fault to apply once the handler ran (FaultAfterCommit).
func (e *Emulator) begin(w http.ResponseWriter, r *http.Request, route string) (ok bool, after Fault, done func()) {
	e.mu.Lock()
	e.stats.Requests++
	e.stats.ByRoute[r.Method+" "+route]++
	e.stats.ByPath[r.Method+" "+strings.Trim(strings.TrimPrefix(r.URL.Path, "/wp-json/"), "/")]++
	n := e.stats.Requests
	e.inFlight++
	if e.inFlight > e.stats.InFlightMax {
		e.stats.InFlightMax = e.inFlight
	}
	f := e.faultFor(n)
	if f != 0 {
		e.stats.Faults++
	}
	latency := e.latency
	e.mu.Unlock()
	done = func() {
		e.mu.Lock()
		e.inFlight--
		e.mu.Unlock()
	}
	if latency > 0 {
		t := time.NewTimer(latency)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return false, 0, done
		}
	}
	if f == FaultAfterCommit {
		return true, f, done
	}
	if f != 0 {
		e.writeFault(w, r, f)
		return false, 0, done
	}
	return true, 0, done
}

func (e *Emulator) writeFault(w http.ResponseWriter, r *http.Request, f Fault) {
	switch f {
	case FaultBadGateway:
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		_, _ = w.Write([]byte("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>"))
	case FaultUnavailable:
		w.Header().Set("Retry-After", "1")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("<!DOCTYPE html><title>Maintenance</title><h1>Briefly unavailable for scheduled maintenance. Check back in a minute.</h1>"))
	case FaultTooManyRequests:
		w.Header().Set("Retry-After", "1")
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = w.Write([]byte("<h1>429 Too Many Requests</h1>"))
	case FaultHang:
		// Read the body first, as PHP does: only then does the server
		// notice a client that gave up, and let go of the request.
		_, _ = io.Copy(io.Discard, r.Body)
		t := time.NewTimer(e.hangFor)
		defer t.Stop()
		select {
		case <-t.C:
		case <-r.Context().Done():
			return
		}
		w.WriteHeader(http.StatusGatewayTimeout)
	default:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = w.Write([]byte("<!DOCTYPE html><html><body><p>There has been a critical error on this website.</p></body></html>"))
	}
}

// faultFor returns the fault for request n; e.mu is held.
func (e *Emulator) faultFor(n int) Fault {
	if f, ok := e.faults.byRequest[n]; ok {
		delete(e.faults.byRequest, n)
		return f
	}
	if len(e.faults.next) > 0 {
		f := e.faults.next[0]
		e.faults.next = e.faults.next[1:]
		return f
	}
	return 0
}
