package server

import (
	"fmt"
	"strings"

	"github.com/labstack/echo/v4"
)

// The panel's two languages. Every text of the panel is a key of the one
// catalog, each key with its German and its English text side by side, so a
// translation cannot go missing; the page files add their keys
// (panel_messages_*.go) and a test checks every key the templates use.

// catalog maps a key to its texts, [0] German and [1] English.
var catalog = map[string][2]string{}

// messages adds keys to the catalog (from an init of a messages file); a
// key defined twice is a programming error.
func messages(m map[string][2]string) {
	for k, v := range m {
		if _, dup := catalog[k]; dup {
			panic("server: panel message defined twice: " + k)
		}
		catalog[k] = v
	}
}

// lang is the language a panel page is written in.
type lang string

const (
	langDE lang = "de"
	langEN lang = "en"
)

// T is the text of key in l, formatted with args (fmt verbs) when given; an
// unknown key shows itself in brackets, so it is seen (and the catalog test
// fails).
func (l lang) T(key string, args ...any) string {
	v, ok := catalog[key]
	if !ok {
		return "[" + key + "]"
	}
	s := v[1]
	if l == langDE {
		s = v[0]
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// DE reports whether the page is German (for the few places that differ
// beyond text: date formats).
func (l lang) DE() bool { return l == langDE }

// Code is the language's code for the html lang attribute.
func (l lang) Code() string { return string(l) }

// langCookie keeps the merchant's own choice of language (?lang=).
const langCookie = "lethe_lang"

// panelLang chooses a page's language: the merchant's choice (?lang=, kept
// in a cookie), the language htmx says the page is in (X-Lethe-Lang),
// Shopify's locale of the admin user (?locale=de-DE on the embedded load),
// the cookie, the browser's Accept-Language, the shop's language, English.
func panelLang(c echo.Context, shopLang string) lang {
	pick := func(s string) (lang, bool) {
		primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(s)), "-")
		switch primary {
		case "de":
			return langDE, true
		case "en":
			return langEN, true
		}
		return "", false
	}
	if l, ok := pick(c.QueryParam("lang")); ok {
		c.SetCookie(httpCookie{Name: langCookie, Value: string(l), Path: "/app", MaxAge: 365 * 24 * 3600}.cookie(c))
		return l
	}
	if l, ok := pick(c.Request().Header.Get("X-Lethe-Lang")); ok {
		return l
	}
	if l, ok := pick(c.QueryParam("locale")); ok {
		return l
	}
	if ck, err := c.Cookie(langCookie); err == nil {
		if l, ok := pick(ck.Value); ok {
			return l
		}
	}
	if l, ok := pick(acceptLanguage(c.Request().Header.Get("Accept-Language"))); ok {
		return l
	}
	if l, ok := pick(shopLang); ok {
		return l
	}
	return langEN
}
