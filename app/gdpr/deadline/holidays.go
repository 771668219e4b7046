package deadline

import (
	"slices"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/at"
	"github.com/rickar/cal/v2/de"
)

// Holiday is one public holiday of a place.
type Holiday struct {
	Date gdpr.Date `json:"date"`
	Name string    `json:"name"`
}

// germanHolidays are the state-wide public holidays per German state, from
// github.com/rickar/cal/v2/de plus the corrections in holiday_fixes.go.
// The empty region is the nine national holidays, which every state keeps.
//
// Holidays that only some municipalities keep are deliberately NOT counted:
// Mariä Himmelfahrt in Bavaria (only in communities with a mainly Catholic
// population), the Augsburger Friedensfest (city of Augsburg), Fronleichnam
// in parts of Saxony (Sorbian communities) and Thuringia (Eichsfeld).
// Counting fewer holidays can only make a due date earlier, never later than
// the law allows, so a shop in such a community is never told it has more
// time than it has. The rickar/cal lists make the same choice.
var germanHolidays = map[string][]*cal.Holiday{
	"":   de.Holidays,
	"BW": de.HolidaysBW,
	"BY": de.HolidaysBY,
	"BE": slices.Concat(de.HolidaysBE, fixesBE),
	"BB": de.HolidaysBB,
	"HB": de.HolidaysHB,
	"HH": de.HolidaysHH,
	"HE": de.HolidaysHE,
	"MV": slices.Concat(de.HolidaysMV, fixesMV),
	"NI": de.HolidaysNI,
	"NW": de.HolidaysNW,
	"RP": de.HolidaysRP,
	"SL": de.HolidaysSL,
	"SN": de.HolidaysSN,
	"ST": de.HolidaysST,
	"SH": de.HolidaysSH,
	"TH": de.HolidaysTH,
}

// calendar returns the public holidays of p. For a place that does not
// validate it falls back to fewer holidays (Germany's national ones for an
// unknown state, none for an unknown country), which can only make a due
// date earlier; ok reports whether the place was known.
func calendar(p gdpr.Place) (hs []*cal.Holiday, ok bool) {
	switch p.CountryCode() {
	case gdpr.CountryAT:
		return at.Holidays, p.Region == ""
	case gdpr.CountryDE:
		if hs, ok := germanHolidays[p.Region]; ok {
			return hs, true
		}
		return de.Holidays, false
	}
	return nil, false
}

// HolidayName returns the name of the public holiday of p on d, if any.
func HolidayName(d gdpr.Date, p gdpr.Place) (string, bool) {
	hs, _ := calendar(p)
	for _, h := range hs {
		if actual, _ := h.Calc(d.Year()); !actual.IsZero() && gdpr.FromTime(actual, nil) == d {
			return h.Name, true
		}
	}
	return "", false
}

// IsWorkingDay reports whether d is neither a Saturday, a Sunday nor a
// public holiday of p (Art. 3(4) Regulation 1182/71).
func IsWorkingDay(d gdpr.Date, p gdpr.Place) bool {
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	_, hol := HolidayName(d, p)
	return !hol
}

// Holidays lists the public holidays of p in year, in date order.
func Holidays(year int, p gdpr.Place) []Holiday {
	hs, _ := calendar(p)
	var out []Holiday
	for _, h := range hs {
		if actual, _ := h.Calc(year); !actual.IsZero() {
			out = append(out, Holiday{Date: gdpr.FromTime(actual, nil), Name: h.Name})
		}
	}
	slices.SortStableFunc(out, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	return out
}
