// Package pipeline runs a request through its steps: discover (every
// connected system) → answer (classify, report, reply drafts) for access
// requests, → plan for erasure requests. Each step is a row in the work
// table; a step's effects, its completion and the next step commit in one
// transaction, and the next step is enqueued after the commit.
package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
)

// Step kinds.
const (
	StepDiscover = requests.StepDiscover // "request:discover"
	StepAnswer   = "request:answer"
	StepPlan     = "request:plan"
)

// ErrPermanent marks errors retrying cannot fix; wiring maps it to
// jobs.Permanent.
var ErrPermanent = errors.New("permanent")

// Pipeline holds what the steps need.
type Pipeline struct {
	Store      *store.Store
	Connectors *connect.Registry
	PublicURL  string        // base of links in e-mails
	LinkTTL    time.Duration // lifetime of the customer's report link
	Enqueue    func(ctx context.Context, steps ...*store.Step) error
	Log        *slog.Logger
	Now        func() time.Time
}

// ref is the payload of every pipeline step (ids and facts without
// personal data).
type ref struct {
	RequestID  int64              `json:"request_id"`
	ShopID     int64              `json:"shop_id"`
	Found      bool               `json:"found,omitempty"`
	Recipients []answer.Recipient `json:"recipients,omitempty"`
	System     string             `json:"system,omitempty"` // erase steps: which system
}

func (p *Pipeline) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

func (p *Pipeline) load(ctx context.Context, st *store.Step) (*store.Shop, *store.Request, ref, error) {
	var rf ref
	if err := json.Unmarshal([]byte(st.Payload), &rf); err != nil || rf.RequestID == 0 || rf.ShopID == 0 {
		return nil, nil, rf, fmt.Errorf("%w: step %d has no request", ErrPermanent, st.ID)
	}
	sh, err := p.Store.Shop(ctx, rf.ShopID)
	if err != nil {
		return nil, nil, rf, fmt.Errorf("%w: shop %d: %v", ErrPermanent, rf.ShopID, err)
	}
	r, err := p.Store.Request(ctx, rf.ShopID, rf.RequestID)
	if err != nil {
		return nil, nil, rf, fmt.Errorf("%w: request %d: %v", ErrPermanent, rf.RequestID, err)
	}
	return sh, r, rf, nil
}

// next records the following step of r with payload rf.
func next(ctx context.Context, tx *store.Store, r *store.Request, kind string, rf ref) (*store.Step, error) {
	payload, _ := json.Marshal(rf)
	key := fmt.Sprintf("%s:%d", kind, r.ID)
	st := &store.Step{ShopID: &r.ShopID, RequestID: &r.ID, Kind: kind, Payload: string(payload), DedupeKey: &key}
	_, err := tx.CreateStep(ctx, st)
	return st, err
}

// nextFor records a per-system step (erase) of r.
func nextFor(ctx context.Context, tx *store.Store, r *store.Request, kind, system string, rf ref) (*store.Step, error) {
	rf.System = system
	payload, _ := json.Marshal(rf)
	key := fmt.Sprintf("%s:%d:%s", kind, r.ID, system)
	st := &store.Step{ShopID: &r.ShopID, RequestID: &r.ID, Kind: kind, Payload: string(payload), DedupeKey: &key}
	_, err := tx.CreateStep(ctx, st)
	return st, err
}

func (p *Pipeline) enqueue(ctx context.Context, steps ...*store.Step) {
	var live []*store.Step
	for _, s := range steps {
		if s != nil {
			live = append(live, s)
		}
	}
	if err := p.Enqueue(ctx, live...); err != nil {
		p.Log.Warn("enqueue failed; left to the reconciler", "err", err)
	}
}

// Failed is told when a step of a request failed for good: the request
// becomes failed, with the reason (which names the system) for the merchant.
func (p *Pipeline) Failed(ctx context.Context, st *store.Step, cause error) {
	p.noteFailure(ctx, st, cause, true)
}

// Retrying is told when a step failed and will run again: the merchant sees
// the reason while it retries.
func (p *Pipeline) Retrying(ctx context.Context, st *store.Step, cause error) {
	p.noteFailure(ctx, st, cause, false)
}

func (p *Pipeline) noteFailure(ctx context.Context, st *store.Step, cause error, final bool) {
	if st.RequestID == nil || st.ShopID == nil {
		return
	}
	msg := cause.Error()
	if len(msg) > 300 {
		msg = msg[:300]
	}
	err := p.Store.Tx(ctx, func(tx *store.Store) error {
		if err := tx.UpdateRequest(ctx, *st.ShopID, *st.RequestID, map[string]any{"failure": msg}); err != nil {
			return err
		}
		r, err := tx.Request(ctx, *st.ShopID, *st.RequestID)
		if err != nil {
			return err
		}
		detail := fmt.Sprintf("step=%s attempt=%d reason=%s", st.Kind, st.Attempts, msg)
		switch {
		case final && requests.CanMove(r.Status, store.StatusFailed):
			return requests.Transition(ctx, tx, r, "system", store.StatusFailed, detail)
		case final: // failed already (another step of it), or moved on
			return requests.Audit(ctx, tx, r, "system", "step.failed", detail)
		}
		return requests.Audit(ctx, tx, r, "system", "step.retrying", detail)
	})
	if err != nil {
		p.Log.Warn("cannot record step failure", "step", st.ID, "err", err)
	}
}
