package store

import (
	"database/sql/driver"
	"fmt"
	"time"
)

// Day is a calendar date stored as DATE (Postgres) or 'YYYY-MM-DD' text
// (SQLite); both compare correctly in SQL.
type Day struct{ time.Time }

// DayOf is the calendar day of t as written (no zone conversion).
func DayOf(y int, m time.Month, d int) Day { return Day{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)} }

// ParseDay reads YYYY-MM-DD.
func ParseDay(s string) (Day, error) {
	t, err := time.Parse(time.DateOnly, s)
	return Day{t}, err
}

func (d Day) String() string { return d.Format(time.DateOnly) }

// Value implements driver.Valuer.
func (d Day) Value() (driver.Value, error) { return d.String(), nil }

// Scan implements sql.Scanner.
func (d *Day) Scan(v any) error {
	switch x := v.(type) {
	case time.Time:
		d.Time = time.Date(x.Year(), x.Month(), x.Day(), 0, 0, 0, 0, time.UTC)
		return nil
	case string:
		return d.parse(x)
	case []byte:
		return d.parse(string(x))
	}
	return fmt.Errorf("store: cannot scan %T into Day", v)
}

func (d *Day) parse(s string) error {
	if len(s) > 10 {
		s = s[:10]
	}
	t, err := time.Parse(time.DateOnly, s)
	d.Time = t
	return err
}

// MarshalJSON writes "YYYY-MM-DD".
func (d Day) MarshalJSON() ([]byte, error) { return []byte(`"` + d.String() + `"`), nil }
