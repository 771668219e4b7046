package connect

import "context"

// Progress hears how far a connector's discovery has got: the orders (or
// the system's main records) read so far and, when the system says how
// many there are, their total (0: not known). A connector calls it at
// most once per page it reads; the pipeline records it for the merchant's
// request page. It must be cheap and must not fail the discovery.
type Progress func(read, total int)

type progressKey struct{}

// WithProgress returns ctx carrying p, for the connector's Discover.
func WithProgress(ctx context.Context, p Progress) context.Context {
	return context.WithValue(ctx, progressKey{}, p)
}

// ReportProgress tells the Progress in ctx, if any, how far discovery got.
// Connectors without pages need not call it.
func ReportProgress(ctx context.Context, read, total int) {
	if p, ok := ctx.Value(progressKey{}).(Progress); ok && p != nil {
		if total > 0 && read > total {
			total = 0 // more than the system counted (guest orders): the total is unknown
		}
		p(read, total)
	}
}
