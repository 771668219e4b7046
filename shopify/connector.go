package shopify

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/shopify/admin"
)

// System is the name of the Shopify connector in items and errors.
const System = "shopify"

// connector discovers a person's data in one Shopify shop through the
// GraphQL Admin API.
type connector struct {
	client *admin.Client
	shop   *store.Shop
}

// NewConnector returns the Shopify connector of shop, reading through
// client (whose token source is the shop's).
func NewConnector(client *admin.Client, shop *store.Shop) connect.Connector {
	return &connector{client: client, shop: shop}
}

// ConnectorFactory builds the Shopify connector of Shopify shops; other
// platforms' shops are not connected (ok false). A shop that must
// re-authenticate fails with ErrNeedsReauth, an uninstalled or redacted one
// with a plain error: neither can be read, and the merchant must see why.
func ConnectorFactory(newClient func(*store.Shop) (*admin.Client, error)) connect.Factory {
	return func(_ context.Context, sh *store.Shop) (connect.Connector, bool, error) {
		if sh.Platform != System {
			return nil, false, nil
		}
		switch sh.Status {
		case store.ShopNeedsReauth:
			return nil, true, ErrNeedsReauth
		case store.ShopUninstalled, store.ShopRedacted:
			return nil, true, fmt.Errorf("the app is not installed on the shop (status %s): its Shopify data cannot be read", sh.Status)
		}
		cl, err := newClient(sh)
		if err != nil {
			return nil, true, err
		}
		return NewConnector(cl, sh), true, nil
	}
}

func (c *connector) System() string { return System }

// Discover finds the customer (by id, else e-mail, else phone), reads the
// profile and every order of the customer, the orders Shopify named in
// orders_requested and the guest orders placed with the same e-mail, and
// turns them into items. Nothing is returned on an error: a partial answer
// would be wrong. A person Shopify does not know is Found false, not an
// error.
func (c *connector) Discover(ctx context.Context, s connect.Subject) (connect.Result, error) {
	d := &discovery{client: c.client, subject: s, seen: map[string]bool{}}
	if err := d.run(ctx); err != nil {
		return connect.Result{}, systemError(err)
	}
	if d.customer == nil && len(d.orders) == 0 {
		return connect.Result{Found: false, Identity: d.identity()}, nil
	}
	sortOrders(d.orders)
	m := newMapper(c.shop)
	var res connect.Result
	res.Found = true
	res.Identity = d.identity()
	if d.customer != nil {
		res.Items = append(res.Items, m.customerItems(d.customer)...)
		res.Locale = d.customer.Locale
	}
	for _, o := range d.orders {
		res.Items = append(res.Items, m.orderItems(o)...)
	}
	res.Recipients = recipientsOf(d.orders)
	return res, nil
}

// sortOrders puts orders oldest first (processing date, then id), however
// they were found.
func sortOrders(os []*admin.DiscoveryOrder) {
	at := func(o *admin.DiscoveryOrder) time.Time {
		if o.ProcessedAt.IsZero() {
			return o.CreatedAt
		}
		return o.ProcessedAt
	}
	sort.SliceStable(os, func(i, j int) bool {
		if !at(os[i]).Equal(at(os[j])) {
			return at(os[i]).Before(at(os[j]))
		}
		return os[i].ID < os[j].ID
	})
}

// systemError names the system and, for a refused token, also matches
// ErrNeedsReauth, so the pipeline can mark the shop.
func systemError(err error) error {
	var se *connect.SystemError
	if errors.As(err, &se) {
		return err
	}
	return &connect.SystemError{System: System, Err: err}
}
