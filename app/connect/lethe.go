package connect

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/app/store"
)

// LetheSystem is the name of Lethe's own records in items and errors.
const LetheSystem = "lethe"

// letheConnector reports what Lethe itself holds about a person at a shop:
// the earlier data-subject requests (matched by the keyed subject hash),
// with their dates, type and status, and the e-mails Lethe wrote for them.
// The request being answered is left out: it is the question, not data
// the shop held before.
type letheConnector struct {
	st        *store.Store
	shopID    int64
	currentID int64
}

// NewLetheConnector returns the connector of Lethe's own records of a shop;
// currentRequestID is the request being answered.
func NewLetheConnector(st *store.Store, shopID int64, currentRequestID int64) Connector {
	return &letheConnector{st: st, shopID: shopID, currentID: currentRequestID}
}

func (c *letheConnector) System() string { return LetheSystem }

// Discover lists the subject's earlier requests at the shop. A person who
// never asked before is Found false.
func (c *letheConnector) Discover(ctx context.Context, s Subject) (Result, error) {
	hashes := c.hashes(s)
	if len(hashes) == 0 {
		return Result{}, nil
	}
	ids, err := c.st.SubjectRequestIDs(ctx, c.shopID, hashes, c.currentID)
	if err != nil {
		return Result{}, &SystemError{System: LetheSystem, Err: err}
	}
	if len(ids) == 0 {
		return Result{}, nil
	}
	sh, err := c.st.Shop(ctx, c.shopID)
	if err != nil {
		return Result{}, &SystemError{System: LetheSystem, Err: err}
	}
	emails, err := c.emails(ctx, ids)
	if err != nil {
		return Result{}, &SystemError{System: LetheSystem, Err: err}
	}
	loc := sh.Location()
	res := Result{Found: true}
	for _, id := range ids {
		r, err := c.st.Request(ctx, c.shopID, id)
		if err != nil {
			return Result{}, &SystemError{System: LetheSystem, Err: err}
		}
		res.Items = append(res.Items, requestItem(r, emails[id], loc))
	}
	return res, nil
}

// hashes are the subject hashes an earlier request of the person may
// carry: of the e-mail address, and of the customer id as a GID or as the
// number the compliance webhooks send.
func (c *letheConnector) hashes(s Subject) []string {
	var out []string
	add := func(sub store.Subject) {
		if h := c.st.SubjectHash(sub); h != "" {
			for _, have := range out {
				if have == h {
					return
				}
			}
			out = append(out, h)
		}
	}
	add(store.Subject{Email: s.Email})
	if id := strings.TrimSpace(s.CustomerID); id != "" {
		add(store.Subject{CustomerID: id})
		if i := strings.LastIndexByte(id, '/'); i >= 0 && strings.HasPrefix(id, "gid://") {
			add(store.Subject{CustomerID: id[i+1:]})
		} else if _, err := strconv.ParseInt(id, 10, 64); err == nil {
			add(store.Subject{CustomerID: "gid://shopify/Customer/" + id})
		}
	}
	return out
}

// emails reads the e-mails of the requests (their plain columns), by
// request.
func (c *letheConnector) emails(ctx context.Context, ids []int64) (map[int64][]store.EmailSummary, error) {
	rows, err := c.st.EmailSummaries(ctx, c.shopID, ids)
	if err != nil {
		return nil, err
	}
	out := map[int64][]store.EmailSummary{}
	for _, e := range rows {
		out[e.RequestID] = append(out[e.RequestID], e)
	}
	return out, nil
}

// requestItem is the request_record of one request. The fields the
// retention rule keeps (subject hash, type, status, dates) show that the
// request was handled; the clear data (e-mail, name, phone, ids, e-mails)
// are erased on an erasure request.
func requestItem(r *store.Request, emails []store.EmailSummary, loc *time.Location) gdpr.Item {
	stamp := func(t *time.Time) any {
		if t == nil || t.IsZero() {
			return nil
		}
		return t.In(loc).Format(time.RFC3339)
	}
	f := map[string]any{
		retention.FieldSubjectHash:   r.SubjectHash,
		retention.FieldRequestType:   r.Type,
		retention.FieldRequestStatus: r.Status,
		retention.FieldReceivedAt:    r.ReceivedAt.In(loc).Format(time.RFC3339),
		retention.FieldDueAt:         r.DueAt.String(),
	}
	set := func(k string, v any) {
		switch v := v.(type) {
		case nil:
			return
		case string:
			if v == "" {
				return
			}
		case []string:
			if len(v) == 0 {
				return
			}
		}
		f[k] = v
	}
	set(retention.FieldAnsweredAt, stamp(r.AnsweredAt))
	set(retention.FieldCompletedAt, stamp(r.CompletedAt))
	set("source", r.Source)
	set("channel", r.Channel)
	set("locale", r.Locale)
	set("email", r.Subject.Email)
	set("name", r.Subject.Name)
	set("phone", r.Subject.Phone)
	set("customer_id", r.Subject.CustomerID)
	set("order_ids", r.Subject.OrderIDs)
	var mails []map[string]any
	for _, e := range emails {
		m := map[string]any{"kind": e.Kind, "locale": e.Locale, "subject": e.Subject, "status": e.Status, "created_at": stamp(&e.CreatedAt)}
		if s := stamp(e.SentAt); s != nil {
			m["sent_at"] = s
		}
		mails = append(mails, m)
	}
	if len(mails) > 0 {
		f["emails"] = mails
	}
	handled := r.ReceivedAt
	switch {
	case r.CompletedAt != nil:
		handled = *r.CompletedAt
	case r.AnsweredAt != nil:
		handled = *r.AnsweredAt
	}
	return gdpr.Item{
		System: LetheSystem, RecordType: retention.RequestRecord, RecordID: strconv.FormatInt(r.ID, 10),
		Fields: f, Date: gdpr.FromTime(handled, loc),
	}
}
