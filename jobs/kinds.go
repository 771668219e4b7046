package jobs

import (
	"context"
	"errors"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
)

// Handler runs one step. It must be idempotent: a step may run again after a
// crash. Work inside the database can finish the step in the same
// transaction with tx.CompleteStep(ctx, st), so its effect and its
// completion commit together, and only while st is still the step's latest
// claim (store.ErrLeaseLost otherwise). An error for which
// errors.Is(err, fault.ErrPermanent) holds fails the step at once; other
// errors are retried with backoff. A handler that parked its step in its
// own transaction (store.ParkStep: it waits for something outside Lethe)
// returns ErrWaiting.
type Handler func(ctx context.Context, st *store.Step) error

// ErrWaiting is what a handler returns once it has put its step in
// waiting itself (store.ParkStep, in the transaction that records why):
// the worker records nothing more, and the step runs again once it is
// resumed (store.ResumeWaitingSteps).
var ErrWaiting = errors.New("jobs: the step waits")

// KindOptions configure a step kind.
type KindOptions struct {
	Queue   string        // default "default"
	Timeout time.Duration // default 5 min; the lease is renewed while it runs (WorkerOptions.Lease)
}

type kind struct {
	handler Handler
	opts    KindOptions
}

type kinds struct{ m map[string]kind }

func (k *kinds) registered(name string) bool { _, ok := k.m[name]; return ok }

func (k *kinds) options(name string) KindOptions {
	if kd, ok := k.m[name]; ok {
		return kd.opts
	}
	return KindOptions{Queue: QueueDefault, Timeout: 5 * time.Minute}
}

// Kinds is the registry of step kinds, shared by the queue and the worker.
type Kinds struct{ k *kinds }

// NewKinds makes an empty registry.
func NewKinds() *Kinds { return &Kinds{k: &kinds{m: map[string]kind{}}} }

// Registered reports whether name is a registered step kind.
func (k *Kinds) Registered(name string) bool { return k.k.registered(name) }

// Register adds a step kind (an asynq task type, "noun:verb").
func (k *Kinds) Register(name string, h Handler, o KindOptions) {
	if o.Queue == "" {
		o.Queue = QueueDefault
	}
	if o.Timeout == 0 {
		o.Timeout = 5 * time.Minute
	}
	k.k.m[name] = kind{handler: h, opts: o}
}
