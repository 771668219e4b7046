package server

import (
	"bytes"
	"context"
	"embed"
	"html/template"
	"net/http"

	"github.com/labstack/echo/v4"
)

// StartInfo is what the start page says about this installation: only
// facts of its configuration, nothing of any shop.
type StartInfo struct {
	Version   string
	PublicURL string
	Database  string // "sqlite" or "postgres"
	DataDir   string // the embedded default's folder
	Redis     string // "embedded" or "external"
	Shopify   bool   // SHOPIFY_API_KEY and SHOPIFY_API_SECRET are set
	Mail      bool   // LETHE_SMTP_URL is set
	// Entry, when set, is where / takes a visitor instead of the start
	// page (the demo: into its panel); "" keeps the start page. With
	// inline, / answers with that page itself — the demo's unused one-time
	// login, so that the printed address shows the product at once, not a
	// redirect —, otherwise it redirects there (the panel: its cookies
	// belong to /app, so it must be visited there).
	Entry func(ctx context.Context) (path string, inline bool)
}

//go:embed templates/start.html.tmpl
var startFS embed.FS

// startPage is parsed at start: a broken template stops the binary, not
// the first visitor.
var startPage = template.Must(template.ParseFS(startFS, "templates/start.html.tmpl"))

// MountStartPage serves GET / : what Lethe is, the state of this
// installation and the next step, in German or English (?lang=, else the
// browser's Accept-Language). The admin panel replaces it.
func MountStartPage(e *echo.Echo, info StartInfo) {
	render := func(lang string) []byte {
		var b bytes.Buffer
		if err := startPage.Execute(&b, struct {
			StartInfo
			DE bool
		}{info, lang == "de"}); err != nil {
			panic(err) // the template and its data are fixed at start
		}
		return b.Bytes()
	}
	pages := map[string][]byte{"de": render("de"), "en": render("en")}
	e.GET("/", func(c echo.Context) error {
		// Shopify opens the app at its application URL with the shop and a
		// session token; an older configuration names "/": the panel.
		if q := c.Request().URL.Query(); q.Get("shop") != "" && (q.Get("host") != "" || q.Get("embedded") == "1") {
			return c.Redirect(http.StatusSeeOther, "/app?"+c.Request().URL.RawQuery)
		}
		if info.Entry != nil {
			if u, inline := info.Entry(c.Request().Context()); u != "" {
				if inline {
					return serveAt(c, u)
				}
				return c.Redirect(http.StatusSeeOther, u)
			}
		}
		lang := c.QueryParam("lang")
		if !isReportLang(lang) {
			lang = acceptLanguage(c.Request().Header.Get("Accept-Language"))
		}
		if lang == "" {
			lang = "en"
		}
		h := c.Response().Header()
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Content-Language", lang)
		h.Set("Vary", "Accept-Language")
		return c.Blob(http.StatusOK, "text/html; charset=utf-8", pages[lang])
	})
}

// serveAt answers the request as the server answers path (with the
// request's own query), through the whole router and its middleware.
func serveAt(c echo.Context, path string) error {
	r := c.Request().Clone(c.Request().Context())
	r.URL.Path, r.URL.RawPath = path, ""
	r.RequestURI = r.URL.RequestURI()
	c.Echo().ServeHTTP(c.Response(), r)
	return nil
}
