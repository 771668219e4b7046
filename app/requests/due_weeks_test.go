package requests

import (
	"testing"

	"github.com/lethe-gdpr/lethe/app/store"
)

func TestWeeksRunMondayToSundayFromToday(t *testing.T) {
	d := func(s string) store.Day {
		v, err := store.ParseDay(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		today string
		n     int
		want  [][2]string
	}{
		{"2026-11-10", 3, [][2]string{{"2026-11-10", "2026-11-15"}, {"2026-11-16", "2026-11-22"}, {"2026-11-23", "2026-11-29"}}}, // Tuesday
		{"2026-11-09", 1, [][2]string{{"2026-11-09", "2026-11-15"}}},                                                             // Monday: a whole week
		{"2026-11-15", 2, [][2]string{{"2026-11-15", "2026-11-15"}, {"2026-11-16", "2026-11-22"}}},                               // Sunday: one day
		{"2026-12-30", 2, [][2]string{{"2026-12-30", "2027-01-03"}, {"2027-01-04", "2027-01-10"}}},                               // across the year
		{"2026-11-10", 0, nil},
	}
	for _, tt := range tests {
		got := Weeks(d(tt.today), tt.n)
		if len(got) != len(tt.want) {
			t.Errorf("%s × %d: %d weeks", tt.today, tt.n, len(got))
			continue
		}
		for i, w := range tt.want {
			if got[i].From.String() != w[0] || got[i].To.String() != w[1] || got[i].N != 0 {
				t.Errorf("%s × %d: week %d = %s–%s (%d), want %s–%s", tt.today, tt.n, i, got[i].From, got[i].To, got[i].N, w[0], w[1])
			}
		}
	}
	weeks := Weeks(d("2026-11-10"), 2)
	FillWeeks(weeks, []store.DueCount{{Due: d("2026-11-10"), N: 2}, {Due: d("2026-11-15"), N: 1}, {Due: d("2026-11-16"), N: 4},
		{Due: d("2026-11-23"), N: 9}})
	if weeks[0].N != 3 || weeks[1].N != 4 {
		t.Errorf("filled %+v", weeks)
	}
}
