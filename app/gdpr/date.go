package gdpr

import (
	"errors"
	"fmt"
	"time"
)

// ErrInvalidDate is returned (wrapped) for strings that are not an existing
// calendar day written as YYYY-MM-DD.
var ErrInvalidDate = errors.New("invalid date")

// Date is a civil date in the proleptic Gregorian calendar, without time of
// day or zone. The zero value means "no date"; it marshals to JSON null.
// Dates are comparable with ==.
type Date struct {
	year  int
	month time.Month
	day   int
}

// NewDate returns the date y-m-d, or an error if that day does not exist
// (2026-02-30) or the year is outside 1..9999.
func NewDate(y int, m time.Month, d int) (Date, error) {
	if y < 1 || y > 9999 || m < time.January || m > time.December || d < 1 || d > daysIn(y, m) {
		return Date{}, fmt.Errorf("%w: %04d-%02d-%02d does not exist", ErrInvalidDate, y, int(m), d)
	}
	return Date{y, m, d}, nil
}

// MustDate is NewDate for constants and tests; it panics on a day that does
// not exist.
func MustDate(y int, m time.Month, d int) Date {
	dt, err := NewDate(y, m, d)
	if err != nil {
		panic(err)
	}
	return dt
}

// ParseDate parses "2006-01-02". Impossible days such as 2026-02-30 are
// rejected.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("%w %q: want an existing day as YYYY-MM-DD", ErrInvalidDate, s)
	}
	return NewDate(t.Date())
}

// MustParseDate is ParseDate for constants and tests; it panics on error.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// FromTime returns the calendar day of t in loc (a nil loc means t's own
// location). 2026-01-31T23:30Z is 2026-02-01 in Europe/Berlin.
func FromTime(t time.Time, loc *time.Location) Date {
	if loc != nil {
		t = t.In(loc)
	}
	y, m, d := t.Date()
	return Date{y, m, d}
}

// Year, Month and Day return the parts of the date.
func (d Date) Year() int          { return d.year }
func (d Date) Month() time.Month  { return d.month }
func (d Date) Day() int           { return d.day }
func (d Date) IsZero() bool       { return d == Date{} }
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }
func (d Date) After(o Date) bool  { return d.Compare(o) > 0 }
func (d Date) Equal(o Date) bool  { return d == o }

// Compare returns -1, 0 or +1 as d is before, equal to or after o.
func (d Date) Compare(o Date) int {
	switch a, b := d.days(), o.days(); {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// String formats the date as YYYY-MM-DD; the zero Date is "".
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.year, int(d.month), d.day)
}

// Time returns the start of the day in loc (nil means UTC).
func (d Date) Time(loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	return time.Date(d.year, d.month, d.day, 0, 0, 0, 0, loc)
}

// Weekday returns the day of the week.
func (d Date) Weekday() time.Weekday {
	return time.Weekday(floorMod(d.days()+4, 7)) // 1970-01-01 was a Thursday
}

// Min returns the earlier of a and b; Max the later.
func Min(a, b Date) Date {
	if b.Before(a) {
		return b
	}
	return a
}

// Max returns the later of a and b.
func Max(a, b Date) Date {
	if b.After(a) {
		return b
	}
	return a
}
