package server

import (
	"net/http"
	"sort"

	"github.com/labstack/echo/v4"
)

// htmlErrors answers a panel request's error as a page, not as the API's
// JSON: the whole error page for a navigation, the message alone in the
// page's #flash region for an htmx request (htmx-config lets 4xx and 5xx
// answers swap there). 5xx causes are logged, never shown.
func (p *Panel) htmlErrors(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		err := next(c)
		if err == nil || c.Response().Committed {
			return err
		}
		e := classify(err)
		if e.Status >= 500 && p.cfg.Log != nil {
			p.cfg.Log.Error("panel request failed", "route", route(c), "status", e.Status, "code", e.Code, "err", err,
				"request_id", c.Response().Header().Get(echo.HeaderXRequestID))
		}
		v := p.newView(c, "", "", nil)
		if v.L == "" {
			v.L = panelLang(c, "")
			v.Static = staticVersion()
		}
		fields := make([]string, 0, len(e.Fields))
		for k, m := range e.Fields {
			fields = append(fields, k+": "+m)
		}
		sort.Strings(fields)
		v.Title = v.L.T("error.title")
		msg := e.Message // the API's English, unless the catalog says it (error.code.<code>)
		if _, ok := catalog["error.code."+e.Code]; ok {
			msg = v.L.T("error.code." + e.Code)
		}
		v.Data = struct {
			Status  int
			Code    string
			Message string
			Fields  []string
		}{e.Status, e.Code, msg, fields}
		if c.Request().Header.Get("HX-Request") == "true" {
			h := c.Response().Header()
			h.Set("HX-Retarget", "#flash")
			h.Set("HX-Reswap", "innerHTML")
			c.Request().Header.Set("HX-Target", "flash-error")
			c.Request().Header.Del("HX-Boosted")
		}
		if e.Status == http.StatusUnauthorized {
			c.Response().Header().Set("WWW-Authenticate", `Bearer realm="lethe"`)
		}
		return p.render(c, e.Status, "error", v)
	}
}
