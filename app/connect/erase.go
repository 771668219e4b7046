package connect

import (
	"context"

	"github.com/lethe-gdpr/lethe/app/gdpr/plan"
)

// ErasureRequest is what a system is asked to erase: the subject and the
// approved plan's entries for that system. Fields the plan keeps have been
// archived by Lethe before this is called.
type ErasureRequest struct {
	Subject Subject
	Entries []plan.Entry
	// PlatformInitiated is true when the platform itself asked for the
	// erasure (Shopify's customers/redact): it erases its own data then, and
	// must not be asked again.
	PlatformInitiated bool
}

// ErasureResult says what a system did (ids and counts only).
type ErasureResult struct {
	// Requested: the system was asked to erase (or erases by itself, after
	// its own request) and carries it out later by its own rules — started,
	// not done: the confirmation says so.
	Requested bool
	// Unsupported: the system offers no erasure of these records that
	// Lethe could start (Shopify: guest orders, which have no customer to
	// erase through its Admin API). Nothing was erased there; the records
	// remain until the merchant deletes them there: the confirmation says
	// what remains and why, never that it was erased.
	Unsupported bool
	// Left: records, or fields of records, the system could not erase
	// (WooCommerce without its companion plugin: the IP address of an order
	// kept for its invoice); everything else of the request was erased.
	// The confirmation says these are not erased yet, never that they
	// were; the merchant is told which ones to erase by hand.
	Left   []plan.Left
	Detail string // e.g. "customerRequestDataErasure for 1 customer"; no personal data
}

// Eraser is a connector that can erase what it found.
type Eraser interface {
	Connector
	Erase(ctx context.Context, req ErasureRequest) (ErasureResult, error)
}
