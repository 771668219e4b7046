package deadline

import (
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
)

var fuzzZones = []string{"UTC", "Europe/Berlin", "Europe/Vienna", "America/New_York", "Pacific/Kiritimati", "Pacific/Pago_Pago"}

// FuzzDue: no panic, the due date is after the receipt day and at most one
// month + 7 days later; the extended date at most three months + 7 days; both
// are working days.
func FuzzDue(f *testing.F) {
	f.Add(int64(1769902200), uint8(1), uint8(2)) // 2026-01-31T23:30Z
	f.Add(int64(1711670400), uint8(0), uint8(0)) // 2024-03-29
	f.Add(int64(1766620800), uint8(2), uint8(17))
	f.Add(int64(-62135596800), uint8(3), uint8(5)) // year 1
	f.Add(int64(253402300799), uint8(4), uint8(9)) // 9999-12-31T23:59:59Z
	places := append([]string{"", "AT", "FR"}, gdpr.Regions("DE")...)
	locs := make([]*time.Location, len(fuzzZones))
	for i, z := range fuzzZones {
		loc, err := time.LoadLocation(z)
		if err != nil {
			f.Fatal(err)
		}
		locs[i] = loc
	}
	const lo, hi = -62135596800, 253402300799 // years 1..9999
	f.Fuzz(func(t *testing.T, sec int64, zone, place uint8) {
		sec = lo + int64(uint64(sec)%uint64(hi-lo))
		p := gdpr.Place{Country: "DE", Region: places[int(place)%len(places)]}
		if p.Region == "AT" || p.Region == "FR" {
			p = gdpr.Place{Country: p.Region}
		}
		r := Due(time.Unix(sec, 0), p, locs[int(zone)%len(locs)])
		checkResult(t, r)
	})
}

func checkResult(t *testing.T, r Result) {
	t.Helper()
	if !r.Due.After(r.Received) {
		t.Fatalf("received %s: due %s not after receipt", r.Received, r.Due)
	}
	if lim := r.Received.AddMonths(1).AddDays(7); r.Due.After(lim) {
		t.Fatalf("received %s: due %s after %s", r.Received, r.Due, lim)
	}
	if lim := r.Received.AddMonths(3).AddDays(7); r.ExtendedDue.After(lim) || !r.ExtendedDue.After(r.Due) {
		t.Fatalf("received %s: extended %s outside (%s, %s]", r.Received, r.ExtendedDue, r.Due, lim)
	}
	if !IsWorkingDay(r.Due, r.Place) || !IsWorkingDay(r.ExtendedDue, r.Place) {
		t.Fatalf("received %s: due %s / extended %s not working days", r.Received, r.Due, r.ExtendedDue)
	}
}
