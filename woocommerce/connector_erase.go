package woocommerce

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/gdpr/plan"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
)

// Erase carries out the approved plan in the store, record by record,
// after Lethe archived what the law keeps:
//
//   - an order the plan erases whole (its retention ran out) is deleted,
//     its notes with it (DELETE /orders/<id>?force=true);
//   - of an order kept for its invoice, or deferred while it is open, only
//     what no kept record needs goes (connector_erase_kept.go): the
//     customer note and the person's own meta by a PUT that holds nothing
//     else (no recalculation), the private notes and the letters whose
//     period ended by DELETE, and through the companion plugin the e-mail,
//     phone, shipping address (where it differs from the invoice address),
//     IP address, user agent and the meta WooCommerce lists as personal —
//     never a PUT with billing or shipping, which would recalculate the
//     invoice's taxes at today's rates;
//   - the customer account is deleted (DELETE /customers/<id>?force=true:
//     the orders stay, with customer id 0), product reviews too, and the
//     person's comments and analytics row are anonymized by the plugin.
//
// What only the plugin can erase is Left when the store has none, or it
// refuses for good; so is what no call can erase without touching a kept
// record (the billing address of a kept order) and an account with more
// than a customer's role. Every call is idempotent and checked against the store's state
// first, so a step that runs again after a crash does nothing twice; an
// object already gone counts as erased. A revoked key is connect.ErrReauth.
//
// req.PlatformInitiated changes nothing: a privacy request confirmed in
// WordPress (forwarded by the plugin) is not carried out by WordPress.
func (c *connector) Erase(ctx context.Context, req connect.ErasureRequest) (connect.ErasureResult, error) {
	w := newErasure(c, req)
	if err := w.run(ctx); err != nil {
		return connect.ErasureResult{}, systemError(err)
	}
	return connect.ErasureResult{Left: w.left, Detail: w.detail()}, nil
}

var _ connect.Eraser = (*connector)(nil)

// erasure is one run of Erase.
type erasure struct {
	c         *connector
	email     string
	orders    map[int64]*orderPlan
	accounts  []plan.Entry // customer accounts to delete
	reviews   []plan.Entry
	comments  []plan.Entry
	analytics []plan.Entry
	left      []plan.Left
	plugin    []pluginOrder // kept orders' fields for the plugin
	n         struct{ ordersDeleted, ordersKept, notes, reviews, customers, pluginCalls int }
	pluginSay string // how the plugin answered: ok, missing, failed, unused
}

func newErasure(c *connector, req connect.ErasureRequest) *erasure {
	w := &erasure{c: c, email: strings.TrimSpace(req.Subject.Email), orders: map[int64]*orderPlan{}, pluginSay: "unused"}
	order := func(id int64) *orderPlan {
		if w.orders[id] == nil {
			w.orders[id] = &orderPlan{id: id, letters: map[int64]plan.Entry{}}
		}
		return w.orders[id]
	}
	for _, e := range req.Entries {
		if e.System != Platform {
			continue
		}
		erase := e.Action == retention.ActionErase
		kind, rest, _ := strings.Cut(e.RecordID, "/")
		num, numErr := strconv.ParseInt(kind, 10, 64)
		switch {
		// Reviews and the analytics row were customer_account items of a
		// kind before they had record types of their own; a request
		// discovered then may be planned now.
		case (e.RecordType == retention.ProductReview || e.RecordType == retention.CustomerAccount) && rest != "" && kind == "review":
			if erase {
				w.reviews = append(w.reviews, e)
			}
		case rest != "" && kind == "comment": // the comment, and its IP address and browser (technical data)
			w.comments = append(w.comments, e)
		case (e.RecordType == retention.AnalyticsRecord || e.RecordType == retention.CustomerAccount) && rest != "" && kind == "analytics":
			w.analytics = append(w.analytics, e)
		case e.RecordType == retention.CustomerAccount && rest == "" && numErr == nil:
			if erase {
				w.accounts = append(w.accounts, e)
			}
		case (e.RecordType == retention.BusinessLetter || e.RecordType == retention.OrderNote) && numErr == nil && strings.HasPrefix(rest, "note/"):
			// A note on the order: sent to the customer (a letter) or
			// private; either lives on the order and goes by its id.
			note, err := strconv.ParseInt(strings.TrimPrefix(rest, "note/"), 10, 64)
			if err != nil {
				w.unknown(e)
				continue
			}
			order(num).letters[note] = e
		case e.RecordType != retention.CustomerAccount && rest == "" && numErr == nil:
			op := order(num)
			op.entries = append(op.entries, e)
		default:
			w.unknown(e)
		}
	}
	w.comments = w.allOrNothing(w.comments)
	w.analytics = w.allOrNothing(w.analytics)
	return w
}

// allOrNothing: the plugin erases the person's comments (or analytics row)
// all at once, by e-mail. When the plan keeps one of them (a legal hold),
// none is erased that way, and the ones to erase are left.
func (w *erasure) allOrNothing(es []plan.Entry) []plan.Entry {
	var out []plan.Entry
	for _, e := range es {
		if e.Action != retention.ActionErase {
			for _, e := range es {
				w.unknown(e)
			}
			return nil
		}
		out = append(out, e)
	}
	return out
}

// unknown leaves a record to erase that Lethe does not know how to erase in
// the store.
func (w *erasure) unknown(e plan.Entry) {
	if e.Action == retention.ActionErase {
		w.left = append(w.left, plan.Left{System: Platform, RecordType: e.RecordType, RecordID: e.RecordID, Reason: plan.LeftUnknown})
	}
}

func (w *erasure) run(ctx context.Context) error {
	staff, err := w.readAccounts(ctx)
	if err != nil {
		return err
	}
	ids := make([]int64, 0, len(w.orders))
	for id := range w.orders {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		op := w.orders[id]
		if op.kept() {
			err = w.eraseKept(ctx, op)
		} else {
			err = w.deleteOrder(ctx, id)
		}
		if err != nil {
			return err
		}
	}
	for _, e := range w.reviews {
		id, _ := strconv.ParseInt(strings.TrimPrefix(e.RecordID, "review/"), 10, 64)
		if err := gone(w.c.client.DeleteReview(ctx, id)); err != nil {
			return stepErr("deleting a product review", err)
		}
		w.n.reviews++
	}
	if err := w.runPlugin(ctx); err != nil {
		return err
	}
	for _, e := range w.accounts {
		if staff[e.RecordID] {
			w.left = append(w.left, plan.Left{System: Platform, RecordType: e.RecordType, RecordID: e.RecordID, Reason: plan.LeftStaffAccount})
			continue
		}
		id, _ := strconv.ParseInt(e.RecordID, 10, 64)
		if err := gone(w.c.client.DeleteCustomer(ctx, id, 0)); err != nil {
			return stepErr("deleting the customer", err)
		}
		w.n.customers++
	}
	return nil
}

// readAccounts reads the accounts to delete. Only a customer's or
// subscriber's account is deleted; any other role is left to the merchant:
// the shop's team (an administrator's key may be the one Lethe uses), and
// authors, whose posts WordPress would delete with them. The account's
// e-mail serves the plugin when the request named none.
func (w *erasure) readAccounts(ctx context.Context) (staff map[string]bool, err error) {
	staff = map[string]bool{}
	for _, e := range w.accounts {
		id, _ := strconv.ParseInt(e.RecordID, 10, 64)
		cu, err := w.c.client.Customer(ctx, id)
		switch {
		case errors.Is(err, ErrNotFound):
			continue // deleted already
		case err != nil:
			return nil, stepErr("reading the customer", err)
		}
		if cu.Role != "customer" && cu.Role != "subscriber" {
			staff[e.RecordID] = true
		}
		if w.email == "" {
			w.email = strings.TrimSpace(cu.Email)
		}
	}
	return staff, nil
}

// deleteOrder deletes an order the plan erases whole, with its notes.
func (w *erasure) deleteOrder(ctx context.Context, id int64) error {
	if err := gone(w.c.client.DeleteOrder(ctx, id, true)); err != nil {
		return stepErr("deleting an order", err)
	}
	w.n.ordersDeleted++
	return nil
}

// gone treats an object that is not there (any more) as deleted: an
// earlier run, or the merchant, deleted it.
func gone(err error) error {
	if errors.Is(err, ErrNotFound) || errors.Is(err, ErrGone) {
		return nil
	}
	return err
}

// detail says what was done, in counts (no personal data).
func (w *erasure) detail() string {
	return fmt.Sprintf("orders_deleted=%d orders_kept=%d notes_deleted=%d reviews_deleted=%d customers_deleted=%d plugin=%s plugin_calls=%d records_left=%d",
		w.n.ordersDeleted, w.n.ordersKept, w.n.notes, w.n.reviews, w.n.customers, w.pluginSay, w.n.pluginCalls, len(w.left))
}
