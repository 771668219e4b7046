package shopify

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/lethe-gdpr/lethe/shopify/admin"
)

// stepError is a failed discovery step (Discover wraps it in a
// connect.SystemError naming shopify). Its message says what failed in
// words safe to show and store: never a query's variables (e-mail
// addresses, phone numbers) nor the bodies of GraphQL errors, which may
// echo them. The cause stays reachable for errors.Is/As.
type stepError struct {
	step string
	err  error
}

func (e *stepError) Error() string {
	msg := e.step + ": " + safeCause(e.err)
	if errors.Is(e.err, admin.ErrUnauthorized) {
		msg += " (" + ErrNeedsReauth.Error() + ")"
	}
	return msg
}

// Unwrap lets errors.Is find the cause and, for a refused token,
// ErrNeedsReauth.
func (e *stepError) Unwrap() []error {
	if errors.Is(e.err, admin.ErrUnauthorized) {
		return []error{e.err, ErrNeedsReauth}
	}
	return []error{e.err}
}

func stepErr(step string, err error) error {
	if err == nil {
		return nil
	}
	return &stepError{step: step, err: err}
}

var (
	emailRE = regexp.MustCompile(`[^\s"'<>(),;:]+@[^\s"'<>(),;:]+`)
	phoneRE = regexp.MustCompile(`\+\d[\d\s\-/().]{5,}\d`)
)

// safeCause describes err without personal data.
func safeCause(err error) string {
	var (
		he *admin.HTTPError
		ge *admin.GraphQLError
	)
	switch {
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err.Error()
	case errors.As(err, &he):
		s := fmt.Sprintf("Shopify answered HTTP %d", he.StatusCode)
		if sentinel := he.Unwrap(); sentinel != nil {
			s += ": " + strings.TrimPrefix(sentinel.Error(), "shopify admin: ")
		}
		return s
	case errors.As(err, &ge):
		codes := ge.Codes()
		for i, c := range codes {
			if c == "" {
				codes[i] = "no code"
			}
		}
		return "Shopify answered with GraphQL errors (" + strings.Join(codes, ", ") + ")"
	case errors.Is(err, ErrNeedsReauth):
		return ErrNeedsReauth.Error()
	}
	return redact(err.Error())
}

// redact removes e-mail addresses and phone numbers from a message.
func redact(s string) string {
	s = emailRE.ReplaceAllString(s, "[e-mail]")
	return phoneRE.ReplaceAllString(s, "[phone]")
}
