package server

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/store"
)

// Error carries a safe message and status for the client and an internal
// cause for the log.
type Error struct {
	Status  int
	Code    string // machine-readable, e.g. "not_found"
	Message string // safe to show; no personal data
	Cause   error
}

func (e *Error) Error() string {
	if e.Cause != nil {
		return e.Message + ": " + e.Cause.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Cause }

// Fail builds an Error.
func Fail(status int, code, message string) *Error {
	return &Error{Status: status, Code: code, Message: message}
}

// Internal hides cause behind a 500.
func Internal(cause error) *Error {
	return &Error{Status: http.StatusInternalServerError, Code: "internal", Message: "internal error", Cause: cause}
}

// errorBody is the JSON shape of every error answer.
type errorBody struct {
	Error struct {
		Code      string `json:"code"`
		Message   string `json:"message"`
		RequestID string `json:"request_id,omitempty"`
	} `json:"error"`
}

func errorHandler(log *slog.Logger) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			return
		}
		e := classify(err)
		if e.Status == http.StatusNotFound && errors.Is(err, echo.ErrNotFound) {
			c.Set(routeMissKey, true)
		}
		if e.Status >= 500 {
			log.Error("request failed", "route", route(c), "err", err,
				"request_id", c.Response().Header().Get(echo.HeaderXRequestID))
		}
		var body errorBody
		body.Error.Code, body.Error.Message = e.Code, e.Message
		body.Error.RequestID = c.Response().Header().Get(echo.HeaderXRequestID)
		if c.Request().Method == http.MethodHead {
			c.NoContent(e.Status)
			return
		}
		c.JSON(e.Status, body)
	}
}

func classify(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	if fe, ok := fault.As(err); ok {
		return &Error{Status: fe.Status, Code: fe.Code, Message: fe.Message, Cause: fe.Cause}
	}
	var he *echo.HTTPError
	if errors.As(err, &he) {
		msg, _ := he.Message.(string)
		if msg == "" {
			msg = http.StatusText(he.Code)
		}
		return &Error{Status: he.Code, Code: codeFor(he.Code), Message: msg, Cause: he.Internal}
	}
	switch {
	case errors.Is(err, store.ErrNotFound):
		return &Error{Status: http.StatusNotFound, Code: "not_found", Message: "not found", Cause: err}
	case errors.Is(err, store.ErrConflict):
		return &Error{Status: http.StatusConflict, Code: "conflict", Message: "conflict", Cause: err}
	}
	return Internal(err)
}

func codeFor(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "bad_request"
	case http.StatusUnauthorized:
		return "unauthorized"
	case http.StatusForbidden:
		return "forbidden"
	case http.StatusNotFound:
		return "not_found"
	case http.StatusMethodNotAllowed:
		return "method_not_allowed"
	case http.StatusRequestEntityTooLarge:
		return "body_too_large"
	case http.StatusUnsupportedMediaType:
		return "unsupported_media_type"
	case http.StatusTooManyRequests:
		return "rate_limited"
	}
	if status >= 500 {
		return "internal"
	}
	return "error"
}
