package report

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
)

//go:embed templates
var templateFS embed.FS

// Pages, each parsed with the layout into a template set of its own.
const (
	pageReport   = "report.html.tmpl"
	pageLanding  = "landing.html.tmpl"
	pageGone     = "gone.html.tmpl"
	pageNotFound = "notfound.html.tmpl"
)

var pageNames = []string{pageReport, pageLanding, pageGone, pageNotFound}

// pages are parsed when the package is initialised: a missing or broken
// template stops the binary at start, not at the first request.
var pages = mustParsePages()

// styleCSS is inlined into every page: the pages load nothing else.
var styleCSS string

func mustParsePages() map[string]*template.Template {
	css, err := templateFS.ReadFile("templates/style.css")
	if err != nil {
		panic("report: " + err.Error())
	}
	styleCSS = string(css)
	out := make(map[string]*template.Template, len(pageNames))
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(funcs("en", string(css))).
			ParseFS(templateFS, "templates/layout.html.tmpl", "templates/"+name)
		if err != nil {
			panic(fmt.Sprintf("report: template %s: %v", name, err))
		}
		if t.Lookup("layout") == nil || t.Lookup("content") == nil {
			panic(fmt.Sprintf("report: template %s must define content for the layout", name))
		}
		out[name] = t
	}
	return out
}

// render executes page in lang.
func render(page, lang string, data any) ([]byte, error) {
	base, ok := pages[page]
	if !ok {
		return nil, fmt.Errorf("report: no template %s", page)
	}
	t, err := base.Clone()
	if err != nil {
		return nil, err
	}
	t.Funcs(funcs(lang, styleCSS))
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		return nil, fmt.Errorf("report: render %s (%s): %w", page, lang, err)
	}
	return buf.Bytes(), nil
}

func funcs(lang, css string) template.FuncMap {
	return template.FuncMap{
		"lang":    func() string { return lang },
		"t":       func(key string, args ...any) (string, error) { return message(lang, key, args...) },
		"css":     func() template.CSS { return template.CSS(css) },
		"date":    func(d *gdpr.Date) string { return formatDate(lang, d) },
		"short":   func(d *gdpr.Date) string { return d.Short(lang) },
		"country": func(code string) string { return gdpr.CountryName(code, lang) },
		"eea":     gdpr.InEEA,
		"day": func(t time.Time, zone string) string {
			loc, err := time.LoadLocation(zone)
			if err != nil {
				loc = time.UTC
			}
			d := gdpr.FromTime(t, loc)
			return formatDate(lang, &d)
		},
		"art":        func(articles ...string) string { return cite(lang, articles...) },
		"law":        func(s string) string { return law(lang, s) },
		"reference":  func(s string) string { return reference(lang, s) },
		"purpose":    func(key string) string { return purposeLabel(key, lang) },
		"recordType": func(key string) string { return labelFor(recordTypeLabels, key, lang) },
	}
}

// formatDate writes a date as prose does: "31. Dezember 2034",
// "31 December 2034"; "—" for none.
func formatDate(lang string, d *gdpr.Date) string {
	if d == nil || d.IsZero() {
		return "—"
	}
	return d.Long(lang)
}
