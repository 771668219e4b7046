package server

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/report"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
)

// Records overdue for deletion (issue 12, point 4): an access request's
// records whose retention period has ended are not "kept until the person
// asks" but due for deletion (Art. 5(1)(e) GDPR). The request page warns
// the merchant before the answer goes out and offers one step: an erasure
// request for this person, created through the manual intake, whose plan
// the merchant reviews before anything is erased (the existing pipeline:
// records the law still requires are archived restricted, the rest is
// erased). An erasure of just the overdue records is not offered: the
// platforms erase a person, not single old orders (Shopify's
// customerRequestDataErasure), so such an action would promise what the
// pipeline cannot do.

// overdueView is the warning: the record types overdue, with counts.
type overdueView struct {
	Rows  []overdueRow
	Total int
	// Erasure is the erasure request already created from this warning.
	Erasure int64
	// CanErase: the request is an access request whose records are overdue.
	CanErase bool
}

// overdueRow is one record type overdue for deletion.
type overdueRow struct {
	Type  string
	Count int
	Since time.Time // the earliest day one became due
}

// overdueOf lists the overdue records among an access request's items
// (nil when none is); the erasure already created from the warning is
// filled in by withErasure.
func overdueOf(items []report.Item, l lang) *overdueView {
	v := &overdueView{}
	index := map[string]int{}
	for _, it := range items {
		if it.OverdueSince == nil {
			continue
		}
		i, ok := index[it.RecordType]
		if !ok {
			i = len(v.Rows)
			index[it.RecordType] = i
			v.Rows = append(v.Rows, overdueRow{Type: report.RecordTypeLabel(it.RecordType, string(l)), Since: it.OverdueSince.Time(time.UTC)})
		}
		v.Rows[i].Count++
		v.Total++
		if s := it.OverdueSince.Time(time.UTC); s.Before(v.Rows[i].Since) {
			v.Rows[i].Since = s
		}
	}
	if v.Total == 0 {
		return nil
	}
	slices.SortFunc(v.Rows, func(a, b overdueRow) int { return strings.Compare(a.Type, b.Type) })
	return v
}

// withErasure is v (a copy: the cached one stays as it is) with the
// erasure request already created from the warning.
func (p *Panel) withErasure(ctx context.Context, sh *store.Shop, r *store.Request, v *overdueView) (*overdueView, error) {
	if v == nil {
		return nil, nil
	}
	out := *v
	var err error
	out.Erasure, err = p.overdueErasure(ctx, sh, r)
	out.CanErase = out.Erasure == 0
	return &out, err
}

// overdueErasure is the erasure request created from r's warning, 0 when
// none was.
func (p *Panel) overdueErasure(ctx context.Context, sh *store.Shop, r *store.Request) (int64, error) {
	events, err := p.api.st.Events(ctx, sh.ID, r.ID)
	if err != nil {
		return 0, err
	}
	for _, e := range events {
		if e.Action == actionOverdueErasure {
			id, _ := strconv.ParseInt(eventDetail(e.Detail)["request"], 10, 64)
			return id, nil
		}
	}
	return 0, nil
}

// actionOverdueErasure is the access request's audit entry naming the
// erasure request created for its overdue records.
const actionOverdueErasure = "overdue.erasure_requested"

// requestEraseOverdue serves POST /app/requests/:id/erase-overdue: an
// erasure request for the access request's person, recorded as one the
// shop started itself (channel requests.ChannelShop: the person did not ask
// for it, and its e-mails say so), its plan left for the merchant's review
// unless the shop erases without review; then to its page (303). Once
// created, a second post goes to the same request.
func (p *Panel) requestEraseOverdue(c echo.Context) error {
	sess := session(c)
	id, err := panelRequestID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	r, err := p.api.st.Request(ctx, sess.Shop.ID, id)
	if err != nil {
		return fault.NotFound("no such request")
	}
	if r.Type != store.TypeAccess {
		return fault.Conflict("not_access", "only an access request's overdue records are erased this way")
	}
	if prior, err := p.overdueErasure(ctx, sess.Shop, r); err != nil {
		return err
	} else if prior != 0 {
		return c.Redirect(http.StatusSeeOther, "/app/requests/"+strconv.FormatInt(prior, 10))
	}
	n := requests.New{
		Type: store.TypeErasure, Source: "manual", Channel: requests.ChannelShop, Locale: r.Locale, ReceivedAt: p.api.clock(),
		Subject: store.Subject{Email: r.Subject.Email, Name: r.Subject.Name, Phone: r.Subject.Phone, CustomerID: r.Subject.CustomerID, OrderIDs: r.Subject.OrderIDs},
		Note:    "Retention period ended for records found by access request " + strconv.FormatInt(r.ID, 10) + " (Art. 5(1)(e) GDPR).",
	}
	e, err := p.api.enter(ctx, sess, n)
	if err != nil {
		return err
	}
	err = p.api.st.Tx(ctx, func(tx *store.Store) error {
		return requests.Audit(ctx, tx, r, actor(sess), actionOverdueErasure, "request="+strconv.FormatInt(e.ID, 10))
	})
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/app/requests/"+strconv.FormatInt(e.ID, 10))
}
