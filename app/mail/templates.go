package mail

import (
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"regexp"
	"strings"
	texttemplate "text/template"
)

//go:embed templates
var templateFS embed.FS

// page is one kind in one language: the subject and text body (text/template)
// and the HTML body (html/template, inside the shared layout).
type page struct {
	text *texttemplate.Template
	html *htmltemplate.Template
}

// pages holds every kind × language, parsed at init.
var pages = mustParsePages()

func mustParsePages() map[string]page {
	out := map[string]page{}
	for _, kind := range Kinds {
		for _, lang := range Languages {
			p, err := parsePage(kind, lang)
			if err != nil {
				panic(fmt.Sprintf("mail: template %s.%s: %v", kind, lang, err))
			}
			out[kind+"."+lang] = p
		}
	}
	return out
}

func parsePage(kind, lang string) (page, error) {
	text, err := texttemplate.New(kind+"."+lang+".txt").Option("missingkey=error").
		ParseFS(templateFS, "templates/"+kind+"."+lang+".txt", "templates/partials."+lang+".txt", "templates/erasure_blocks."+lang+".txt")
	if err != nil {
		return page{}, err
	}
	if text.Lookup("subject") == nil {
		return page{}, fmt.Errorf("%s.%s.txt defines no subject", kind, lang)
	}
	html, err := htmltemplate.New("layout.html").Option("missingkey=error").
		ParseFS(templateFS, "templates/layout.html", "templates/partials."+lang+".html", "templates/erasure_blocks."+lang+".html",
			"templates/"+kind+"."+lang+".html")
	if err != nil {
		return page{}, err
	}
	if html.Lookup("content") == nil {
		return page{}, fmt.Errorf("%s.%s.html defines no content", kind, lang)
	}
	return page{text: text, html: html}, nil
}

// rendered is an e-mail's subject and bodies.
type rendered struct {
	Subject, Text, HTML string
}

func render(kind, lang string, data any) (rendered, error) {
	p, ok := pages[kind+"."+lang]
	if !ok {
		return rendered{}, fmt.Errorf("mail: no template %s.%s", kind, lang)
	}
	var subj, text, html bytes.Buffer
	if err := p.text.ExecuteTemplate(&subj, "subject", data); err != nil {
		return rendered{}, fmt.Errorf("mail: %s.%s subject: %w", kind, lang, err)
	}
	if err := p.text.Execute(&text, data); err != nil {
		return rendered{}, fmt.Errorf("mail: %s.%s text: %w", kind, lang, err)
	}
	if err := p.html.Execute(&html, data); err != nil {
		return rendered{}, fmt.Errorf("mail: %s.%s html: %w", kind, lang, err)
	}
	return rendered{
		Subject: strings.Join(strings.Fields(subj.String()), " "),
		Text:    tidyText(text.String()),
		HTML:    html.String(),
	}, nil
}

var blankLines = regexp.MustCompile(`\n{3,}`)

// tidyText trims trailing spaces and collapses runs of blank lines, so the
// templates can be written for readability.
func tidyText(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	s = blankLines.ReplaceAllString(strings.Join(lines, "\n"), "\n\n")
	return strings.TrimSpace(s) + "\n"
}
