package deadline

import (
	"slices"
	"testing"

	"github.com/lethe-gdpr/lethe/app/gdpr"
)

// TestStateHolidays checks each state's own holidays in 2026 (those beyond
// the nine national ones), written out by hand from the state laws.
func TestStateHolidays(t *testing.T) {
	const (
		drei   = "2026-01-06" // Heilige Drei Könige
		frauen = "2026-03-08" // Frauentag
		fron   = "2026-06-04" // Fronleichnam
		maria  = "2026-08-15" // Mariä Himmelfahrt
		kinder = "2026-09-20" // Weltkindertag
		reform = "2026-10-31" // Reformationstag
		aller  = "2026-11-01" // Allerheiligen
		buss   = "2026-11-18" // Buß- und Bettag
	)
	want := map[string][]string{
		"BW": {drei, fron, aller},
		"BY": {drei, fron, aller}, // Mariä Himmelfahrt only in Catholic communities: not counted
		"BE": {frauen},
		"BB": {reform},
		"HB": {reform},
		"HH": {reform},
		"HE": {fron},
		"MV": {frauen, reform},
		"NI": {reform},
		"NW": {fron, aller},
		"RP": {fron, aller},
		"SL": {fron, maria, aller},
		"SN": {reform, buss},
		"ST": {drei, reform},
		"SH": {reform},
		"TH": {kinder, reform},
	}
	national := dates(Holidays(2026, gdpr.Place{Country: "DE"}))
	if len(national) != 9 {
		t.Fatalf("national holidays 2026 = %v, want 9", national)
	}
	for _, region := range gdpr.Regions("DE") {
		var own []string
		for _, d := range dates(Holidays(2026, gdpr.Place{Country: "DE", Region: region})) {
			if !slices.Contains(national, d) {
				own = append(own, d)
			}
		}
		if !slices.Equal(own, want[region]) {
			t.Errorf("%s: own holidays %v, want %v", region, own, want[region])
		}
	}
	if got := len(Holidays(2026, gdpr.Place{Country: "AT"})); got != 13 {
		t.Errorf("AT has %d holidays in 2026, want 13 (Feiertagsruhegesetz 1957)", got)
	}
}

// TestHolidayFixes pins the corrections made to the library as data.
func TestHolidayFixes(t *testing.T) {
	tests := []struct {
		place, date string
		holiday     bool
		why         string
	}{
		{"DE-MV", "2023-03-08", true, "FTG M-V: Frauentag from 2023"},
		{"DE-MV", "2022-03-08", false, "not yet in 2022"},
		{"DE-BE", "2025-05-08", true, "one-off Tag der Befreiung 2025"},
		{"DE-BE", "2020-05-08", true, "one-off Tag der Befreiung 2020"},
		{"DE-BE", "2026-05-08", false, "one-off only"},
		{"DE-BB", "2025-05-08", false, "Berlin only"},
		{"DE-BY", "2026-08-15", false, "BY Mariä Himmelfahrt: community-level, not counted"},
		{"DE-BY", "2026-08-08", false, "Augsburger Friedensfest: city-level, not counted"},
		{"AT", "2026-04-03", false, "Karfreitag no general holiday in AT"},
		{"DE", "2026-12-24", false, "Heiligabend is a working day"},
		{"DE", "2026-12-31", false, "Silvester is a working day"},
	}
	for _, tt := range tests {
		_, got := HolidayName(gdpr.MustParseDate(tt.date), mustPlace(t, tt.place))
		if got != tt.holiday {
			t.Errorf("%s %s holiday = %v, want %v (%s)", tt.place, tt.date, got, tt.holiday, tt.why)
		}
	}
}

func TestDaysLeftOverdue(t *testing.T) {
	r := DueOn(gdpr.MustParseDate("2026-01-31"), gdpr.Place{Country: "DE", Region: "BY"}) // due 2026-03-02
	tests := []struct {
		today   string
		left    int
		overdue bool
	}{
		{"2026-01-31", 30, false},
		{"2026-03-01", 1, false},
		{"2026-03-02", 0, false}, // the period ends at the end of the due day
		{"2026-03-03", -1, true},
	}
	for _, tt := range tests {
		today := gdpr.MustParseDate(tt.today)
		if got := r.DaysLeft(today); got != tt.left {
			t.Errorf("DaysLeft(%s) = %d, want %d", tt.today, got, tt.left)
		}
		if got := r.Overdue(today); got != tt.overdue {
			t.Errorf("Overdue(%s) = %v, want %v", tt.today, got, tt.overdue)
		}
	}
	if got := r.ExtendedDaysLeft(gdpr.MustParseDate("2026-04-29")); got != 1 || r.ExtendedOverdue(gdpr.MustParseDate("2026-04-30")) {
		t.Errorf("extended: days left %d on 29 Apr, want 1; not overdue on 30 Apr", got)
	}
}

// TestInvalidPlaceFallsBackEarlier: an unknown state counts national
// holidays only, which can only give an earlier or equal date.
func TestInvalidPlaceFallsBackEarlier(t *testing.T) {
	r := DueOn(gdpr.MustParseDate("2026-12-06"), gdpr.Place{Country: "DE", Region: "XX"})
	if r.Due.String() != "2027-01-06" || len(r.Notes) == 0 {
		t.Errorf("unknown state: due %s notes %v, want 2027-01-06 with a note", r.Due, r.Notes)
	}
	r = DueOn(gdpr.MustParseDate("2025-11-25"), gdpr.Place{Country: "FR"})
	if r.Due.String() != "2025-12-25" {
		t.Errorf("unknown country: due %s, want 2025-12-25 (weekends only)", r.Due)
	}
}

func dates(hs []Holiday) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.Date.String()
	}
	return out
}
