package server

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// httpCookie is a panel cookie: HttpOnly, SameSite=Lax, Secure whenever the
// request came over HTTPS (always in production; the demo on localhost runs
// on plain HTTP). Inside the Shopify admin's frame the panel needs no
// cookie: it authenticates every request by its session token.
type httpCookie struct {
	Name   string
	Value  string
	Path   string
	MaxAge int // seconds; < 0 deletes the cookie
}

func (k httpCookie) cookie(c echo.Context) *http.Cookie {
	return &http.Cookie{
		Name: k.Name, Value: k.Value, Path: k.Path, MaxAge: k.MaxAge,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: c.IsTLS() || c.Scheme() == "https",
	}
}
