package server

import "github.com/labstack/echo/v4"

// reportCSP lets an answer page use its inline styles and nothing else, and
// no one frame it.
const reportCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// answerHeaders sets the one header set of every answer page and file,
// the customer's (/r/…) and the merchant's (/api/requests/:id/report.*):
// never cached, indexed, framed, sniffed or leaking its address in a
// Referer. It sets them before the handler runs, so error answers carry
// them too.
func answerHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set(echo.HeaderCacheControl, "no-store")
		h.Set("X-Robots-Tag", "noindex, nofollow")
		h.Set(echo.HeaderReferrerPolicy, "no-referrer")
		h.Set(echo.HeaderXContentTypeOptions, "nosniff")
		h.Set(echo.HeaderXFrameOptions, "DENY")
		h.Set(echo.HeaderContentSecurityPolicy, reportCSP)
		return next(c)
	}
}
