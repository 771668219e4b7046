package shopifytest

// Fault is a failure the emulator injects into a GraphQL request.
type Fault int

const (
	// FaultServerError answers HTTP 500 like Shopify's outage page.
	FaultServerError Fault = iota + 1
	// FaultBadGateway answers HTTP 502.
	FaultBadGateway
	// FaultTooManyRequests answers HTTP 429 with Retry-After: 1.
	FaultTooManyRequests
	// FaultInternalError answers HTTP 200 with a GraphQL INTERNAL_SERVER_ERROR.
	FaultInternalError
)

type faults struct {
	byRequest map[int]Fault
	next      []Fault
}

// FailRequest makes the n-th GraphQL request (counting from 1 over the
// emulator's lifetime, all shops) fail with f.
func (e *Emulator) FailRequest(n int, f Fault) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.faults.byRequest[n] = f
}

// FailNext makes the next GraphQL requests fail, one fault each, in order.
func (e *Emulator) FailNext(fs ...Fault) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.faults.next = append(e.faults.next, fs...)
}

// faultFor returns the fault for request n, if any; e.mu is held.
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
