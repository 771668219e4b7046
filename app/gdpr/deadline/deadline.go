package deadline

import (
	"fmt"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
)

// LegalReference is the law Due applies.
const LegalReference = "Art. 12(3) GDPR (answer within one month of receipt; extendable by two further months, " +
	"the extension to be announced with reasons within the first month), counted under Regulation (EEC, Euratom) " +
	"No 1182/71 Art. 3(1) (the day of receipt is not counted), Art. 3(2)(c) (the period ends on the same date in " +
	"the last month, or on that month's last day) and Art. 3(4) (a period ending on a Saturday, Sunday or public " +
	"holiday of the controller's place ends on the next working day)"

// Result is the deadline for one request.
type Result struct {
	Received       gdpr.Date  `json:"received"`        // receipt day in the shop's zone
	Place          gdpr.Place `json:"place"`           // whose public holidays count
	Due            gdpr.Date  `json:"due"`             // one month, moved to a working day
	ExtendedDue    gdpr.Date  `json:"extended_due"`    // three months, moved to a working day
	LegalReference string     `json:"legal_reference"` // why
	Notes          []string   `json:"notes,omitempty"` // each move to a working day, and fallbacks
}

// Due returns the deadline for a request received at the instant received.
// The receipt day is the calendar day of received in loc, the shop's time
// zone (23:30 UTC on 31 January is 1 February in Europe/Berlin); a nil loc
// means received's own location.
//
// Due never fails. Validate place first: for a place that does not validate
// it counts fewer holidays (see calendar), which can only make the date
// earlier, and says so in Notes.
func Due(received time.Time, place gdpr.Place, loc *time.Location) Result {
	return DueOn(gdpr.FromTime(received, loc), place)
}

// DueOn is Due for a known receipt day.
func DueOn(received gdpr.Date, place gdpr.Place) Result {
	r := Result{Received: received, Place: place, LegalReference: LegalReference}
	if _, ok := calendar(place); !ok {
		r.Notes = append(r.Notes, fmt.Sprintf("place %q is not valid: counted with fewer public holidays (the date can only be earlier)", place.String()))
	}
	var note string
	if r.Due, note = periodEnd(received, 1, place); note != "" {
		r.Notes = append(r.Notes, "due: "+note)
	}
	if r.ExtendedDue, note = periodEnd(received, 3, place); note != "" {
		r.Notes = append(r.Notes, "extended due: "+note)
	}
	return r
}

// periodEnd ends a period of months counted from received and moves it to
// the next working day, explaining any move.
func periodEnd(received gdpr.Date, months int, place gdpr.Place) (gdpr.Date, string) {
	end := received.AddMonths(months)
	d := end
	for !IsWorkingDay(d, place) {
		d = d.AddDays(1)
	}
	if d == end {
		return d, ""
	}
	why := "a " + end.Weekday().String()
	if name, ok := HolidayName(end, place); ok {
		why = name + ", a public holiday in " + place.String()
	}
	return d, fmt.Sprintf("%s is %s; moved to the next working day %s", end, why, d)
}

// DaysLeft returns the days from today to Due: 0 on the due day, negative
// once overdue.
func (r Result) DaysLeft(today gdpr.Date) int { return today.DaysUntil(r.Due) }

// Overdue reports whether the (unextended) period has ended before today.
func (r Result) Overdue(today gdpr.Date) bool { return today.After(r.Due) }

// ExtendedDaysLeft and ExtendedOverdue are DaysLeft and Overdue for an
// extended period.
func (r Result) ExtendedDaysLeft(today gdpr.Date) int { return today.DaysUntil(r.ExtendedDue) }
func (r Result) ExtendedOverdue(today gdpr.Date) bool { return today.After(r.ExtendedDue) }

// ExtensionNoticeBy is the last day to tell the data subject of an
// extension, with reasons: within the first month, so the due date.
func (r Result) ExtensionNoticeBy() gdpr.Date { return r.Due }
