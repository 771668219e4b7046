// Package requests is the domain of a data-subject request's life: intake
// (due dates from the rules core, audit trail, first pipeline step) and
// status transitions (the state table in states.go). It never imports HTTP or platform code; platforms and
// handlers call it inside their own transactions.
package requests

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/deadline"
	"github.com/lethe-gdpr/lethe/app/step"
	"github.com/lethe-gdpr/lethe/app/store"
)

// New describes a request as it arrives.
type New struct {
	Type       string // store.TypeAccess or store.TypeErasure
	Source     string // shopify, woocommerce, manual, form
	Channel    string
	Subject    store.Subject
	ReceivedAt time.Time
	ExternalID string
	Locale     string
	// Note is the merchant's note on a request entered by hand (sealed).
	Note string
	// PlatformLimit is a platform's own deadline counted from receipt
	// (Shopify: 30 days for compliance webhooks); zero for none.
	PlatformLimit time.Duration
	// Initiator is the platform whose own request this is (its connector's
	// system name): it erases its own data itself, and its later erasure
	// webhooks join only requests Lethe started. Empty for requests taken in
	// by Lethe (manual, form).
	Initiator string
	// Automatic: the platform requires the request carried out without the
	// merchant's review (Shopify's customers/redact): the erasure plan is
	// approved by policy and the confirmation sent at once.
	Automatic bool
	// ReceiptUnknown: ReceivedAt is when the platform's webhook arrived, not
	// when the person asked — the platform held it back (Shopify's
	// customers/redact: 10 days, or until six months after the last order).
	// The legal due date is unknown until the merchant records the day
	// (RecordReceipt); meanwhile the due dates hold the platform's limit.
	ReceiptUnknown bool
	// CloseSystem is the system (its connector's system name) that keeps
	// its own record of the request under ExternalID (WordPress's privacy
	// request) and is told when Lethe is done (source:close, after the
	// answer or the erasure confirmation was sent); empty for none.
	CloseSystem string
}

// Place is whose public holidays count for a shop's deadlines.
func Place(sh *store.Shop) gdpr.Place {
	p, err := gdpr.ParsePlace(sh.Country, sh.Region)
	if err != nil { // an unknown region still has its country's holidays
		if p, err = gdpr.ParsePlace(sh.Country, ""); err != nil {
			p, _ = gdpr.ParsePlace(gdpr.CountryDE, "")
		}
	}
	return p
}

// Create stores the request with its Art. 12(3) due dates counted in the
// shop's zone and place, its audit event, and its first step. Call it
// inside tx; enqueue the returned step after the commit.
func Create(ctx context.Context, tx *store.Store, sh *store.Shop, n New) (*store.Request, *store.Step, error) {
	r := newRequest(sh, n)
	if err := tx.CreateRequest(ctx, r); err != nil {
		return nil, nil, err
	}
	if err := tx.AddEvent(ctx, createdEvent(r, n)); err != nil {
		return nil, nil, err
	}
	st, err := AddStep(ctx, tx, r, step.Discover)
	return r, st, err
}

// Intake records a platform's delivery together with the request it
// creates — the same request, audit event and first step as Create — in
// one atomic write (one statement on Postgres), with no transaction of the
// caller's. A delivery id recorded before is store.ErrConflict and creates
// nothing. Enqueue the returned step after it returns.
func Intake(ctx context.Context, st *store.Store, sh *store.Shop, d *store.Delivery, n New) (*store.Request, *store.Step, error) {
	r := newRequest(sh, n)
	ev := createdEvent(r, n)
	first := &store.Step{Kind: step.Discover}
	err := st.RecordIntake(ctx, store.Intake{Delivery: d, Request: r, Event: ev, Step: first, Link: func(r *store.Request) {
		ev.RequestID, ev.SubjectHash = &r.ID, r.SubjectHash
		*first = *newStep(r, step.Discover)
	}})
	if err != nil {
		return nil, nil, err
	}
	return r, first, nil
}

// newRequest is the request n describes, with its Art. 12(3) due dates
// counted in the shop's zone and place.
func newRequest(sh *store.Shop, n New) *store.Request {
	loc := location(sh)
	d := deadline.Due(n.ReceivedAt, Place(sh), loc)
	r := &store.Request{
		ShopID: sh.ID, Type: n.Type, Source: n.Source, Channel: n.Channel,
		Status: store.StatusReceived, Subject: n.Subject, ExternalID: n.ExternalID, Locale: n.Locale,
		ReceivedAt: n.ReceivedAt, DueAt: day(d.Due), ExtendedDueAt: day(d.ExtendedDue),
		Initiator: n.Initiator, Automatic: n.Automatic, Note: n.Note, CloseSystem: n.CloseSystem,
	}
	if n.PlatformLimit > 0 {
		pd := day(gdpr.FromTime(n.ReceivedAt.Add(n.PlatformLimit), loc))
		r.PlatformDueAt = &pd
	}
	if n.ReceiptUnknown {
		r.Receipt = store.ReceiptUnknown
		if r.PlatformDueAt != nil { // sorted by the platform's limit until the day is known
			r.DueAt, r.ExtendedDueAt = *r.PlatformDueAt, *r.PlatformDueAt
		}
	}
	return r
}

// createdEvent is the audit entry of a new request (its id and subject hash
// are those of r when it is stored).
func createdEvent(r *store.Request, n New) *store.Event {
	detail := fmt.Sprintf("type=%s source=%s due=%s", r.Type, r.Source, r.DueAt)
	if !r.ReceiptKnown() {
		detail = fmt.Sprintf("type=%s source=%s due=unknown platform_due=%s", r.Type, r.Source, r.DueAt)
	}
	return auditEvent(r, "system:"+n.Source, "request.created", detail)
}

// locations caches time zones by name: loading one reads the zoneinfo file.
var locations sync.Map // Shop.Timezone → *time.Location

// location is sh.Location(), cached.
func location(sh *store.Shop) *time.Location {
	if l, ok := locations.Load(sh.Timezone); ok {
		return l.(*time.Location)
	}
	l := sh.Location()
	locations.Store(sh.Timezone, l)
	return l
}

// AddStep records the next pipeline step of a request (once per request
// and kind).
func AddStep(ctx context.Context, tx *store.Store, r *store.Request, kind string) (*store.Step, error) {
	st := newStep(r, kind)
	_, err := tx.CreateStep(ctx, st)
	return st, err
}

func newStep(r *store.Request, kind string) *store.Step {
	return step.New(kind, step.Payload{RequestID: r.ID, ShopID: r.ShopID})
}

// Audit appends an event without personal data.
func Audit(ctx context.Context, tx *store.Store, r *store.Request, actor, action, detail string) error {
	return tx.AddEvent(ctx, auditEvent(r, actor, action, detail))
}

func auditEvent(r *store.Request, actor, action, detail string) *store.Event {
	return &store.Event{
		ShopID: r.ShopID, RequestID: &r.ID, Actor: actor, Action: action, Detail: detail, SubjectHash: r.SubjectHash,
	}
}

func day(d gdpr.Date) store.Day { return store.DayOf(d.Year(), d.Month(), d.Day()) }

// ScheduleShopRedaction records the step that deletes everything held for
// a shop (Shopify's shop/redact, 48 hours after uninstall); once per shop.
func ScheduleShopRedaction(ctx context.Context, tx *store.Store, sh *store.Shop) (*store.Step, error) {
	st := step.New(step.RedactShop, step.Payload{ShopID: sh.ID})
	_, err := tx.CreateStep(ctx, st)
	return st, err
}
