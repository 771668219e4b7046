// Package requests is the domain of a data-subject request's life: intake
// (due dates from the rules core, audit trail, first pipeline step) and
// status transitions. It never imports HTTP or platform code; platforms and
// handlers call it inside their own transactions.
package requests

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/deadline"
	"github.com/lethe-gdpr/lethe/app/store"
)

// Step kinds of the request pipeline ("noun:verb" asynq task types).
const (
	StepDiscover   = "request:discover"
	StepRedactShop = "shop:redact"
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
	// PlatformLimit is a platform's own deadline counted from receipt
	// (Shopify: 30 days for compliance webhooks); zero for none.
	PlatformLimit time.Duration
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
	loc := sh.Location()
	d := deadline.Due(n.ReceivedAt, Place(sh), loc)
	r := &store.Request{
		ShopID: sh.ID, Type: n.Type, Source: n.Source, Channel: n.Channel,
		Status: store.StatusReceived, Subject: n.Subject, ExternalID: n.ExternalID, Locale: n.Locale,
		ReceivedAt: n.ReceivedAt, DueAt: day(d.Due), ExtendedDueAt: day(d.ExtendedDue),
	}
	if n.PlatformLimit > 0 {
		pd := day(gdpr.FromTime(n.ReceivedAt.Add(n.PlatformLimit), loc))
		r.PlatformDueAt = &pd
	}
	if err := tx.CreateRequest(ctx, r); err != nil {
		return nil, nil, err
	}
	detail := fmt.Sprintf("type=%s source=%s due=%s", r.Type, r.Source, r.DueAt)
	if err := Audit(ctx, tx, r, "system:"+n.Source, "request.created", detail); err != nil {
		return nil, nil, err
	}
	st, err := AddStep(ctx, tx, r, StepDiscover)
	return r, st, err
}

// AddStep records the next pipeline step of a request (once per request
// and kind).
func AddStep(ctx context.Context, tx *store.Store, r *store.Request, kind string) (*store.Step, error) {
	key := fmt.Sprintf("%s:%d", kind, r.ID)
	payload, _ := json.Marshal(map[string]int64{"request_id": r.ID, "shop_id": r.ShopID})
	st := &store.Step{ShopID: &r.ShopID, RequestID: &r.ID, Kind: kind, Payload: string(payload), DedupeKey: &key}
	_, err := tx.CreateStep(ctx, st)
	return st, err
}

// Audit appends an event without personal data.
func Audit(ctx context.Context, tx *store.Store, r *store.Request, actor, action, detail string) error {
	return tx.AddEvent(ctx, &store.Event{
		ShopID: r.ShopID, RequestID: &r.ID, Actor: actor, Action: action, Detail: detail, SubjectHash: r.SubjectHash,
	})
}

// Transition moves a request to status `to` from one of `from`, with its
// audit entry, atomically.
func Transition(ctx context.Context, st *store.Store, r *store.Request, actor, to string, from ...string) error {
	return st.Tx(ctx, func(tx *store.Store) error {
		if err := tx.SetRequestStatus(ctx, r.ShopID, r.ID, to, from...); err != nil {
			return err
		}
		r.Status = to
		return Audit(ctx, tx, r, actor, "status."+to, "")
	})
}

func day(d gdpr.Date) store.Day { return store.DayOf(d.Year(), d.Month(), d.Day()) }

// ScheduleShopRedaction records the step that deletes everything held for
// a shop (Shopify's shop/redact, 48 hours after uninstall); once per shop.
func ScheduleShopRedaction(ctx context.Context, tx *store.Store, sh *store.Shop) (*store.Step, error) {
	key := fmt.Sprintf("%s:%d", StepRedactShop, sh.ID)
	payload, _ := json.Marshal(map[string]int64{"shop_id": sh.ID})
	st := &store.Step{ShopID: &sh.ID, Kind: StepRedactShop, Payload: string(payload), DedupeKey: &key}
	_, err := tx.CreateStep(ctx, st)
	return st, err
}
