package server

import (
	"errors"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/report"
	"github.com/lethe-gdpr/lethe/app/store"
)

// publicReport serves reports to customers through signed links. Whether a
// token ever existed is never revealed beyond 404 (unknown) and 410
// (expired or revoked).
type publicReport struct {
	st  *store.Store
	now func() time.Time
}

// MountPublicReport adds the customer's pages: GET /r/:token (a landing page
// in German or English by Accept-Language) and GET
// /r/:token/report.html|json|zip. Every download is counted on the link and
// written to the audit trail. now is the clock links expire by; limit caps
// the requests per client address (the zero value: DefaultLinkLimit).
func MountPublicReport(e *echo.Echo, st *store.Store, now func() time.Time, limit RateLimit) {
	if limit.PerMinute <= 0 {
		limit = DefaultLinkLimit
	}
	h := &publicReport{st: st, now: now}
	g := e.Group("/r", answerHeaders, limitPerClient(limit))
	g.GET("/:token", h.landing)
	g.GET("/:token/report.html", h.download(report.FormatHTML))
	g.GET("/:token/report.json", h.download(report.FormatJSON))
	g.GET("/:token/report.zip", h.download(report.FormatZip))
}

func (h *publicReport) landing(c echo.Context) error {
	t, r, done, err := h.open(c)
	if done || err != nil {
		return err
	}
	b, err := report.RenderLanding(report.Landing{
		Lang: customerLang(c, r), Shop: r.Controller.Name, Base: c.Param("token"),
		ExpiresAt: t.ExpiresAt, TimeZone: r.Request.TimeZone,
	})
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderVary, "Accept-Language")
	return h.send(c, http.StatusOK, echo.MIMETextHTMLCharsetUTF8, "", b)
}

func (h *publicReport) download(format string) echo.HandlerFunc {
	return func(c echo.Context) error {
		t, r, done, err := h.open(c)
		if done || err != nil {
			return err
		}
		var (
			b           []byte
			contentType string
			filename    string
		)
		switch format {
		case report.FormatHTML:
			b, err = report.RenderHTML(r, customerLang(c, r))
			contentType = echo.MIMETextHTMLCharsetUTF8
		case report.FormatJSON:
			b, err = report.RenderJSON(r)
			contentType, filename = mimeJSON, "report.json"
		case report.FormatZip:
			b, err = report.RenderZip(r)
			contentType, filename = mimeZip, "report.zip"
		}
		if err != nil {
			return err
		}
		err = report.RecordDownload(c.Request().Context(), h.st, t, format, h.now())
		if errors.Is(err, report.ErrExpired) || errors.Is(err, store.ErrNotFound) {
			return h.gone(c, t)
		}
		if err != nil {
			return err
		}
		return h.send(c, http.StatusOK, contentType, filename, b)
	}
}

// open resolves the token and loads its report. done is true when it has
// already answered with the not-found or gone page.
func (h *publicReport) open(c echo.Context) (*report.Target, *report.Report, bool, error) {
	ctx := c.Request().Context()
	t, err := report.Resolve(ctx, h.st, c.Param("token"), h.now())
	switch {
	case errors.Is(err, store.ErrNotFound):
		return nil, nil, true, h.notFound(c)
	case errors.Is(err, report.ErrExpired):
		return nil, nil, true, h.gone(c, t)
	case err != nil:
		return nil, nil, true, err
	}
	r, err := report.Load(ctx, h.st, t.ShopID, t.RequestID)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil, true, h.notFound(c)
	}
	if err != nil {
		return nil, nil, true, err
	}
	return t, r, false, nil
}

func (h *publicReport) notFound(c echo.Context) error {
	b, err := report.RenderNotFound(customerLang(c, nil))
	if err != nil {
		return err
	}
	return h.send(c, http.StatusNotFound, echo.MIMETextHTMLCharsetUTF8, "", b)
}

// gone answers 410 with a page asking the customer to ask the shop for a
// new link.
func (h *publicReport) gone(c echo.Context, t *report.Target) error {
	var name, email string
	if t != nil {
		if sh, err := h.st.Shop(c.Request().Context(), t.ShopID); err == nil {
			name, email = sh.Name, sh.Email
		}
	}
	b, err := report.RenderGone(customerLang(c, nil), name, email)
	if err != nil {
		return err
	}
	return h.send(c, http.StatusGone, echo.MIMETextHTMLCharsetUTF8, "", b)
}

// send writes a customer response; answerHeaders has set the headers that
// keep it out of caches, indexes, frames and Referers.
func (h *publicReport) send(c echo.Context, status int, contentType, filename string, body []byte) error {
	if filename != "" {
		c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="`+filename+`"`)
	}
	return c.Blob(status, contentType, body)
}

// customerLang is ?lang=, else the Accept-Language header's best of de and
// en, else the request's locale (r may be nil), else German.
func customerLang(c echo.Context, r *report.Report) string {
	if l := c.QueryParam("lang"); isReportLang(l) {
		return l
	}
	if l := acceptLanguage(c.Request().Header.Get("Accept-Language")); l != "" {
		return l
	}
	if r != nil && r.Request.Locale != "" {
		return pickLang(r.Request.Locale)
	}
	return "de"
}
