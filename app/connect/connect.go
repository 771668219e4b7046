// Package connect is the platform-neutral contract every data source of a
// shop implements: find a person's data (and, later, erase it). A connector
// turns its system's records into the rules core's items; the rules decide
// what they mean. Platforms (shopify, woocommerce, …) provide connectors;
// the registry builds the set connected for one shop.
package connect

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/store"
)

// Subject is who the request is about, as the platform named them.
type Subject = store.Subject

// Result is what one connector found.
type Result struct {
	// Found is false when the system does not know the person at all (a
	// negative answer for this system, not an error).
	Found bool
	Items []gdpr.Item
	// Recipients the system disclosed this person's data to, learned from
	// the data (payment gateways of the orders, carriers of fulfilments).
	Recipients []answer.Recipient
	// Locale is the person's preferred language as the system knows it
	// ("de", "en-GB"), used for the reply when the request named none.
	Locale string
	// Identity is how the subject's identifiers matched the system's
	// records (identity.go).
	Identity Identity
	// Limits are the parts of the system it could not search (an
	// extension not installed …): the merchant sees them with the request,
	// so a gap in the answer is known.
	Limits []Limit
}

// Limit is one part of a system discovery could not search, for the
// merchant: a stable code and the text in German and English, written by
// the connector (which knows what it could not reach). No personal data.
// The pipeline fills in System.
type Limit = store.DiscoveryLimit

// Connector is one connected system of a shop.
type Connector interface {
	// System names it in items and in errors shown to the merchant
	// ("shopify", "lethe", "woocommerce", "mailchimp" …).
	System() string
	// Discover finds everything the system holds about the subject.
	// Errors must not contain personal data.
	Discover(ctx context.Context, s Subject) (Result, error)
}

// Factory builds a shop's connector; ok is false when the shop does not
// use that system.
type Factory func(ctx context.Context, shop *store.Shop) (c Connector, ok bool, err error)

// Registry holds the factories of every system Lethe can connect.
type Registry struct {
	factories    map[string]Factory
	reconnectors map[string]Reconnector // how each system is connected again (reconnect.go)
	setups       map[string]SetupFunc   // setup.go
}

// NewRegistry makes an empty registry.
func NewRegistry() *Registry { return &Registry{factories: map[string]Factory{}} }

// Register adds the factory of a system.
func (r *Registry) Register(system string, f Factory) { r.factories[system] = f }

// For returns the connectors connected for shop, in a stable order.
func (r *Registry) For(ctx context.Context, shop *store.Shop) ([]Connector, error) {
	names := make([]string, 0, len(r.factories))
	for n := range r.factories {
		names = append(names, n)
	}
	sort.Strings(names)
	var out []Connector
	for _, n := range names {
		c, ok, err := r.factories[n](ctx, shop)
		if err != nil {
			return nil, &SystemError{System: n, Err: err}
		}
		if ok {
			out = append(out, c)
		}
	}
	return out, nil
}

// SystemError says which system failed, for the merchant.
type SystemError struct {
	System string
	Err    error
}

func (e *SystemError) Error() string { return fmt.Sprintf("%s: %v", e.System, e.Err) }
func (e *SystemError) Unwrap() error { return e.Err }

// FailedSystem returns the name of the system an error came from.
func FailedSystem(err error) (string, bool) {
	var se *SystemError
	if errors.As(err, &se) {
		return se.System, true
	}
	return "", false
}

// ErrReauth means a system refused the shop's credentials (revoked,
// uninstalled): retrying cannot help until the merchant re-authenticates,
// so it is permanent for the worker (errors.Is(err, fault.ErrPermanent)).
// A request step that meets it does not fail: it waits until the system is
// connected again (app/pipeline wait.go), and the shop is marked as
// needing re-authentication. Connectors wrap their platform's error with
// it, or name their own sentinel with ReauthError.
var ErrReauth = fault.Permanent(errors.New("the shop must re-authenticate with this system"))

// ReauthError is a platform's own re-authentication sentinel with message
// msg: errors.Is finds ErrReauth (and so fault.ErrPermanent) in it.
func ReauthError(msg string) error { return &reauthError{msg} }

type reauthError struct{ msg string }

func (e *reauthError) Error() string { return e.msg }
func (e *reauthError) Unwrap() error { return ErrReauth }
