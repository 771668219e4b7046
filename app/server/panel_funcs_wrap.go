package server

import (
	"html/template"
	"strings"
	"unicode/utf8"
)

// addressParts writes an e-mail address (masked or not) so that a narrow
// column breaks it only after its "@", never inside a part
// ("k•••@" / "e•••.de"); anything else as it is.
func addressParts(s string) template.HTML {
	local, domain, ok := strings.Cut(s, "@")
	if !ok {
		return template.HTML(template.HTMLEscapeString(s))
	}
	// A long domain may also break at its hyphens and dots ("nordlicht-
	// naturwaren.example"): <wbr> after each, the parts between unbroken;
	// a short one ("e•••.de") stays whole.
	var b strings.Builder
	b.WriteString(`<span class="nowrap">` + template.HTMLEscapeString(local) + `@</span>`)
	for _, part := range domainParts(domain) {
		b.WriteString(`<wbr><span class="nowrap">` + template.HTMLEscapeString(part) + `</span>`)
	}
	return template.HTML(b.String())
}

// longDomain: a domain longer than this may break inside.
const longDomain = 16

// domainParts splits a long domain after its hyphens and dots.
func domainParts(d string) []string {
	if utf8.RuneCountInString(d) <= longDomain {
		return []string{d}
	}
	var out []string
	for len(d) > 0 {
		i := strings.IndexAny(d, "-.")
		if i < 0 || i == len(d)-1 {
			return append(out, d)
		}
		out, d = append(out, d[:i+1]), d[i+1:]
	}
	return out
}

func init() {
	panelFuncs["addressParts"] = addressParts
}
