package server

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/report"
	"github.com/lethe-gdpr/lethe/app/store"
)

// The merchant's downloads of a request's answer package:
// GET /api/requests/:id/report.json, report.html?lang=de|en and report.zip.
// Another shop's request is not found (404); a request without a report
// yet is 409.

// reportJSON serves GET /api/requests/:id/report.json.
func (h *API) reportJSON(c echo.Context) error {
	r, _, err := h.loadReport(c)
	if err != nil {
		return err
	}
	b, err := report.RenderJSON(r)
	if err != nil {
		return err
	}
	return sendReport(c, mimeJSON, "attachment", "report-"+strconv.FormatInt(r.Request.ID, 10)+".json", b)
}

// reportHTML serves GET /api/requests/:id/report.html?lang=de|en.
func (h *API) reportHTML(c echo.Context) error {
	r, sh, err := h.loadReport(c)
	if err != nil {
		return err
	}
	lang := c.QueryParam("lang")
	switch {
	case lang == "":
		lang = pickLang(r.Request.Locale, sh.Locale)
	case !isReportLang(lang):
		return fault.BadRequest("bad_request", "lang must be de or en")
	}
	b, err := report.RenderHTML(r, lang)
	if err != nil {
		return err
	}
	name := "report-" + strconv.FormatInt(r.Request.ID, 10) + "-" + lang + ".html"
	return sendReport(c, echo.MIMETextHTMLCharsetUTF8, "inline", name, b)
}

// reportZip serves GET /api/requests/:id/report.zip.
func (h *API) reportZip(c echo.Context) error {
	r, _, err := h.loadReport(c)
	if err != nil {
		return err
	}
	b, err := report.RenderZip(r)
	if err != nil {
		return err
	}
	return sendReport(c, mimeZip, "attachment", "report-"+strconv.FormatInt(r.Request.ID, 10)+".zip", b)
}

// loadReport returns the report of the session shop's request :id.
func (h *API) loadReport(c echo.Context) (*report.Report, *store.Shop, error) {
	ctx := c.Request().Context()
	sess := session(c)
	id, err := pathID(c, "id", errRequestID)
	if err != nil {
		return nil, nil, err
	}
	r, err := report.Load(ctx, h.st, sess.Shop.ID, id)
	if errors.Is(err, store.ErrNotFound) {
		// Tell "no such request" from "not ready yet" only for the shop's own requests.
		if _, rerr := h.st.Request(ctx, sess.Shop.ID, id); errors.Is(rerr, store.ErrNotFound) {
			return nil, nil, fault.NotFound("no such request")
		} else if rerr != nil {
			return nil, nil, rerr
		}
		return nil, nil, fault.Conflict("report_not_ready",
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
)

// sendReport writes a report file; answerHeaders has set the rest of its
// headers.
func sendReport(c echo.Context, contentType, disposition, filename string, body []byte) error {
	c.Response().Header().Set(echo.HeaderContentDisposition, disposition+`; filename="`+filename+`"`)
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
