package connect

import (
	"context"
	"errors"

	"github.com/lethe-gdpr/lethe/app/fault"
)

// SourceRequest names a request in the system it came from: the channel
// recorded at intake and that system's id of it.
type SourceRequest struct {
	Channel    string
	ExternalID string // the system's id of the request
	Type       string // store.TypeAccess or store.TypeErasure
}

// SourceCloser is a connector whose system passes requests on to Lethe and
// keeps its own record of them (the companion plugin forwards WordPress's
// privacy requests): once Lethe is done with one — the answer or the
// erasure confirmation sent — it is told, so that its record closes too.
// The pipeline asks the connector of the system recorded on the request
// at intake (store.Request.CloseSystem).
type SourceCloser interface {
	Connector
	// CloseSource marks the request done in the system. It is idempotent.
	// ErrSourceGone (or an error wrapping it) means the system cannot be
	// told and never will be (the plugin is not installed, the request is
	// not there): the step records that and ends; any other error is
	// retried.
	CloseSource(ctx context.Context, req SourceRequest) error
}

// ErrSourceGone: the system a request came from cannot be told that Lethe
// is done with it, and retrying will not change that. It is permanent.
var ErrSourceGone = fault.Permanent(errors.New("the system the request came from cannot be told"))

// SourceGone wraps a connector's reason with ErrSourceGone.
func SourceGone(reason error) error { return &sourceGone{reason} }

type sourceGone struct{ err error }

func (e *sourceGone) Error() string   { return e.err.Error() }
func (e *sourceGone) Unwrap() []error { return []error{e.err, ErrSourceGone} }
