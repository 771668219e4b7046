// Package fault is Lethe's one error type for answers over HTTP and its one
// way to tell the worker that retrying cannot help. The domain, the server
// and the platform packages all use it; nothing here imports HTTP
// frameworks, so the domain can return these errors without knowing Echo.
package fault

import (
	"errors"
	"fmt"
	"net/http"
)

// Error carries what a client may see (status, a stable code, a safe
// message without personal data) and what only the log sees (the cause).
type Error struct {
	Status  int    // HTTP status
	Code    string // stable and machine-readable, e.g. "not_found"
	Message string // safe to show; no personal data
	Cause   error  // internal; logged for 5xx, never sent
	// Fields, for a validation failure, maps each bad input field to why
	// (safe to show); nil otherwise.
	Fields map[string]string
}

func (e *Error) Error() string {
	if e.Cause != nil {
		return e.Message + ": " + e.Cause.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Cause }

// New builds an Error without a cause.
func New(status int, code, message string) *Error {
	return &Error{Status: status, Code: code, Message: message}
}

// Newf builds an Error whose message is formatted (no personal data in args).
func Newf(status int, code, format string, args ...any) *Error {
	return &Error{Status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap builds an Error around an internal cause.
func Wrap(status int, code, message string, cause error) *Error {
	return &Error{Status: status, Code: code, Message: message, Cause: cause}
}

// Internal hides cause behind a 500.
func Internal(cause error) *Error {
	return &Error{Status: http.StatusInternalServerError, Code: "internal", Message: "internal error", Cause: cause}
}

// As returns the *Error in err's chain, if any.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// Common answers.
func BadRequest(code, message string) *Error { return New(http.StatusBadRequest, code, message) }
func Unauthorized(message string) *Error {
	return New(http.StatusUnauthorized, "unauthorized", message)
}
func Forbidden(message string) *Error      { return New(http.StatusForbidden, "forbidden", message) }
func NotFound(message string) *Error       { return New(http.StatusNotFound, "not_found", message) }
func Conflict(code, message string) *Error { return New(http.StatusConflict, code, message) }
