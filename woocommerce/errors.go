package woocommerce

import (
	"errors"
	"fmt"
	"strings"
)

var (
	// ErrRevoked: the key was revoked or deleted, its secret is wrong, or its
	// WordPress user is gone or lost the capability — the store needs to be
	// connected again.
	ErrRevoked = errors.New("woocommerce: the API key no longer works")
	// ErrPermission: the key lacks read or write permission (connect again
	// with read_write).
	ErrPermission = errors.New("woocommerce: the API key lacks the permission")
	// ErrAuth: another authentication failure (OAuth signature, timestamp
	// outside the 15-minute window, nonce reused).
	ErrAuth = errors.New("woocommerce: authentication failed")
	// ErrNotFound: the object does not exist (404, or 400 invalid id).
	ErrNotFound = errors.New("woocommerce: not found")
	// ErrInvalid: the store refused the request's parameters (400).
	ErrInvalid = errors.New("woocommerce: invalid request")
	// ErrNotImplemented: the store refuses the operation (501, e.g. DELETE
	// without force where there is no trash).
	ErrNotImplemented = errors.New("woocommerce: operation not supported")
	// ErrGone: already deleted (410, e.g. an order already in the trash).
	ErrGone = errors.New("woocommerce: already deleted")
	// ErrUnavailable: the store failed (5xx, 429, timeouts) on every attempt.
	ErrUnavailable = errors.New("woocommerce: store unavailable")
)

// APIError is a failed REST call. Its text names the method, the path
// (ids only, never the query, which may hold an e-mail) and WooCommerce's
// error code.
type APIError struct {
	Method   string
	Path     string // e.g. /wp-json/wc/v3/orders/123
	Status   int    // 0 when no answer arrived
	Code     string // WooCommerce's code, e.g. woocommerce_rest_cannot_view
	Message  string // WooCommerce's message (generic texts, no personal data)
	Attempts int
	kind     error
	cause    error

	retryAfter string
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "woocommerce: %s %s", e.Method, e.Path)
	if e.Status != 0 {
		fmt.Fprintf(&b, ": %d", e.Status)
	}
	if e.Code != "" {
		fmt.Fprintf(&b, " %s", e.Code)
	}
	if e.Message != "" {
		fmt.Fprintf(&b, " (%s)", e.Message)
	}
	if e.cause != nil {
		fmt.Fprintf(&b, ": %v", e.cause)
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " after %d attempts", e.Attempts)
	}
	return b.String()
}

// Unwrap gives the sentinel (errors.Is(err, ErrRevoked)) and the cause.
func (e *APIError) Unwrap() []error {
	var out []error
	if e.kind != nil {
		out = append(out, e.kind)
	}
	if e.cause != nil {
		out = append(out, e.cause)
	}
	return out
}

// classify maps an answer to a sentinel, as WooCommerce's codes mean them.
func classify(status int, code, message string) error {
	switch {
	case status == 401 || status == 403:
		switch {
		case strings.HasPrefix(code, "woocommerce_rest_cannot_"),
			code == "woocommerce_rest_authentication_error" && (strings.Contains(message, "Consumer Key is invalid") || strings.Contains(message, "Consumer Secret is invalid")):
			return ErrRevoked
		case strings.Contains(message, "does not have read permissions"), strings.Contains(message, "does not have write permissions"):
			return ErrPermission
		}
		return ErrAuth
	case status == 404:
		return ErrNotFound
	case status == 400 && strings.HasSuffix(code, "_invalid_id"):
		return ErrNotFound
	case status == 410:
		return ErrGone
	case status == 501:
		return ErrNotImplemented
	case status == 429 || status >= 500:
		return ErrUnavailable
	case status >= 400:
		return ErrInvalid
	}
	return nil
}
