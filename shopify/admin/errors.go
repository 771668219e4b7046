package admin

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Sentinel errors; test with errors.Is.
var (
	// ErrUnauthorized: HTTP 401, the token is invalid, expired or revoked
	// (e.g. the app was uninstalled). The shop needs re-authentication.
	ErrUnauthorized = errors.New("shopify admin: unauthorized: invalid, expired or revoked access token")
	// ErrForbidden: HTTP 403 or ACCESS_DENIED, a missing access scope.
	ErrForbidden = errors.New("shopify admin: forbidden: missing access scope or protected data access")
	// ErrShopNotFound: HTTP 404, unknown shop or unsupported API version.
	ErrShopNotFound = errors.New("shopify admin: shop or API version not found")
	// ErrShopUnavailable: HTTP 402 (frozen) or 423 (locked) shop.
	ErrShopUnavailable = errors.New("shopify admin: shop unavailable (frozen or locked)")
	// ErrThrottled: still THROTTLED after the bounded retries.
	ErrThrottled = errors.New("shopify admin: throttled")
	// ErrMaxCostExceeded: the document requests more than 1000 points.
	ErrMaxCostExceeded = errors.New("shopify admin: query cost exceeds the single query limit")
	// ErrNotFound: the requested customer or order does not exist.
	ErrNotFound = errors.New("shopify admin: resource not found")
)

// HTTPError is a non-200 answer from the API.
type HTTPError struct {
	StatusCode int
	Body       string // first 512 bytes
}

func (e *HTTPError) Error() string {
	return fmt.Sprintf("shopify admin: HTTP %d: %s", e.StatusCode, e.Body)
}

// Unwrap maps the status to a sentinel.
func (e *HTTPError) Unwrap() error {
	switch e.StatusCode {
	case http.StatusUnauthorized:
		return ErrUnauthorized
	case http.StatusForbidden:
		return ErrForbidden
	case http.StatusNotFound:
		return ErrShopNotFound
	case http.StatusPaymentRequired, http.StatusLocked:
		return ErrShopUnavailable
	}
	return nil
}

// ErrorItem is one entry of a response's errors array.
type ErrorItem struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path,omitempty"`
	Locations  []Location     `json:"locations,omitempty"`
	Extensions map[string]any `json:"extensions,omitempty"`
}

// Location is a position in the document.
type Location struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// Code is extensions.code ("THROTTLED", "undefinedField" …) or "".
func (i ErrorItem) Code() string {
	c, _ := i.Extensions["code"].(string)
	return c
}

// GraphQLError carries the errors array of a response (HTTP 200).
type GraphQLError struct {
	Errors []ErrorItem
}

func (e *GraphQLError) Error() string {
	parts := make([]string, 0, len(e.Errors))
	for _, it := range e.Errors {
		if c := it.Code(); c != "" {
			parts = append(parts, fmt.Sprintf("%s (%s)", it.Message, c))
		} else {
			parts = append(parts, it.Message)
		}
	}
	return "shopify admin: graphql: " + strings.Join(parts, "; ")
}

// Codes returns the extensions.code of every error.
func (e *GraphQLError) Codes() []string {
	out := make([]string, 0, len(e.Errors))
	for _, it := range e.Errors {
		out = append(out, it.Code())
	}
	return out
}

// HasCode reports whether any error has the code.
func (e *GraphQLError) HasCode(code string) bool {
	for _, it := range e.Errors {
		if it.Code() == code {
			return true
		}
	}
	return false
}

// Is maps well-known codes to sentinels.
func (e *GraphQLError) Is(target error) bool {
	switch target {
	case ErrThrottled:
		return e.HasCode("THROTTLED")
	case ErrMaxCostExceeded:
		return e.HasCode("MAX_COST_EXCEEDED")
	case ErrForbidden:
		return e.HasCode("ACCESS_DENIED")
	}
	return false
}

// UserError is one of a mutation's userErrors.
type UserError struct {
	Field   []string `json:"field"`
	Message string   `json:"message"`
	Code    string   `json:"code"`
}

// UserErrorsError is returned when a mutation answered userErrors.
type UserErrorsError struct {
	Mutation string
	Errors   []UserError
}

func (e *UserErrorsError) Error() string {
	parts := make([]string, 0, len(e.Errors))
	for _, u := range e.Errors {
		parts = append(parts, fmt.Sprintf("%s: %s (%s)", strings.Join(u.Field, "."), u.Message, u.Code))
	}
	return "shopify admin: " + e.Mutation + ": " + strings.Join(parts, "; ")
}

// HasCode reports whether any user error has the code.
func (e *UserErrorsError) HasCode(code string) bool {
	for _, u := range e.Errors {
		if u.Code == code {
			return true
		}
	}
	return false
}
