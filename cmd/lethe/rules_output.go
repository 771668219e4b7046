package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
)

// Helpers shared by the rules commands (deadline, retention, rules): flag
// parsing with one-line errors, --today, and JSON or table output.

// errRulesHelp asks the caller to print the usage and exit 0.
var errRulesHelp = errors.New("help requested")

// newFlags returns a flag set that reports errors to the caller, not stderr.
func rulesFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parseFlags parses args, rejecting stray arguments.
func rulesParseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errRulesHelp
		}
		return fmt.Errorf("%v (run 'lethe help %s' for the options)", err, fs.Name())
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q (all options are --flags)", fs.Arg(0))
	}
	return nil
}

// fail prints err as one line on stderr and returns the exit code.
func rulesFail(stderr io.Writer, cmd string, err error) int {
	msg := strings.Join(strings.Fields(err.Error()), " ")
	fmt.Fprintf(stderr, "lethe %s: %s\n", cmd, msg)
	return 2
}

// finish handles a parse error: help goes to stdout with exit 0.
func rulesFinish(stdout, stderr io.Writer, c command, err error) int {
	if errors.Is(err, errRulesHelp) {
		fmt.Fprintln(stdout, c.usage)
		return 0
	}
	return rulesFail(stderr, c.name, err)
}

// checkFormat validates --format.
func rulesCheckFormat(format string) error {
	if format != "json" && format != "table" {
		return fmt.Errorf("unknown --format %q (valid: json, table)", format)
	}
	return nil
}

// parseDateFlag parses an optional YYYY-MM-DD flag value ("" → nil).
func rulesDateFlag(flagName, s string) (*gdpr.Date, error) {
	if s == "" {
		return nil, nil
	}
	d, err := gdpr.ParseDate(s)
	if err != nil {
		return nil, fmt.Errorf("--%s: %w", flagName, err)
	}
	return &d, nil
}

// todayFlag returns --today, or the current day in loc. The commands read
// the clock here, never in app/gdpr.
func rulesToday(s string, loc *time.Location) (gdpr.Date, error) {
	if s == "" {
		return gdpr.FromTime(time.Now(), loc), nil
	}
	d, err := rulesDateFlag("today", s)
	if err != nil {
		return gdpr.Date{}, err
	}
	return *d, nil
}

// loadZone loads --zone with a one-line error.
func rulesZone(name string) (*time.Location, error) {
	loc, err := time.LoadLocation(name)
	if err != nil || name == "" || name == "Local" {
		return nil, fmt.Errorf("unknown --zone %q (want an IANA zone such as Europe/Berlin, Europe/Vienna or UTC)", name)
	}
	return loc, nil
}

// writeJSON prints v as one indented JSON object.
func rulesWriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// writeTable prints key/value rows aligned.
func rulesWriteTable(w io.Writer, rows [][2]string) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\n", r[0], r[1])
	}
	return tw.Flush()
}

func rulesDateOrDash(d *gdpr.Date) string {
	if d == nil || d.IsZero() {
		return "-"
	}
	return d.String()
}
