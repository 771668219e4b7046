package deadline

import (
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/de"
)

// Corrections to github.com/rickar/cal/v2/de v2.1.13, as data. Each entry
// cites the state law. The calendar is kept exact from 25 May 2018, the day
// the GDPR applies; earlier years are not relevant to Art. 12(3) deadlines.
//
// Checked and found right in the library: Heilige Drei Könige (BW, BY, ST),
// Fronleichnam (BW, BY, HE, NW, RP, SL), Mariä Himmelfahrt (SL), Reformationstag
// (BB, HB, HH, MV, NI, SN, ST, SH, TH), Allerheiligen (BW, BY, NW, RP, SL),
// Buß- und Bettag (SN, Wednesday before 23 November), Weltkindertag (TH, from
// 2019), Frauentag (BE). Austria (at.Holidays, Feiertagsruhegesetz 1957) is
// right as is: Karfreitag is no general public holiday there since 2019.
//
// Not added: the one-off holiday on 17 June 2028 in Berlin (75th anniversary
// of the 1953 uprising) was only resolved by the Abgeordnetenhaus, not yet
// enacted, and falls on a Saturday, so it cannot move a deadline.
var (
	// fixesMV: §2 Abs. 1 Feiertagsgesetz Mecklenburg-Vorpommern (FTG M-V),
	// amended by the Landtag in June 2022: Internationaler Frauentag (8 March)
	// is a public holiday from 2023. The library's HolidaysMV lacks it.
	fixesMV = []*cal.Holiday{
		de.Frauentag.Clone(&cal.Holiday{Name: "Frauentag", StartYear: 2023}),
	}

	// fixesBE: §1 Gesetz über die Sonn- und Feiertage (Feiertagsgesetz
	// Berlin), one-off amendments making 8 May a public holiday in 2020
	// (75th) and 2025 (80th anniversary of the liberation from National
	// Socialism and the end of the Second World War in Europe).
	fixesBE = []*cal.Holiday{
		tagDerBefreiung(2020),
		tagDerBefreiung(2025),
	}
)

func tagDerBefreiung(year int) *cal.Holiday {
	return &cal.Holiday{
		Name:      "Tag der Befreiung",
		Type:      cal.ObservancePublic,
		Month:     time.May,
		Day:       8,
		Func:      cal.CalcDayOfMonth,
		StartYear: year,
		EndYear:   year,
	}
}
