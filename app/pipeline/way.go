package pipeline

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/step"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/jobs"
)

// Way is a request's way through Lethe: every step kind, the handler that
// runs it, its queue, its time limit (the lease is renewed meanwhile) and
// the kinds a step of it may create next. The worker is registered from it
// (Register), and a step creates its successors only through it (next,
// send), so this table is the truth.
//
//	intake ─▶ discover ─┬▶ answer ─▶ email:send                     (access)
//	                    └▶ plan ─▶ archive ─┬▶ erase (per system) ─▶ confirm ─▶ email:send (erasure)
//	                                        └────────────────────────▶ confirm
//	email:send (the answer, the erasure confirmation) ─▶ source:close   (the source keeps a record)
//
// Requests start with request:discover (requests.Create, requests.Intake);
// the merchant's approval (Approve) continues a plan awaiting review;
// e-mails the merchant sends by hand and shop:redact (Shopify's shop/redact)
// start on their own.
var Way = []Stage{
	// kind           handler              queue                  timeout           next
	{step.Discover, (*Pipeline).Discover, jobs.QueueDefault, 30 * time.Minute, []string{step.Answer, step.Plan, step.Send}},
	{step.Answer, (*Pipeline).Answer, jobs.QueueDefault, 10 * time.Minute, []string{step.Send}},
	{step.Plan, (*Pipeline).Plan, jobs.QueueDefault, 10 * time.Minute, []string{step.Archive}},
	{step.Archive, (*Pipeline).Archive, jobs.QueueDefault, 10 * time.Minute, []string{step.Erase, step.Confirm}},
	{step.Erase, (*Pipeline).Erase, jobs.QueueDefault, 10 * time.Minute, []string{step.Confirm}},
	{step.Confirm, (*Pipeline).Confirm, jobs.QueueDefault, 10 * time.Minute, []string{step.Send}},
	{step.Send, (*Pipeline).Send, jobs.QueueMail, 2 * time.Minute, []string{step.CloseSource}},
	{step.CloseSource, (*Pipeline).CloseSource, jobs.QueueDefault, 5 * time.Minute, nil},
	{step.RedactShop, (*Pipeline).RedactShop, jobs.QueueMaintenance, time.Hour, nil},
}

// Stage is one row of the way.
type Stage struct {
	Kind    string // the asynq task type and the steps' kind ("noun:verb")
	Run     func(p *Pipeline, ctx context.Context, st *store.Step) error
	Queue   string
	Timeout time.Duration
	Next    []string // the kinds a step of this kind may create
}

// Register adds every kind of the way to the worker's registry, run by p
// (a request step meeting a refused credential waits: wait.go).
func (p *Pipeline) Register(k *jobs.Kinds) {
	for _, s := range Way {
		k.Register(s.Kind, func(ctx context.Context, st *store.Step) error { return p.run(ctx, s, st) },
			jobs.KindOptions{Queue: s.Queue, Timeout: s.Timeout})
	}
}

// Send delivers one e-mail (mail.HandleSend); once the answer or the
// erasure confirmation is out, the request's source may be told
// (afterSent, close_source.go).
func (p *Pipeline) Send(ctx context.Context, st *store.Step) error {
	return mail.HandleSend(p.Store, p.Mailer, p.Log, mail.AfterSent(p.afterSent, p.Enqueue))(ctx, st)
}

// RedactShop deletes everything held for an uninstalled shop
// (jobs.HandleShopRedact).
func (p *Pipeline) RedactShop(ctx context.Context, st *store.Step) error {
	return jobs.HandleShopRedact(p.Store, p.Log)(ctx, st)
}

// nextOf is the next column of the way by kind (filled from Way at start:
// the handlers in Way create their successors through it).
var nextOf = map[string][]string{}

func init() {
	for _, s := range Way {
		nextOf[s.Kind] = s.Next
	}
}

// follows refuses a successor the way does not list for kind from.
func follows(from, kind string) error {
	if !slices.Contains(nextOf[from], kind) {
		return fault.Permanent(fmt.Errorf("pipeline: the way has no step %s after %s", kind, from))
	}
	return nil
}

// next records, inside tx, the step of kind that follows a step of kind
// from, with payload pl; enqueue it after the commit.
func next(ctx context.Context, tx *store.Store, from, kind string, pl step.Payload) (*store.Step, error) {
	if err := follows(from, kind); err != nil {
		return nil, err
	}
	st := step.New(kind, pl)
	_, err := tx.CreateStep(ctx, st)
	return st, err
}

// send queues e-mail e (mail.QueueSend) as a successor of a step of kind
// from.
func send(ctx context.Context, tx *store.Store, from string, e *store.Email) (*store.Step, error) {
	if err := follows(from, step.Send); err != nil {
		return nil, err
	}
	return mail.QueueSend(ctx, tx, e)
}
