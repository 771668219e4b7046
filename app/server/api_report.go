package server

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/report"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
)

// reportAPI serves a request's answer package to the merchant. The shop
// always comes from the authenticated session.
type reportAPI struct {
	st *store.Store
}

// MountReportAPI adds GET /requests/:id/report.json, /report.html?lang=de|en
// and /report.zip to g, which must be guarded by a middleware that puts a
// tenant.Session into the request's context. Another shop's request is not
// found (404); a request without a report yet is 409.
func MountReportAPI(g *echo.Group, st *store.Store) {
	h := &reportAPI{st: st}
	g.GET("/requests/:id/report.json", h.json)
	g.GET("/requests/:id/report.html", h.html)
	g.GET("/requests/:id/report.zip", h.zip)
}

func (h *reportAPI) json(c echo.Context) error {
	r, _, err := h.load(c)
	if err != nil {
		return err
	}
	b, err := report.RenderJSON(r)
	if err != nil {
		return err
	}
	return sendReport(c, mimeJSON, "attachment", "report-"+strconv.FormatInt(r.Request.ID, 10)+".json", b)
}

func (h *reportAPI) html(c echo.Context) error {
	r, sh, err := h.load(c)
	if err != nil {
		return err
	}
	lang := c.QueryParam("lang")
	switch {
	case lang == "":
		lang = pickLang(r.Request.Locale, sh.Locale)
	case !isReportLang(lang):
		return Fail(http.StatusBadRequest, "bad_request", "lang must be de or en")
	}
	b, err := report.RenderHTML(r, lang)
	if err != nil {
		return err
	}
	name := "report-" + strconv.FormatInt(r.Request.ID, 10) + "-" + lang + ".html"
	return sendReport(c, echo.MIMETextHTMLCharsetUTF8, "inline", name, b)
}

func (h *reportAPI) zip(c echo.Context) error {
	r, _, err := h.load(c)
	if err != nil {
		return err
	}
	b, err := report.RenderZip(r)
	if err != nil {
		return err
	}
	return sendReport(c, mimeZip, "attachment", "report-"+strconv.FormatInt(r.Request.ID, 10)+".zip", b)
}

// load returns the report of the session shop's request :id.
func (h *reportAPI) load(c echo.Context) (*report.Report, *store.Shop, error) {
	ctx := c.Request().Context()
	sess, ok := tenant.From(ctx)
	if !ok {
		return nil, nil, Fail(http.StatusUnauthorized, "unauthorized", "no authenticated shop")
	}
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return nil, nil, Fail(http.StatusBadRequest, "bad_request", "the request id must be a positive whole number")
	}
	r, err := report.Load(ctx, h.st, sess.Shop.ID, id)
	if errors.Is(err, store.ErrNotFound) {
		// Tell "no such request" from "not ready yet" only for the shop's own requests.
		if _, rerr := h.st.Request(ctx, sess.Shop.ID, id); errors.Is(rerr, store.ErrNotFound) {
			return nil, nil, Fail(http.StatusNotFound, "not_found", "no such request")
		} else if rerr != nil {
			return nil, nil, rerr
		}
		return nil, nil, Fail(http.StatusConflict, "report_not_ready",
			"this request has no report yet: it is built when the search for the person's data has finished; try again when the request is ready")
	}
	if err != nil {
		return nil, nil, err
	}
	return r, sess.Shop, nil
}

const (
	mimeJSON = "application/json; charset=utf-8"
	mimeZip  = "application/zip"
	// reportCSP lets a report page use its inline styles and nothing else.
	reportCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
)

// sendReport writes a report file that must not be cached or sniffed.
func sendReport(c echo.Context, contentType, disposition, filename string, body []byte) error {
	h := c.Response().Header()
	h.Set(echo.HeaderCacheControl, "no-store")
	h.Set(echo.HeaderXContentTypeOptions, "nosniff")
	h.Set(echo.HeaderContentDisposition, disposition+`; filename="`+filename+`"`)
	if strings.HasPrefix(contentType, "text/html") {
		h.Set(echo.HeaderContentSecurityPolicy, reportCSP)
	}
	return c.Blob(http.StatusOK, contentType, body)
}

// pickLang is the first of locales that is German or English ("de-AT" is
// German), else English.
func pickLang(locales ...string) string {
	for _, l := range locales {
		l = strings.ToLower(strings.TrimSpace(l))
		if i := strings.IndexAny(l, "-_"); i >= 0 {
			l = l[:i]
		}
		if isReportLang(l) {
			return l
		}
	}
	return "en"
}

func isReportLang(l string) bool {
	for _, x := range report.Languages {
		if l == x {
			return true
		}
	}
	return false
}
