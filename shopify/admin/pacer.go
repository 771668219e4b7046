package admin

import (
	"context"
	"hash/fnv"
	"math"
	"sort"
	"strconv"
	"sync"
	"time"
)

// DefaultExpectedCost is assumed for a document whose cost has not been seen
// yet; after the first response the client knows its requestedQueryCost.
const DefaultExpectedCost = 50

// Pacer models each shop's leaky bucket from the throttleStatus of every
// response, so requests wait just long enough for the points they need
// instead of running into THROTTLED. Share one Pacer among all clients of
// a process: the bucket is per shop and app.
type Pacer struct {
	mu    sync.Mutex
	shops map[string]*bucketModel
	costs map[uint64]int
}

type bucketModel struct {
	known     bool
	maximum   float64
	rate      float64
	available float64
	at        time.Time
	inflight  float64 // points reserved by requests not answered yet
}

// NewPacer returns an empty pacer.
func NewPacer() *Pacer {
	return &Pacer{shops: map[string]*bucketModel{}, costs: map[uint64]int{}}
}

func (p *Pacer) bucket(shop string) *bucketModel {
	b := p.shops[shop]
	if b == nil {
		b = &bucketModel{}
		p.shops[shop] = b
	}
	return b
}

// costKey identifies a document with its integer variables (first: …),
// which decide its requested cost.
func costKey(doc string, vars map[string]any) uint64 {
	h := fnv.New64a()
	h.Write([]byte(doc))
	keys := make([]string, 0, len(vars))
	for k := range vars {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		switch v := vars[k].(type) {
		case int:
			h.Write([]byte(k + "=" + strconv.Itoa(v) + ";"))
		case int64:
			h.Write([]byte(k + "=" + strconv.FormatInt(v, 10) + ";"))
		}
	}
	return h.Sum64()
}

func (p *Pacer) expected(key uint64) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	if c, ok := p.costs[key]; ok {
		return c
	}
	return DefaultExpectedCost
}

func (p *Pacer) learn(key uint64, requested int) {
	if requested <= 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.costs[key] = requested
}

// reserve takes cost points from the model when they are available (then
// wait is 0) or says how long until they will be.
func (p *Pacer) reserve(shop string, cost int, now time.Time) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	b := p.bucket(shop)
	c := float64(cost)
	if !b.known {
		b.inflight += c
		return 0
	}
	if now.After(b.at) {
		b.available = math.Min(b.maximum, b.available+now.Sub(b.at).Seconds()*b.rate)
		b.at = now
	}
	need := math.Min(c, b.maximum) // a cost above the bucket size can never be met; try anyway
	if b.available >= need {
		b.available -= c
		b.inflight += c
		return 0
	}
	return time.Duration(math.Ceil((need - b.available) / b.rate * float64(time.Second)))
}

// wait blocks until cost points are reserved, honouring ctx.
func (p *Pacer) wait(ctx context.Context, clock Clock, shop string, cost int) error {
	for {
		d := p.reserve(shop, cost, clock.Now())
		if d == 0 {
			return nil
		}
		if err := clock.Sleep(ctx, d); err != nil {
			return err
		}
	}
}

// observe ends a reservation and, when the response had a cost, resets the
// model to Shopify's reading, less what other requests still have in flight.
func (p *Pacer) observe(shop string, reserved int, cost *Cost, now time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	b := p.bucket(shop)
	b.inflight = math.Max(0, b.inflight-float64(reserved))
	ts := cost.statusOrNil()
	if ts == nil || ts.RestoreRate <= 0 {
		if b.known { // not charged (e.g. HTTP 5xx): give the points back
			b.available = math.Min(b.maximum, b.available+float64(reserved))
		}
		return
	}
	b.known = true
	b.maximum = ts.MaximumAvailable
	b.rate = ts.RestoreRate
	b.available = ts.CurrentlyAvailable - b.inflight
	b.at = now
}

func (c *Cost) statusOrNil() *ThrottleStatus {
	if c == nil || c.ThrottleStatus.MaximumAvailable <= 0 {
		return nil
	}
	return &c.ThrottleStatus
}

// Status returns the modelled bucket of a shop at now; ok is false before
// the first response from that shop.
func (p *Pacer) Status(shop string, now time.Time) (ts ThrottleStatus, ok bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	b := p.shops[shop]
	if b == nil || !b.known {
		return ThrottleStatus{}, false
	}
	avail := b.available
	if now.After(b.at) {
		avail = math.Min(b.maximum, avail+now.Sub(b.at).Seconds()*b.rate)
	}
	return ThrottleStatus{MaximumAvailable: b.maximum, CurrentlyAvailable: avail, RestoreRate: b.rate}, true
}
