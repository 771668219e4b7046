package woocommerce

import (
	"context"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

	"github.com/lethe-gdpr/lethe/app/connect"
)

// readNotes reads every order's notes with as many calls at once as the
// store's bound lets be in flight (Client.MaxInFlight; more would only
// wait for the bound), and returns them by order id. Progress counts the
// orders whose notes are read, rising, up to all of them. The first
// failure stops the calls not yet made and is returned; nothing else is.
func (c *connector) readNotes(ctx context.Context, orders []Order) (map[int64][]Note, error) {
	read := make([][]Note, len(orders))
	p := startProgress(ctx, len(orders))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(c.client.MaxInFlight())
	for i := range orders {
		if gctx.Err() != nil {
			break // a call failed: make no more
		}
		g.Go(func() error {
			ns, err := c.client.OrderNotes(gctx, orders[i].ID)
			if err != nil {
				return stepErr("reading the order notes", err)
			}
			read[i] = ns
			p.add()
			return nil
		})
	}
	err := g.Wait()
	p.stop()
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, stepErr("reading the order notes", err)
	}
	out := make(map[int64][]Note, len(orders))
	for i, o := range orders {
		out[o.ID] = read[i]
	}
	return out, nil
}

// progress reports how many of total orders were read from one goroutine,
// so the counts the pipeline records only rise although the calls finish
// in any order; reports that arrive while one is being written are joined
// into the next (at most one report per call).
type progress struct {
	ctx   context.Context
	total int
	read  atomic.Int64
	kick  chan struct{}
	quit  chan struct{}
	done  chan struct{}
}

func startProgress(ctx context.Context, total int) *progress {
	p := &progress{ctx: ctx, total: total, kick: make(chan struct{}, 1), quit: make(chan struct{}), done: make(chan struct{})}
	go p.run()
	return p
}

// add counts one order read.
func (p *progress) add() {
	p.read.Add(1)
	select {
	case p.kick <- struct{}{}:
	default: // a report is due already; it will include this one
	}
}

func (p *progress) run() {
	defer close(p.done)
	var last int64
	report := func() {
		if n := p.read.Load(); n > last {
			last = n
			connect.ReportProgress(p.ctx, int(n), p.total)
		}
	}
	for {
		select {
		case <-p.kick:
			report()
		case <-p.quit:
			report()
			return
		}
	}
}

// stop makes the last report (every add before it included) and waits for
// it.
func (p *progress) stop() {
	close(p.quit)
	<-p.done
}
