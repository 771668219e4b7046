package mail

import (
	"bytes"
	htmltemplate "html/template"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The HTML part of an edited draft, made from the merchant's text: the
// text parts of Lethe's e-mails are hard-wrapped at about 72 columns, with
// lists as "- " lines, headings as a line of their own, and the
// controller's details below a "--" line. The HTML reads like the
// generated one: paragraphs from blank lines, wrapped lines joined into
// one, lists, headings, web and e-mail addresses as links, and the footer
// small below a rule, in the same frame (templates/layout.html).

// fill: a line at least this long followed by more text was wrapped, so
// the next line continues it; the texts wrap at 72 to 76 columns, but a
// shop's name or a date put into them makes a line shorter.
const fill = 66

// Inline styles as the generated e-mails use them.
const (
	styleHeading = "font-size:16px;margin:24px 0 8px;"
	styleRule    = "border:none;border-top:1px solid #e4e4e7;margin:24px 0;"
	styleFooter  = "font-size:13px;color:#52525b;"
	styleLink    = "word-break:break-all;"
)

// editedHTML is the layout with the merchant's text as its content.
var editedHTML = htmltemplate.Must(htmltemplate.Must(htmltemplate.New("layout.html").ParseFS(templateFS, "templates/layout.html")).
	New("content").Parse(`{{.Body}}`))

type editedView struct {
	Lang string
	Shop struct{ Name string }
	Body htmltemplate.HTML
}

var (
	paragraphBreak = regexp.MustCompile(`\n[ \t]*\n`)
	// linkable: the web and e-mail addresses that become links.
	linkable = regexp.MustCompile(`https?://[^\s<>"]+[^\s<>".,;:!?)]|[\p{L}0-9._%+-]+@[\p{L}0-9-]+(\.[\p{L}0-9-]+)*\.\p{L}{2,}`)
	// lineLabel is a line that starts with a label ("Grund: …", "E-Mail: …"):
	// it starts a line of its own.
	lineLabel = regexp.MustCompile(`^\p{Lu}[\p{L}\p{N}.-]*( [\p{L}\p{N}().-]+){0,2}:\s`)
	// bulletMark is a list item's mark.
	bulletMark = regexp.MustCompile(`^\s*[-*•–]\s+`)
)

// textToHTML writes the merchant's text as the e-mail's HTML.
func textToHTML(lang, shop, text string) (string, error) {
	v := editedView{Lang: Language(lang)}
	v.Shop.Name = shop
	body, footer := splitFooter(strings.ReplaceAll(strings.TrimSpace(text), "\r\n", "\n"))
	var b strings.Builder
	for _, para := range paragraphBreak.Split(body, -1) {
		writeParagraph(&b, strings.Split(strings.Trim(para, "\n"), "\n"))
	}
	if footer != "" {
		b.WriteString(`<hr style="` + styleRule + `">` + "\n")
		for _, para := range paragraphBreak.Split(footer, -1) {
			lines := strings.Split(strings.Trim(para, "\n"), "\n")
			for i := range lines {
				lines[i] = linkify(strings.TrimSpace(lines[i]))
			}
			b.WriteString(`<p style="` + styleFooter + `">` + strings.Join(lines, "<br>") + "</p>\n")
		}
	}
	// A list whose items are parted by blank lines is one list.
	v.Body = htmltemplate.HTML(strings.ReplaceAll(b.String(), "</ul>\n<ul>\n", ""))
	var out bytes.Buffer
	if err := editedHTML.ExecuteTemplate(&out, "layout.html", v); err != nil {
		return "", err
	}
	return out.String(), nil
}

// splitFooter parts the text at its signature line ("--" or "-- ").
func splitFooter(text string) (body, footer string) {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if strings.TrimRight(l, " ") == "--" {
			return strings.TrimSpace(strings.Join(lines[:i], "\n")), strings.TrimSpace(strings.Join(lines[i+1:], "\n"))
		}
	}
	return text, ""
}

// writeParagraph writes one paragraph of the text: a heading, a link of
// its own, or text and lists.
func writeParagraph(b *strings.Builder, lines []string) {
	if len(lines) == 1 {
		l := strings.TrimSpace(lines[0])
		switch {
		case l == "":
			return
		case isCapitals(l):
			b.WriteString(`<h2 style="` + styleHeading + `">` + htmltemplate.HTMLEscapeString(l) + "</h2>\n")
			return
		case strings.HasSuffix(l, ":") && utf8.RuneCountInString(l) <= 60 && !bulletMark.MatchString(l):
			b.WriteString(`<h3 style="` + styleHeading + `">` + htmltemplate.HTMLEscapeString(strings.TrimSuffix(l, ":")) + "</h3>\n")
			return
		case linkable.FindString(l) == l && strings.HasPrefix(l, "http"):
			b.WriteString(`<p style="` + styleLink + `">` + linkify(l) + "</p>\n")
			return
		}
	}
	var text []string  // the lines of the running text
	var items []string // the running list's items, each its lines joined
	var item []string
	flushItem := func() {
		if item != nil {
			items = append(items, reflow(item, true))
			item = nil
		}
	}
	flushList := func() {
		flushItem()
		if items != nil {
			b.WriteString("<ul>\n")
			for _, it := range items {
				b.WriteString("<li>" + it + "</li>\n")
			}
			b.WriteString("</ul>\n")
			items = nil
		}
	}
	flushText := func() {
		if text != nil {
			b.WriteString("<p>" + reflow(text, false) + "</p>\n")
			text = nil
		}
	}
	for _, l := range lines {
		switch {
		case bulletMark.MatchString(l):
			flushText()
			flushItem()
			item = []string{bulletMark.ReplaceAllString(l, "")}
		case item != nil && (strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t")):
			item = append(item, strings.TrimSpace(l))
		default:
			flushList()
			text = append(text, strings.TrimSpace(l))
		}
	}
	flushText()
	flushList()
}

// reflow joins wrapped lines into one and keeps the breaks the writer
// meant (after a short line, before a label), as HTML with its addresses
// as links and a label at the start of a line in bold. item: the lines
// are a list item's, whose indented lines are facts of their own unless
// they continue a wrapped one.
func reflow(lines []string, item bool) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 && wrapped(lines[i-1], l, item) {
			b.WriteString(" " + linkify(l))
			continue
		}
		if i > 0 {
			b.WriteString("<br>\n")
		}
		if m := lineLabel.FindString(l); m != "" {
			b.WriteString("<strong>" + htmltemplate.HTMLEscapeString(strings.TrimSpace(m)) + "</strong> " + linkify(l[len(m):]))
			continue
		}
		b.WriteString(linkify(l))
	}
	return b.String()
}

// wrapped says whether next continues prev: prev was broken because the
// next word did not fit, or next goes on in lower case.
func wrapped(prev, next string, item bool) bool {
	r, _ := utf8.DecodeRuneInString(next)
	n := utf8.RuneCountInString(prev)
	switch {
	case unicode.IsLower(r):
		return true
	case lineLabel.MatchString(next):
		return false
	case item && n > 80: // longer than the text is wrapped at: a line of its own
		return false
	}
	first, _, _ := strings.Cut(next, " ")
	if n+1+utf8.RuneCountInString(first) > fill {
		return true
	}
	return n >= fill-20 && !endsSentence(prev) && !strings.HasSuffix(prev, ":")
}

// endsSentence: prev ends a sentence or a greeting, so a short line after
// it was meant to be one of its own.
func endsSentence(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?,;)", r)
}

// isCapitals: a line in capitals is a heading ("IHR WIDERSPRUCHSRECHT
// (ART. 21 DSGVO)").
func isCapitals(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 4
}

// linkify escapes s and turns its web and e-mail addresses into links.
func linkify(s string) string {
	var b strings.Builder
	last := 0
	for _, m := range linkable.FindAllStringIndex(s, -1) {
		b.WriteString(htmltemplate.HTMLEscapeString(s[last:m[0]]))
		raw := s[m[0]:m[1]]
		href := raw
		if !strings.HasPrefix(raw, "http") {
			href = "mailto:" + raw
		}
		u := htmltemplate.HTMLEscapeString(raw)
		b.WriteString(`<a href="` + htmltemplate.HTMLEscapeString(href) + `">` + u + `</a>`)
		last = m[1]
	}
	b.WriteString(htmltemplate.HTMLEscapeString(s[last:]))
	return b.String()
}
