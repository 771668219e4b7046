package gdpr

import "fmt"

var (
	monthsDE = [...]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"}
	monthsEN = [...]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
)

// Long writes the date as prose writes it in lang ("de"; anything else is
// English): "31. Dezember 2033", "31 December 2033"; "" for the zero date.
// ISO dates belong in JSON and CSV only.
func (d Date) Long(lang string) string {
	if d.IsZero() {
		return ""
	}
	if lang == "de" {
		return fmt.Sprintf("%d. %s %d", d.day, monthsDE[d.month-1], d.year)
	}
	return fmt.Sprintf("%d %s %d", d.day, monthsEN[d.month-1], d.year)
}

// Short writes the date for a table cell: "15.03.2024" in German,
// "15 Mar 2024" in English.
func (d Date) Short(lang string) string {
	if d.IsZero() {
		return ""
	}
	if lang == "de" {
		return fmt.Sprintf("%02d.%02d.%04d", d.day, int(d.month), d.year)
	}
	return fmt.Sprintf("%d %s %d", d.day, monthsEN[d.month-1][:3], d.year)
}
