package server

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/lethe-gdpr/lethe/frontend"
)

func staticVersion() string { return frontend.Version }

// germanMonths are the months as German dates write them ("31. Dezember 2033").
var germanMonths = [...]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
	"September", "Oktober", "November", "Dezember"}

// panelFuncs are the templates' helpers.
var panelFuncs = template.FuncMap{
	// date writes a calendar date in the page's language: "31. Dezember
	// 2033" or "31 December 2033"; the zero time is a dash.
	"date": func(l lang, t time.Time) string {
		if t.IsZero() {
			return "–"
		}
		if l.DE() {
			return fmt.Sprintf("%d. %s %d", t.Day(), germanMonths[t.Month()-1], t.Year())
		}
		return t.Format("2 January 2006")
	},
	// short is a short date: "31.12." or "31 Dec".
	"short": func(l lang, t time.Time) string {
		if l.DE() {
			return t.Format("02.01.")
		}
		return t.Format("2 Jan")
	},
	// datetime writes a moment in the shop's zone: "31.12.2033, 14:05" or
	// "31 Dec 2033, 14:05".
	"datetime": func(l lang, t time.Time, loc *time.Location) string {
		if t.IsZero() {
			return "–"
		}
		if loc != nil {
			t = t.In(loc)
		}
		if l.DE() {
			return t.Format("02.01.2006, 15:04")
		}
		return t.Format("2 Jan 2006, 15:04")
	},
	// mask hides most of an e-mail address or name until the request is
	// opened: "m•••@e•••.de".
	"mask":  maskSubject,
	"add":   func(a, b int) int { return a + b },
	"lower": strings.ToLower,
	"dict": func(kv ...any) map[string]any {
		m := make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			m[fmt.Sprint(kv[i])] = kv[i+1]
		}
		return m
	},
}

// maskSubject shows the first letter of each part of an e-mail address (or
// of a name) and hides the rest.
func maskSubject(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return "–"
	}
	hide := func(part string) string {
		r := []rune(part)
		if len(r) == 0 {
			return ""
		}
		return string(r[0]) + "•••"
	}
	if local, domain, ok := strings.Cut(s, "@"); ok {
		tld := ""
		if i := strings.LastIndex(domain, "."); i >= 0 {
			domain, tld = domain[:i], domain[i:]
		}
		return hide(local) + "@" + hide(domain) + tld
	}
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = hide(w)
	}
	return strings.Join(words, " ")
}
