package server

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/store"
)

// errorBody is the JSON shape of every error answer.
type errorBody struct {
	Error struct {
		Code      string            `json:"code"`
		Message   string            `json:"message"`
		RequestID string            `json:"request_id,omitempty"`
		Fields    map[string]string `json:"fields,omitempty"` // a 422: each bad field and why
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
			log.Error("request failed", "route", route(c), "status", e.Status, "code", e.Code, "err", err,
				"request_id", c.Response().Header().Get(echo.HeaderXRequestID))
		}
		var body errorBody
		body.Error.Code, body.Error.Message, body.Error.Fields = e.Code, e.Message, e.Fields
		body.Error.RequestID = c.Response().Header().Get(echo.HeaderXRequestID)
		if c.Request().Method == http.MethodHead {
			c.NoContent(e.Status)
			return
		}
		c.JSON(e.Status, body)
	}
}

// classify maps err to the answer the client sees: a fault.Error as it is,
// Echo's own errors (no route, body too large …) and the store's sentinels
// by their status, anything else as a 500 that hides its cause.
func classify(err error) *fault.Error {
	if e, ok := fault.As(err); ok {
		return e
	}
	var he *echo.HTTPError
	if errors.As(err, &he) {
		msg, _ := he.Message.(string)
		if msg == "" {
			msg = http.StatusText(he.Code)
		}
		return fault.Wrap(he.Code, codeFor(he.Code), msg, he.Internal)
	}
	switch {
	case errors.Is(err, store.ErrNotFound):
		return fault.Wrap(http.StatusNotFound, "not_found", "not found", err)
	case errors.Is(err, store.ErrConflict):
		return fault.Wrap(http.StatusConflict, "conflict", "conflict", err)
	}
	return fault.Internal(err)
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
