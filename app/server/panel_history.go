package server

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"
)

// The address bar after a form: a boosted form's POST that is answered with
// a page (its error beside the form, or a page shown once such as a new
// API token) would leave the form's address in the bar, and many of those
// answer POST only (/app/requests/:id/extend, /app/archive/export,
// /app/settings/tokens/:id/revoke) or GET another page (/app/requests is
// the inbox), so a reload would fail or lose the page. Every htmx POST
// answer therefore names the page's own GET address: the address stays
// when the form was on that page, else the page's address is pushed. A
// form that worked answers 303 to a GET page, whose address htmx takes.

// pageAddress is the GET address of page as c shows it ("" when the page
// has none of its own, as the error page).
func pageAddress(c echo.Context, page string) string {
	switch page {
	case "request":
		return "/app/requests/" + c.Param("id")
	case "request_new":
		return "/app/requests/new"
	case "archive":
		return "/app/archive"
	case "onboarding":
		return "/app/onboarding"
	case "inbox":
		return "/app/requests"
	case "login":
		return "/app/login"
	case "reset":
		return "/app/reset"
	case "invite", "reset_password": // the link's own address takes GET and POST
		return c.Request().URL.Path
	}
	if section, ok := strings.CutPrefix(page, "settings_"); ok {
		return "/app/settings/" + section
	}
	if page == "settings" {
		return "/app/settings"
	}
	return ""
}

// historyHeaders sets the address htmx shows for a POST answered with page:
// the page's GET address, pushed unless the form's page is that one
// already (a handler that set the history itself is left alone).
func historyHeaders(c echo.Context, page string) {
	req := c.Request()
	if req.Method != http.MethodPost || req.Header.Get("HX-Request") != "true" {
		return
	}
	h := c.Response().Header()
	if h.Get("HX-Push-Url") != "" || h.Get("HX-Replace-Url") != "" {
		return
	}
	self := pageAddress(c, page)
	cur, err := url.Parse(req.Header.Get("HX-Current-URL"))
	if self == "" || err == nil && cur.Path == self {
		h.Set("HX-Push-Url", "false") // the address stays the form's page
		return
	}
	h.Set("HX-Push-Url", self)
}
