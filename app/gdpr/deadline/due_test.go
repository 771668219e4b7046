package deadline

import (
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // zones for the midnight rows, independent of the host

	"github.com/lethe-gdpr/lethe/app/gdpr"
)

// dueRow is one worked deadline. Expectations were written by hand and
// checked independently of this package (weekdays with `date -d`, holidays
// from the state laws, Easter from the published tables: 2024-03-31,
// 2025-04-20, 2026-04-05, 2027-03-28, 2028-04-16).
type dueRow struct {
	received string // YYYY-MM-DD, or RFC 3339 with zone
	zone     string // shop zone for RFC 3339 rows ("" = UTC)
	place    string // "DE", "DE-BY", "AT"
	due      string
	extended string // "" = not checked in this row
	why      string
}

var dueRows = []dueRow{
	// Worked examples from law-de-eu.md and the issue.
	{"2027-01-15", "", "DE", "2027-02-15", "2027-04-15", "15 Jan → 15 Feb, a Monday; 15 Apr a Thursday"},
	{"2025-01-31", "", "DE", "2025-02-28", "2025-04-30", "31 Feb does not exist → last day of Feb, a Friday (Art. 3(2)(c))"},
	{"2026-01-31", "", "DE-BY", "2026-03-02", "2026-04-30", "28 Feb 2026 is a Saturday → Monday 2 Mar (Art. 3(4)); 30 Apr a Thursday"},
	{"2026-01-15", "", "DE", "2026-02-16", "", "15 Feb 2026 is a Sunday → Monday"},
	{"2025-01-15", "", "DE", "2025-02-17", "", "15 Feb 2025 is a Saturday → Monday 17"},

	// Month ends.
	{"2025-03-31", "", "DE", "2025-04-30", "2025-06-30", "31 Apr does not exist → 30 Apr (Wed); 30 Jun a Monday"},
	{"2025-05-31", "", "DE", "2025-06-30", "2025-09-01", "30 Jun a Monday; 31 Aug 2025 is a Sunday → 1 Sep"},
	{"2025-07-31", "", "DE", "2025-09-01", "", "31 Aug 2025 is a Sunday → Monday 1 Sep"},
	{"2025-08-31", "", "DE", "2025-09-30", "2025-12-01", "30 Sep a Tuesday; 30 Nov 2025 a Sunday → 1 Dec"},
	{"2025-10-31", "", "DE", "2025-12-01", "", "30 Nov 2025 is a Sunday → Monday 1 Dec"},
	{"2025-12-31", "", "DE", "2026-02-02", "2026-03-31", "31 Jan 2026 is a Saturday → Monday 2 Feb; 31 Mar 2026 a Tuesday"},
	{"2026-03-31", "", "DE", "2026-04-30", "", "31 Apr does not exist → 30 Apr 2026, a Thursday"},
	{"2026-05-31", "", "DE", "2026-06-30", "", "30 Jun 2026 is a Tuesday"},
	{"2026-08-31", "", "DE", "2026-09-30", "", "30 Sep 2026 is a Wednesday"},
	{"2026-10-31", "", "DE", "2026-11-30", "", "30 Nov 2026 is a Monday"},
	{"2026-12-31", "", "DE", "2027-02-01", "", "31 Jan 2027 is a Sunday → Monday 1 Feb"},
	{"2025-04-30", "", "DE", "2025-05-30", "", "same date: 30 May 2025, a Friday"},
	{"2025-06-30", "", "DE", "2025-07-30", "", "same date: 30 Jul 2025, a Wednesday"},
	{"2025-09-30", "", "DE", "2025-10-30", "", "same date: 30 Oct 2025, a Thursday"},
	{"2025-11-30", "", "DE", "2025-12-30", "2026-03-02", "30 Dec a Tuesday; 28 Feb 2026 (no 30 Feb) a Saturday → 2 Mar"},
	{"2025-03-01", "", "DE", "2025-04-01", "", "receipt on a Saturday does not move the start (Art. 3(1) only skips the receipt day)"},

	// Leap years.
	{"2024-01-29", "", "DE", "2024-02-29", "", "2024 is a leap year: 29 Feb exists (Thursday)"},
	{"2024-01-30", "", "DE", "2024-02-29", "", "30 Feb does not exist → 29 Feb 2024"},
	{"2024-01-31", "", "DE", "2024-02-29", "", "31 Feb does not exist → 29 Feb 2024"},
	{"2024-02-29", "", "DE", "2024-04-02", "2024-05-29", "29 Mar 2024 is Karfreitag, 30/31 weekend, 1 Apr Ostermontag → Tuesday 2 Apr; 29 May a Wednesday"},
	{"2028-01-29", "", "DE", "2028-02-29", "", "2028 is a leap year: 29 Feb 2028 is a Tuesday"},
	{"2028-01-31", "", "DE", "2028-02-29", "", "31 Feb does not exist → 29 Feb 2028"},
	{"2028-02-29", "", "DE", "2028-03-29", "", "same date: 29 Mar 2028, a Wednesday"},
	{"2025-01-29", "", "DE", "2025-02-28", "", "2025 is no leap year: 29 Feb does not exist → 28 Feb"},
	{"2027-01-29", "", "DE", "2027-03-01", "", "2027: 28 Feb is a Sunday → Monday 1 Mar"},
	{"2023-11-30", "", "DE", "2024-01-02", "2024-02-29", "30 Dec 2023 Saturday, 1 Jan Neujahr → 2 Jan; extended into a leap February: 29 Feb 2024"},
	{"2024-11-30", "", "DE", "2024-12-30", "2025-02-28", "extended into a common February: 28 Feb 2025 (Friday)"},

	// Each state's own holidays.
	{"2026-12-06", "", "DE-BW", "2027-01-07", "", "6 Jan 2027 (Wed) is Heilige Drei Könige in BW"},
	{"2025-12-06", "", "DE-BY", "2026-01-07", "", "6 Jan 2026 (Tue) is Heilige Drei Könige in BY"},
	{"2025-12-06", "", "DE-ST", "2026-01-07", "", "6 Jan 2026 is Heilige Drei Könige in ST"},
	{"2025-12-06", "", "DE-HE", "2026-01-06", "", "6 Jan is no holiday in HE"},
	{"2027-02-08", "", "DE-BE", "2027-03-09", "", "8 Mar 2027 (Mon) is Frauentag in BE"},
	{"2027-02-08", "", "DE-MV", "2027-03-09", "", "8 Mar is Frauentag in MV since 2023 (FTG M-V)"},
	{"2027-02-08", "", "DE-HH", "2027-03-08", "", "8 Mar is no holiday in HH"},
	{"2022-02-08", "", "DE-MV", "2022-03-08", "", "Frauentag only from 2023 in MV"},
	{"2022-02-08", "", "DE-BE", "2022-03-09", "", "8 Mar 2022 (Tue) is Frauentag in BE"},
	{"2025-04-08", "", "DE-BE", "2025-05-09", "", "8 May 2025 (Thu) was a one-off holiday in BE (80th anniversary)"},
	{"2025-04-08", "", "DE-BY", "2025-05-08", "", "8 May 2025 is no holiday outside BE"},
	{"2027-08-20", "", "DE-TH", "2027-09-21", "", "20 Sep 2027 (Mon) is Weltkindertag in TH"},
	{"2027-08-20", "", "DE-SN", "2027-09-20", "", "Weltkindertag is TH only"},
	{"2024-08-20", "", "DE-TH", "2024-09-23", "", "20 Sep 2024 (Fri) Weltkindertag in TH, then the weekend"},
	{"2025-07-31", "", "DE-NI", "2025-09-01", "2025-11-03", "extended: 31 Oct 2025 (Fri) Reformationstag in NI, then weekend"},
	{"2025-07-31", "", "DE-HB", "2025-09-01", "2025-11-03", "Reformationstag in HB"},
	{"2025-07-31", "", "DE-HH", "2025-09-01", "2025-11-03", "Reformationstag in HH"},
	{"2025-07-31", "", "DE-SH", "2025-09-01", "2025-11-03", "Reformationstag in SH"},
	{"2025-07-31", "", "DE-BB", "2025-09-01", "2025-11-03", "Reformationstag in BB"},
	{"2025-07-31", "", "DE-ST", "2025-09-01", "2025-11-03", "Reformationstag in ST"},
	{"2025-07-31", "", "DE-BY", "2025-09-01", "2025-10-31", "31 Oct is no holiday in BY"},
	{"2022-09-29", "", "DE-NI", "2022-11-01", "", "29/30 Oct 2022 weekend, 31 Oct (Mon) Reformationstag in NI"},
	{"2022-09-29", "", "DE-NW", "2022-10-31", "", "weekend → Mon 31 Oct, no holiday in NW"},
	{"2027-09-30", "", "DE-BW", "2027-11-02", "", "30/31 Oct 2027 weekend, 1 Nov (Mon) Allerheiligen in BW"},
	{"2027-09-30", "", "DE-NI", "2027-11-01", "", "Allerheiligen is no holiday in NI"},
	{"2024-10-01", "", "DE-NW", "2024-11-04", "", "1 Nov 2024 (Fri) Allerheiligen in NW, then weekend"},
	{"2024-10-01", "", "DE-HE", "2024-11-01", "", "Allerheiligen is no holiday in HE"},
	{"2028-10-01", "", "DE-RP", "2028-11-02", "", "1 Nov 2028 (Wed) Allerheiligen in RP"},
	{"2028-10-01", "", "DE-SL", "2028-11-02", "", "Allerheiligen in SL"},
	{"2028-10-01", "", "DE-BE", "2028-11-01", "", "Allerheiligen is no holiday in BE"},
	{"2025-10-19", "", "DE-SN", "2025-11-20", "", "19 Nov 2025 (Wed) Buß- und Bettag in SN"},
	{"2026-10-18", "", "DE-SN", "2026-11-19", "", "18 Nov 2026 (Wed before 23 Nov) Buß- und Bettag in SN"},
	{"2025-10-19", "", "DE-BY", "2025-11-19", "", "Buß- und Bettag is SN only"},
	{"2025-07-15", "", "DE-SL", "2025-08-18", "", "15 Aug 2025 (Fri) Mariä Himmelfahrt in SL, then weekend"},
	{"2025-07-15", "", "DE-BY", "2025-08-15", "", "BY keeps Mariä Himmelfahrt only in Catholic communities: not counted (earlier date is safe)"},
	{"2025-07-15", "", "AT", "2025-08-18", "", "Mariä Himmelfahrt is a holiday in AT"},

	// Easter-dependent holidays.
	{"2026-03-03", "", "DE", "2026-04-07", "", "3 Apr 2026 Karfreitag, weekend, 6 Apr Ostermontag → Tue 7 Apr"},
	{"2026-03-03", "", "AT", "2026-04-03", "", "Karfreitag is no general holiday in AT (since 2019)"},
	{"2025-03-21", "", "DE", "2025-04-22", "", "21 Apr 2025 Ostermontag"},
	{"2025-03-21", "", "AT", "2025-04-22", "", "Ostermontag in AT"},
	{"2026-04-14", "", "DE", "2026-05-15", "", "14 May 2026 Christi Himmelfahrt"},
	{"2026-04-25", "", "DE", "2026-05-26", "", "25 May 2026 Pfingstmontag"},
	{"2026-05-04", "", "DE-BW", "2026-06-05", "", "4 Jun 2026 Fronleichnam in BW"},
	{"2026-05-04", "", "DE-NW", "2026-06-05", "", "Fronleichnam in NW"},
	{"2026-05-04", "", "DE-BE", "2026-06-04", "", "Fronleichnam is no holiday in BE"},
	{"2026-05-04", "", "AT", "2026-06-05", "", "Fronleichnam in AT"},
	{"2025-05-19", "", "DE-HE", "2025-06-20", "", "19 Jun 2025 Fronleichnam in HE"},
	{"2025-05-19", "", "DE-SN", "2025-06-19", "", "SN keeps Fronleichnam only in some Sorbian communities: not counted"},
	{"2026-01-03", "", "DE", "2026-02-03", "2026-04-07", "extended: 3 Apr 2026 Karfreitag … Ostermontag → 7 Apr"},
	{"2026-02-25", "", "DE", "2026-03-25", "2026-05-26", "extended: 25 May 2026 Pfingstmontag"},

	// Fixed national days, Christmas, New Year.
	{"2026-04-01", "", "DE", "2026-05-04", "", "1 May 2026 (Fri) Tag der Arbeit, then weekend"},
	{"2025-09-03", "", "DE", "2025-10-06", "", "3 Oct 2025 (Fri) Tag der Deutschen Einheit"},
	{"2025-09-03", "", "AT", "2025-10-03", "", "3 Oct is no holiday in AT"},
	{"2026-09-26", "", "AT", "2026-10-27", "", "26 Oct 2026 (Mon) Nationalfeiertag in AT"},
	{"2026-09-26", "", "DE", "2026-10-26", "", "26 Oct is no holiday in DE"},
	{"2025-11-08", "", "AT", "2025-12-09", "", "8 Dec 2025 (Mon) Mariä Empfängnis in AT"},
	{"2025-11-25", "", "DE", "2025-12-29", "", "25/26 Dec 2025 Christmas (Thu/Fri), then weekend"},
	{"2025-11-24", "", "DE", "2025-12-24", "", "24 Dec is no public holiday"},
	{"2025-12-01", "", "DE", "2026-01-02", "", "1 Jan 2026 (Thu) Neujahr"},
	{"2026-12-01", "", "DE", "2027-01-04", "", "1 Jan 2027 (Fri) Neujahr, then weekend"},

	// Receipt near midnight in the shop's zone.
	{"2026-01-31T23:30:00Z", "Europe/Berlin", "DE-BY", "2026-03-02", "2026-05-04", "received 1 Feb in Berlin; 1 Mar Sunday; extended 1 May holiday + weekend"},
	{"2025-01-31T23:30:00Z", "Europe/Berlin", "DE", "2025-03-03", "", "received 1 Feb in Berlin → 1 Mar 2025 Saturday → Monday 3 Mar"},
	{"2025-01-31T23:30:00Z", "UTC", "DE", "2025-02-28", "", "same instant, shop zone UTC: received 31 Jan"},
	{"2025-02-01T03:30:00Z", "America/New_York", "DE", "2025-02-28", "", "22:30 on 31 Jan in New York"},
	{"2025-03-14T23:15:00Z", "Europe/Vienna", "AT", "2025-04-15", "", "00:15 on 15 Mar in Vienna"},
	{"2025-03-14T23:15:00Z", "UTC", "AT", "2025-04-14", "", "still 14 Mar in UTC"},
	{"2025-03-29T23:30:00Z", "Europe/Berlin", "DE", "2025-04-30", "", "night of the spring DST change: 00:30 CET on 30 Mar"},
	{"2025-10-25T22:30:00Z", "Europe/Berlin", "DE", "2025-11-26", "", "before the autumn DST change: 00:30 CEST on 26 Oct"},
	{"2025-12-31T22:59:59Z", "Europe/Berlin", "DE", "2026-02-02", "", "23:59:59 on 31 Dec in Berlin"},
	{"2025-06-30T03:00:00Z", "America/New_York", "DE", "2025-07-29", "", "23:00 EDT on 29 Jun in New York"},
	{"2025-06-30T03:00:00Z", "Europe/Berlin", "DE", "2025-07-30", "", "05:00 on 30 Jun in Berlin"},
	{"2025-12-07T23:30:00Z", "Europe/Vienna", "AT", "2026-01-08", "", "received 8 Dec (a holiday: irrelevant for the start)"},
	{"2025-12-07T23:30:00Z", "UTC", "AT", "2026-01-07", "", "7 Jan 2026 Wednesday; 6 Jan not involved"},
	{"2026-03-08T00:30:00+01:00", "Europe/Berlin", "DE-BE", "2026-04-08", "", "RFC 3339 with offset; 8 Apr 2026 Wednesday"},
}

func TestDue(t *testing.T) {
	if len(dueRows) < 60 {
		t.Fatalf("want at least 60 rows, have %d", len(dueRows))
	}
	for _, row := range dueRows {
		t.Run(row.place+"/"+row.received, func(t *testing.T) {
			place := mustPlace(t, row.place)
			var got Result
			if len(row.received) == len("2006-01-02") {
				got = DueOn(gdpr.MustParseDate(row.received), place)
			} else {
				at, err := time.Parse(time.RFC3339, row.received)
				if err != nil {
					t.Fatal(err)
				}
				loc, err := time.LoadLocation(row.zone)
				if err != nil {
					t.Fatal(err)
				}
				got = Due(at, place, loc)
			}
			if got.Due.String() != row.due {
				t.Errorf("due = %s, want %s (%s); notes %v", got.Due, row.due, row.why, got.Notes)
			}
			if row.extended != "" && got.ExtendedDue.String() != row.extended {
				t.Errorf("extended = %s, want %s (%s); notes %v", got.ExtendedDue, row.extended, row.why, got.Notes)
			}
			if got.ExtensionNoticeBy() != got.Due {
				t.Errorf("extension notice by %s, want the due date %s", got.ExtensionNoticeBy(), got.Due)
			}
		})
	}
}

func mustPlace(t testing.TB, s string) gdpr.Place {
	t.Helper()
	country, region, _ := strings.Cut(s, "-")
	p, err := gdpr.ParsePlace(country, region)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
