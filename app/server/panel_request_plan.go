package server

import (
	"context"
	"errors"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/app/report"
	"github.com/lethe-gdpr/lethe/app/store"
)

// The erasure plan as stored (the source of GET /api/requests/:id/plan):
// per record the action (erase, keep restricted, erase later), the reason
// in plain words, the law and the last day it is kept.

// planView is the plan's table.
type planView struct {
	Automatic  bool
	Approved   bool
	ApprovedAt time.Time
	Rows       []planRow
	Erase      int
	Keep       int
	Later      int
}

// planRow is one record of the plan.
type planRow struct {
	System     string
	RecordType string
	RecordID   string
	Action     string // erase, retain, defer
	Reason     string
	Law        string
	Until      time.Time // zero: no date
	LegalHold  bool
}

func (p *Panel) plan(ctx context.Context, sh *store.Shop, r *store.Request, l lang) (*planView, error) {
	if r.Type != store.TypeErasure {
		return nil, nil
	}
	ep, err := p.api.st.Plan(ctx, sh.ID, r.ID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	v := &planView{Automatic: ep.Automatic, Approved: ep.ApprovedAt != nil}
	if ep.ApprovedAt != nil {
		v.ApprovedAt = *ep.ApprovedAt
	}
	for _, e := range ep.Entries {
		row := planRow{
			System: systemLabel(l, e.System), RecordType: report.RecordTypeLabel(string(e.RecordType), string(l)),
			RecordID: e.RecordID, Action: string(e.Action), Law: citation(l, e.LegalReference), LegalHold: e.LegalHold,
		}
		if e.RetainUntil != nil && !e.RetainUntil.IsZero() {
			row.Until = e.RetainUntil.Time(time.UTC)
		}
		row.Reason = planReason(l, e.Action, row.RecordType, !row.Until.IsZero(), e.LegalHold)
		switch e.Action {
		case retention.ActionErase:
			v.Erase++
		case retention.ActionRetain:
			v.Keep++
		default:
			v.Later++
		}
		v.Rows = append(v.Rows, row)
	}
	return v, nil
}

// planReason is why a record is erased or kept, in the page's language
// (the rules' own reason is written in English for the record).
func planReason(l lang, a retention.Action, recordType string, dated, hold bool) string {
	switch {
	case hold:
		return l.T("reqpage.plan.why_hold")
	case a == retention.ActionErase && dated:
		return l.T("reqpage.plan.why_ended")
	case a == retention.ActionErase:
		return l.T("reqpage.plan.why_erase")
	case a == retention.ActionRetain && dated:
		return l.T("reqpage.plan.why_keep", recordType)
	case a == retention.ActionRetain:
		return l.T("reqpage.plan.why_keep_undated", recordType)
	}
	return l.T("reqpage.plan.why_defer")
}
