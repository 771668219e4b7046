package mail

import (
	"fmt"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
)

var germanMonths = [...]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"}

// longDate writes a calendar day: "2. März 2026" or "2 March 2026".
func longDate(lang string, y int, m time.Month, d int) string {
	if lang == "de" {
		return fmt.Sprintf("%d. %s %d", d, germanMonths[m-1], y)
	}
	return fmt.Sprintf("%d %s %d", d, m, y)
}

// dateIn writes t's day in loc.
func dateIn(lang string, t time.Time, loc *time.Location) string {
	t = t.In(loc)
	return longDate(lang, t.Year(), t.Month(), t.Day())
}

// dateTimeIn writes t in loc with the time and the zone's abbreviation:
// "9. März 2026, 14:05 Uhr (CET)" or "9 March 2026, 14:05 (CET)".
func dateTimeIn(lang string, t time.Time, loc *time.Location) string {
	t = t.In(loc)
	if lang == "de" {
		return dateIn(lang, t, loc) + t.Format(", 15:04 Uhr (MST)")
	}
	return dateIn(lang, t, loc) + t.Format(", 15:04 (MST)")
}

// day writes a stored calendar day.
func day(lang string, d store.Day) string {
	if d.IsZero() {
		return ""
	}
	return longDate(lang, d.Year(), d.Month(), d.Day())
}

var typeLabels = map[string][2]string{ // de, en
	store.TypeAccess:  {"Auskunft (Art. 15 DSGVO)", "Access (Art. 15 GDPR)"},
	store.TypeErasure: {"Löschung (Art. 17 DSGVO)", "Erasure (Art. 17 GDPR)"},
}

var sourceLabels = map[string][2]string{
	"shopify":     {"Shopify", "Shopify"},
	"woocommerce": {"WooCommerce", "WooCommerce"},
	"manual":      {"von Ihnen erfasst", "entered by you"},
	"form":        {"Anfrageformular", "request form"},
}

var channelLabels = map[string][2]string{
	"e-mail":    {"E-Mail", "e-mail"},
	"letter":    {"Brief", "letter"},
	"phone":     {"Telefon", "phone"},
	"in_person": {"persönlich", "in person"},
	"form":      {"Formular", "form"},
	"chat":      {"Chat", "chat"},
	"other":     {"sonstiger Weg", "other"},
	"shop":      {"vom Shop selbst veranlasst", "started by the shop itself"},
}

func label(m map[string][2]string, key, lang string) string {
	l, ok := m[key]
	if !ok {
		return key
	}
	if lang == "de" {
		return l[0]
	}
	return l[1]
}

// sourceLabel names where a request came from, with the channel of a
// manually entered one: "von Ihnen erfasst (Brief)".
func sourceLabel(r *store.Request, lang string) string {
	s := label(sourceLabels, r.Source, lang)
	if r.Channel != "" {
		s += " (" + label(channelLabels, r.Channel, lang) + ")"
	}
	return s
}
