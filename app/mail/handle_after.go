package mail

import (
	"context"

	"github.com/lethe-gdpr/lethe/app/store"
)

// AfterSentFunc runs inside the transaction that records an e-mail as sent
// (once per e-mail, after the request's own changes: answered, scrubbed)
// and returns the steps it recorded, which are enqueued after the commit.
type AfterSentFunc func(ctx context.Context, tx *store.Store, e *store.Email) ([]*store.Step, error)

// SendOption changes what HandleSend does.
type SendOption func(*sendConfig)

type sendConfig struct {
	after   AfterSentFunc
	enqueue func(ctx context.Context, steps ...*store.Step) error
}

// AfterSent makes HandleSend run f with every e-mail it records as sent
// and hand the steps f records to enqueue after the commit (nil leaves
// them to the reconciler).
func AfterSent(f AfterSentFunc, enqueue func(ctx context.Context, steps ...*store.Step) error) SendOption {
	return func(c *sendConfig) { c.after, c.enqueue = f, enqueue }
}
