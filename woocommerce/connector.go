package woocommerce

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/store"
)

// connector discovers a person's data in one WooCommerce store through
// its REST API.
type connector struct {
	client *Client
	shop   *store.Shop
}

// NewConnector returns the WooCommerce connector of shop, reading through
// client (made from the shop's sealed keys).
func NewConnector(client *Client, sh *store.Shop) connect.Connector {
	return &connector{client: client, shop: sh}
}

// ConnectorFactory builds the connector of WooCommerce shops; other
// platforms' shops are not connected (ok false). A shop that must connect
// again fails with connect.ErrReauth; an uninstalled or redacted one with a
// plain error: neither can be read, and the merchant must see why.
func ConnectorFactory(newClient func(*store.Shop) (*Client, error)) connect.Factory {
	return func(_ context.Context, sh *store.Shop) (connect.Connector, bool, error) {
		if sh.Platform != Platform {
			return nil, false, nil
		}
		switch sh.Status {
		case store.ShopNeedsReauth:
			return nil, true, connect.ErrReauth
		case store.ShopUninstalled, store.ShopRedacted:
			return nil, true, fmt.Errorf("the store is not connected (status %s): its WooCommerce data cannot be read", sh.Status)
		}
		cl, err := newClient(sh)
		if err != nil {
			return nil, true, err
		}
		return NewConnector(cl, sh), true, nil
	}
}

// ConnectorFactory is the factory of the App's connected stores.
func (a *App) ConnectorFactory() connect.Factory { return ConnectorFactory(a.Client) }

func (c *connector) System() string { return Platform }

// discovered is what one Discover read.
type discovered struct {
	customers []Customer
	orders    []Order // registered and guest, oldest first
	notes     map[int64][]Note
	reviews   []Review
	email     string          // the address searched by ("" when none is known)
	plugin    *PluginFound    // nil without the companion plugin
	limits    []connect.Limit // what could not be searched
}

// Discover finds the customer by e-mail (any role), their orders, the
// guest orders placed with the same e-mail (a fuzzy search, checked for
// the exact billing e-mail here), every order's notes, the product
// reviews written under the e-mail and, through the companion plugin,
// what REST does not show (user meta, comments, the analytics row), and
// turns them into items. A store without the plugin is searched without
// it, and the result names what was not searched (Limits). Nothing is
// returned on an error: a partial answer would be wrong. A person the
// store does not know is Found false, not an error.
func (c *connector) Discover(ctx context.Context, s connect.Subject) (connect.Result, error) {
	d, err := c.discover(ctx, s)
	if err != nil {
		return connect.Result{}, systemError(err)
	}
	res := connect.Result{Limits: d.limits}
	if len(d.customers) > 0 {
		res.Identity.Contact = strings.TrimSpace(d.customers[0].Email)
	} else if len(d.orders) > 0 {
		res.Identity.Contact = strings.TrimSpace(d.orders[0].Billing.Email)
	}
	m := newMapper(c.shop)
	var accounts, found []gdpr.Item
	for i := range d.customers {
		accounts = append(accounts, m.accountItem(&d.customers[i]))
	}
	if d.plugin != nil {
		found = m.pluginItems(d.plugin, accounts, d.customers, d.email)
	}
	if len(d.customers) == 0 && len(d.orders) == 0 && len(d.reviews) == 0 && len(found) == 0 {
		return res, nil
	}
	res.Found = true
	res.Items = accounts
	for i := range d.orders {
		o := &d.orders[i]
		res.Items = append(res.Items, m.orderItems(o, d.notes[o.ID])...)
	}
	for i := range d.reviews {
		res.Items = append(res.Items, m.reviewItem(&d.reviews[i]))
	}
	res.Items = append(res.Items, found...)
	res.Recipients = recipientsOf(d.orders)
	return res, nil
}

// discover reads the store: the customer first (the e-mail address, when
// the request names only a customer id), then at once the customer's
// orders, the guest orders, the reviews and the plugin's view, then every
// order's notes at once — all within the store's bound of calls in flight
// (Client.MaxInFlight), and in a fixed order whatever order the answers
// come in.
func (c *connector) discover(ctx context.Context, s connect.Subject) (*discovered, error) {
	d := &discovered{}
	email := strings.TrimSpace(s.Email)
	if email != "" {
		cs, err := c.client.CustomersByEmail(ctx, email)
		if err != nil {
			return nil, stepErr("finding the customer by e-mail", err)
		}
		for _, cu := range cs {
			if strings.EqualFold(strings.TrimSpace(cu.Email), email) {
				d.customers = append(d.customers, cu)
			}
		}
	} else if id, err := strconv.ParseInt(strings.TrimSpace(s.CustomerID), 10, 64); err == nil && id > 0 {
		cu, err := c.client.Customer(ctx, id)
		switch {
		case errors.Is(err, ErrNotFound):
		case err != nil:
			return nil, stepErr("reading the customer", err)
		default:
			d.customers = append(d.customers, cu)
			email = strings.TrimSpace(cu.Email)
		}
	}
	d.email = email
	lists := make([][]Order, len(d.customers)+1) // the customers', then the guest orders
	g, gctx := errgroup.WithContext(ctx)
	for i, cu := range d.customers {
		g.Go(func() error {
			os, err := c.client.OrdersByCustomer(gctx, cu.ID)
			if err != nil {
				return stepErr("reading the customer's orders", err)
			}
			lists[i] = os
			return nil
		})
	}
	if email != "" {
		g.Go(func() error {
			os, err := c.client.GuestOrdersByEmail(gctx, email)
			if err != nil {
				return stepErr("searching the guest orders", err)
			}
			lists[len(d.customers)] = os
			return nil
		})
		g.Go(func() error {
			rs, err := c.client.ReviewsByEmail(gctx, email)
			if err != nil {
				return stepErr("reading the product reviews", err)
			}
			for _, r := range rs {
				if strings.EqualFold(strings.TrimSpace(r.ReviewerEmail), email) {
					d.reviews = append(d.reviews, r)
				}
			}
			return nil
		})
		g.Go(func() error {
			f, err := c.client.PluginFind(gctx, email)
			switch {
			case errors.Is(err, ErrPluginMissing):
				d.limits = append(d.limits, pluginMissing)
			case err != nil:
				return stepErr("asking the companion plugin", err)
			default:
				d.plugin = &f
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	for _, os := range lists {
		for _, o := range os {
			if !seen[o.ID] {
				seen[o.ID] = true
				d.orders = append(d.orders, o)
			}
		}
	}
	sort.SliceStable(d.orders, func(i, j int) bool {
		a, b := d.orders[i].DateCreated.Time, d.orders[j].DateCreated.Time
		if !a.Equal(b) {
			return a.Before(b)
		}
		return d.orders[i].ID < d.orders[j].ID
	})
	notes, err := c.readNotes(ctx, d.orders)
	if err != nil {
		return nil, err
	}
	d.notes = notes
	return d, nil
}

// stepError is a failed discovery step. Its message names the step and
// the REST call (method, path with ids only, WooCommerce's code), never
// the query, which holds the e-mail address. A revoked key or one without
// the permission also matches connect.ErrReauth.
type stepError struct {
	step string
	err  error
}

func (e *stepError) Error() string {
	msg := e.step + ": " + e.err.Error()
	if reauth(e.err) {
		msg += " (" + connect.ErrReauth.Error() + ")"
	}
	return msg
}

func (e *stepError) Unwrap() []error {
	if reauth(e.err) {
		return []error{e.err, connect.ErrReauth}
	}
	return []error{e.err}
}

func reauth(err error) bool { return errors.Is(err, ErrRevoked) || errors.Is(err, ErrPermission) }

func stepErr(step string, err error) error { return &stepError{step: step, err: err} }

func systemError(err error) error {
	var se *connect.SystemError
	if errors.As(err, &se) {
		return err
	}
	return &connect.SystemError{System: Platform, Err: err}
}
