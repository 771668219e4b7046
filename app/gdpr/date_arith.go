package gdpr

import "time"

// AddDays returns the date n days later (earlier for negative n).
func (d Date) AddDays(n int) Date { return fromDays(d.days() + n) }

// DaysUntil returns the number of days from d to o (negative if o is earlier).
func (d Date) DaysUntil(o Date) int { return o.days() - d.days() }

// AddMonths adds n calendar months the way Art. 3(2)(c) of Regulation
// 1182/71 and §188(2), (3) BGB count a period in months: the same date in
// the last month or, if that month is shorter, its last day
// (2025-01-31 + 1 month = 2025-02-28).
func (d Date) AddMonths(n int) Date {
	total := d.year*12 + int(d.month) - 1 + n
	y, m := floorDiv(total, 12), time.Month(floorMod(total, 12)+1)
	return Date{y, m, min(d.day, daysIn(y, m))}
}

// AddYears adds n years with the same month-end rule as AddMonths
// (2024-02-29 + 2 years = 2026-02-28).
func (d Date) AddYears(n int) Date { return d.AddMonths(12 * n) }

// EndOfYear returns 31 December of d's year.
func (d Date) EndOfYear() Date { return Date{d.year, time.December, 31} }

// daysIn returns the number of days in month m of year y.
func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// days returns the number of days since 1970-01-01 (H. Hinnant's
// days_from_civil), exact for any year without going through time.Duration.
func (d Date) days() int {
	y, m := d.year, int(d.month)
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d.day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// fromDays is the inverse of days (civil_from_days).
func fromDays(z int) Date {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	y := yoe + era*400
	if m <= 2 {
		y++
	}
	return Date{y, time.Month(m), d}
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int) int { return a - floorDiv(a, b)*b }
