package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"time"
	_ "time/tzdata" // zones work on hosts without a zoneinfo database

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/deadline"
)

const deadlineUsage = `lethe deadline --received DATE|TIME [--country DE] [--region BY] [--zone Europe/Berlin] [--today DATE] [--format json|table]

Prints when the answer to a data-subject request is due (Art. 12(3) GDPR,
counted under Regulation 1182/71 with the public holidays of the shop's
place) and the extended due date (three months).

  --received  the receipt day YYYY-MM-DD, or an RFC 3339 time (converted to --zone)
  --country   DE (default) or AT
  --region    German state: BW BY BE BB HB HH HE MV NI NW RP SL SN ST SH TH
              (empty = national holidays only); none for AT
  --zone      the shop's time zone (default Europe/Berlin)
  --today     for days_left and overdue (default: today in --zone)
  --format    json (default) or table`

// deadlineOutput is the JSON of `lethe deadline`; the field names are stable.
type deadlineOutput struct {
	Received          gdpr.Date `json:"received"`
	Country           string    `json:"country"`
	Region            string    `json:"region"`
	Due               gdpr.Date `json:"due"`
	ExtendedDue       gdpr.Date `json:"extended_due"`
	LegalReference    string    `json:"legal_reference"`
	ExtensionNoticeBy gdpr.Date `json:"extension_notice_by"`
	Zone              string    `json:"zone"`
	Today             gdpr.Date `json:"today"`
	DaysLeft          int       `json:"days_left"`
	Overdue           bool      `json:"overdue"`
	Notes             []string  `json:"notes,omitempty"`
}

func init() {
	register(command{
		name:    "deadline",
		summary: "compute the due date of a data-subject request",
		usage:   deadlineUsage,
		run:     runDeadline,
	})
}

func runDeadline(_ context.Context, args []string, stdout, stderr io.Writer) int {
	c := commands["deadline"]
	fs := rulesFlagSet(c.name)
	received := fs.String("received", "", "")
	country := fs.String("country", "DE", "")
	region := fs.String("region", "", "")
	zone := fs.String("zone", "Europe/Berlin", "")
	todayS := fs.String("today", "", "")
	format := fs.String("format", "json", "")
	if err := rulesParseFlags(fs, args); err != nil {
		return rulesFinish(stdout, stderr, c, err)
	}
	out, err := deadlineFor(*received, *country, *region, *zone, *todayS, *format)
	if err != nil {
		return rulesFail(stderr, c.name, err)
	}
	if *format == "table" {
		err = rulesWriteTable(stdout, [][2]string{
			{"received", out.Received.String()}, {"place", gdpr.Place{Country: out.Country, Region: out.Region}.String()},
			{"due", out.Due.String()}, {"extended due", out.ExtendedDue.String()},
			{"extension notice by", out.ExtensionNoticeBy.String()},
			{"days left", strconv.Itoa(out.DaysLeft) + " (as of " + out.Today.String() + ")"},
			{"overdue", strconv.FormatBool(out.Overdue)}, {"legal reference", out.LegalReference},
		})
	} else {
		err = rulesWriteJSON(stdout, out)
	}
	if err != nil {
		return rulesFail(stderr, c.name, err)
	}
	return 0
}

func deadlineFor(received, country, region, zone, todayS, format string) (deadlineOutput, error) {
	if err := rulesCheckFormat(format); err != nil {
		return deadlineOutput{}, err
	}
	place, err := gdpr.ParsePlace(country, region)
	if err != nil {
		return deadlineOutput{}, err
	}
	loc, err := rulesZone(zone)
	if err != nil {
		return deadlineOutput{}, err
	}
	day, err := deadlineReceived(received, loc)
	if err != nil {
		return deadlineOutput{}, err
	}
	today, err := rulesToday(todayS, loc)
	if err != nil {
		return deadlineOutput{}, err
	}
	r := deadline.DueOn(day, place)
	return deadlineOutput{
		Received: r.Received, Country: place.Country, Region: place.Region,
		Due: r.Due, ExtendedDue: r.ExtendedDue, LegalReference: r.LegalReference,
		ExtensionNoticeBy: r.ExtensionNoticeBy(), Zone: loc.String(), Today: today,
		DaysLeft: r.DaysLeft(today), Overdue: r.Overdue(today), Notes: r.Notes,
	}, nil
}

// parseReceived takes a day, or an RFC 3339 instant converted to loc.
func deadlineReceived(s string, loc *time.Location) (gdpr.Date, error) {
	switch {
	case s == "":
		return gdpr.Date{}, fmt.Errorf("--received is required (YYYY-MM-DD or an RFC 3339 time such as 2026-01-31T23:30:00Z)")
	case len(s) == len(time.DateOnly):
		return gdpr.ParseDate(s)
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return gdpr.Date{}, fmt.Errorf("invalid --received %q (want YYYY-MM-DD or an RFC 3339 time such as 2026-01-31T23:30:00Z)", s)
	}
	return gdpr.FromTime(t, loc), nil
}
