package server

import (
	"bytes"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
	"github.com/lethe-gdpr/lethe/frontend"
)

// The admin panel: the merchant's desk, server-rendered pages (html/template,
// frontend/templates) with htmx for partial updates, over the same domain
// functions and store reads as the admin JSON API. Two ways in:
//
//   - embedded in the Shopify admin (App Bridge in the page head): the first
//     load carries Shopify's session token as ?id_token=, every htmx request
//     a fresh one as Authorization: Bearer (frontend/static/panel.js); the
//     platform's session auth verifies it (and installs the shop by token
//     exchange on a managed install);
//   - standalone (WooCommerce shops, self-hosting, the demo): a login per
//     user with a server-side session in a cookie, CSRF-checked forms
//     (panel_login.go).
//
// Pages live in panel_*.go, one file per page, their texts in
// panel_messages_*.go.

// PanelConfig is what the panel needs besides the API.
type PanelConfig struct {
	// ShopifyAPIKey is the Shopify app's API key (client id), written into
	// the embedded page's head for App Bridge; empty: no embedded mode.
	ShopifyAPIKey string
	// Embedded is the platform's session-token auth
	// (shopify.App.SessionAuth); nil: no embedded mode.
	Embedded echo.MiddlewareFunc
	// Logins are the standalone mode's users and sessions; nil: no
	// standalone login.
	Logins *tenant.Logins
	// PublicURL is Lethe's public base URL (links in e-mails).
	PublicURL string
	// Log records the causes of failed panel requests.
	Log *slog.Logger
	// Mailbox, when set, is the demo's caught mail, shown at /app/mail.
	Mailbox Mailbox
	// Mail is the outgoing mail's status the settings show (SMTP
	// configured, the sender address); zero: not configured.
	Mail MailStatus
	// Connectors are the systems Lethe connects (their health on the
	// settings page); nil: only the shop's platform status is shown.
	Connectors *connect.Registry
}

// MailStatus is what the settings say about outgoing mail.
type MailStatus struct {
	Configured bool   // LETHE_SMTP_URL is set
	From       string // the sender address (LETHE_MAIL_FROM)
}

// Mailbox is mail caught by an in-process SMTP server (the demo).
type Mailbox interface {
	Messages() []CaughtMail
}

// CaughtMail is one caught message.
type CaughtMail struct {
	From, To, Subject, Text, HTML string
	At                            time.Time
}

// Panel serves the admin panel under /app.
type Panel struct {
	api   *API
	cfg   PanelConfig
	pages map[string]*template.Template
	found *foundCache // the request pages' summaries of the data found
}

// NewPanel parses every page at start: a broken template stops the binary,
// not the first merchant.
func NewPanel(api *API, cfg PanelConfig) (*Panel, error) {
	p := &Panel{api: api, cfg: cfg, pages: map[string]*template.Template{}, found: newFoundCache(256)}
	names, err := fs.Glob(frontend.Templates, "templates/*.html.tmpl")
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html.tmpl")
		if base == "layout" || strings.HasPrefix(base, "part_") {
			continue
		}
		t, err := template.New("layout.html.tmpl").Funcs(panelFuncs).ParseFS(frontend.Templates,
			"templates/layout.html.tmpl", "templates/part_*.html.tmpl", n)
		if err != nil {
			return nil, err
		}
		p.pages[base] = t
	}
	return p, nil
}

// Mount adds the panel's routes to e: static files, the pages that need
// no login (login, invitations, password reset, the embedded bounce) and
// the rest behind panelAuth.
func (p *Panel) Mount(e *echo.Echo) {
	static := http.StripPrefix("/app/static/", http.FileServer(http.FS(frontend.Static())))
	e.GET("/app/static/*", func(c echo.Context) error {
		h := c.Response().Header()
		h.Set(echo.HeaderCacheControl, "public, max-age=31536000, immutable")
		h.Set("X-Content-Type-Options", "nosniff")
		static.ServeHTTP(c.Response(), c.Request())
		return nil
	})
	open := e.Group("/app", p.htmlErrors)
	p.mountLogin(open)
	g := e.Group("/app", p.htmlErrors, p.auth)
	p.mountPages(g)
}

// view is what every page's frame needs: the language, the mode, the shop,
// the CSRF token of a standalone session, and the readiness and reconnect
// banners.
type view struct {
	L        lang
	Embedded bool
	// EmbedQuery (embedded) is shop, host and embedded=1, which panel.js
	// adds to every panel link so a plain navigation can bounce for a
	// fresh session token.
	EmbedQuery string
	APIKey     string
	CSRF       string
	Shop       *store.Shop
	Missing    []string // requests.Readiness: what an answer still lacks
	// Reconnect: the shop's platform refuses its credentials; requests
	// wait until it is connected again (panel_reconnect.go).
	Reconnect *reconnectView
	Nav       string // the current section, for aria-current
	Title     string
	Path      string // the page's path, for the language switch
	Static    string // the static files' version
	Demo      bool
	User      string // the standalone user's e-mail (their own, shown to them)
	Flash     string // a catalog key "done.…": what the last form did (?done=…)
	Data      any
}

// viewKey is the echo.Context key of the request's view.
const viewKey = "lethe.view"

// newView is the view of an authenticated panel request.
func (p *Panel) newView(c echo.Context, nav, title string, data any) *view {
	v, _ := c.Get(viewKey).(*view)
	if v == nil {
		v = &view{}
	}
	out := *v
	out.Nav, out.Title, out.Data = nav, title, data
	out.Path = c.Request().URL.Path
	return &out
}

// render writes page with v: the whole document, or only its "content"
// block for an htmx request that targets it (hx-target="#content").
func (p *Panel) render(c echo.Context, status int, page string, v *view) error {
	t, ok := p.pages[page]
	if !ok {
		panic("server: no panel page " + page)
	}
	name := "layout.html.tmpl"
	if c.Request().Header.Get("HX-Request") == "true" && c.Request().Header.Get("HX-Target") != "" &&
		c.Request().Header.Get("HX-Boosted") != "true" {
		if part := c.Request().Header.Get("HX-Target"); t.Lookup(part) != nil {
			name = part
		}
	}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, name, v); err != nil {
		return err
	}
	p.headers(c, v)
	historyHeaders(c, page)
	return c.HTMLBlob(status, b.Bytes())
}

// headers are the panel's security headers: the page may be framed only by
// the shop's own admin (embedded) or not at all (standalone).
func (p *Panel) headers(c echo.Context, v *view) {
	h := c.Response().Header()
	frame := "'none'"
	script := "'self'"
	style := "'self'"
	connect := "'self'"
	if v != nil && v.Embedded && v.Shop != nil {
		frame = "https://" + v.Shop.Domain + " https://admin.shopify.com"
		script += " https://cdn.shopify.com"
		style += " 'unsafe-inline'" // App Bridge styles its own elements
		connect += " https://*.shopify.com https://" + v.Shop.Domain
	}
	h.Set("Content-Security-Policy", "default-src 'self'; script-src "+script+"; style-src "+style+
		"; img-src 'self' data:; connect-src "+connect+"; frame-ancestors "+frame+"; base-uri 'none'; form-action 'self'; object-src 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set(echo.HeaderCacheControl, "no-store")
	h.Set("Vary", "HX-Request, HX-Target, Accept-Language, Cookie")
}

// baseView is the view of a request, before its page fills it in.
func (p *Panel) baseView(c echo.Context, sess tenant.Session, embedded bool, csrf, user string) *view {
	v := &view{Embedded: embedded, CSRF: csrf, Shop: sess.Shop, Static: frontend.Version, User: user,
		Demo: p.cfg.Mailbox != nil}
	if embedded {
		v.APIKey = p.cfg.ShopifyAPIKey
		q := url.Values{"embedded": {"1"}, "shop": {sess.Shop.Domain}}
		if host := c.QueryParam("host"); host != "" {
			q.Set("host", host)
		}
		v.EmbedQuery = q.Encode()
	}
	v.L = panelLang(c, sess.Shop.Locale)
	v.Missing = requests.Readiness(sess.Shop).Missing
	v.Reconnect = p.reconnectBanner(sess.Shop, v.L)
	if k := "done." + c.QueryParam("done"); c.QueryParam("done") != "" {
		if _, ok := catalog[k]; ok {
			v.Flash = k
		}
	}
	return v
}
