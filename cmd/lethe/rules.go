package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/deadline"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
)

const rulesUsage = `lethe rules [--country DE] [--format json|table]

Prints the whole retention rule set of a country with its legal references,
periods, start events, keep fields and notes, for review by a lawyer.

  --country   DE (default) or AT
  --format    json (default) or table`

// rulesOutput is the JSON of `lethe rules`.
type rulesOutput struct {
	Country     string           `json:"country"`
	Name        string           `json:"name"`
	DeadlineRef string           `json:"deadline_legal_reference"`
	Rules       []retention.Rule `json:"rules"`
	HolidayNote string           `json:"holiday_note"`
}

func init() {
	register(command{
		name:    "rules",
		summary: "print the retention rule set with its legal references",
		usage:   rulesUsage,
		run:     runRules,
	})
}

func runRules(_ context.Context, args []string, stdout, stderr io.Writer) int {
	c := commands["rules"]
	fs := rulesFlagSet(c.name)
	country := fs.String("country", "DE", "")
	format := fs.String("format", "json", "")
	if err := rulesParseFlags(fs, args); err != nil {
		return rulesFinish(stdout, stderr, c, err)
	}
	if err := rulesCheckFormat(*format); err != nil {
		return rulesFail(stderr, c.name, err)
	}
	place, err := gdpr.ParsePlace(*country, "")
	if err != nil {
		return rulesFail(stderr, c.name, err)
	}
	set, err := retention.ForCountry(place.Country)
	if err != nil {
		return rulesFail(stderr, c.name, err)
	}
	out := rulesOutput{
		Country: set.Country, Name: set.Name, DeadlineRef: deadline.LegalReference, Rules: set.Rules,
		HolidayNote: "Deadlines count the public holidays of the shop's place; see `lethe deadline --region`.",
	}
	if *format == "json" {
		err = rulesWriteJSON(stdout, out)
	} else {
		err = rulesWriteSet(stdout, out)
	}
	if err != nil {
		return rulesFail(stderr, c.name, err)
	}
	return 0
}

// rulesWriteSet prints one block per rule.
func rulesWriteSet(w io.Writer, out rulesOutput) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "Rule set\t%s (%s)\n", out.Name, out.Country)
	fmt.Fprintf(tw, "Deadlines\t%s\n", out.DeadlineRef)
	for _, r := range out.Rules {
		period := "-"
		if !r.Period.IsZero() {
			period = r.Period.String()
		}
		fmt.Fprintf(tw, "\n%s\t%s\n", r.RecordType, r.Title)
		fmt.Fprintf(tw, "  action\t%s\n", r.Action)
		fmt.Fprintf(tw, "  period\t%s from %s\n", period, r.Start)
		fmt.Fprintf(tw, "  basis\t%s\n", r.Basis)
		fmt.Fprintf(tw, "  reference\t%s\n", r.LegalReference)
		if r.Transition != nil {
			fmt.Fprintf(tw, "  transition\t%s before %s\n", r.Transition.Before, r.Transition.Effective)
		}
		if len(r.KeepFields) > 0 {
			fmt.Fprintf(tw, "  keep fields\t%s\n", strings.Join(r.KeepFields, ", "))
		}
		if r.Note != "" {
			fmt.Fprintf(tw, "  note\t%s\n", r.Note)
		}
	}
	return tw.Flush()
}
