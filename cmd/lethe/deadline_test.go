package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// runRulesCmd runs the binary's dispatcher in-process.
func runRulesCmd(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestDeadlineCommand(t *testing.T) {
	tests := []struct {
		args []string
		want map[string]any
		why  string
	}{
		{[]string{"--received", "2026-01-31", "--country", "DE", "--region", "BY", "--today", "2026-02-10"},
			map[string]any{"received": "2026-01-31", "country": "DE", "region": "BY", "due": "2026-03-02", "extended_due": "2026-04-30",
				"extension_notice_by": "2026-03-02", "days_left": 20.0, "overdue": false},
			"the issue's example"},
		{[]string{"--received", "2026-01-31T23:30:00Z", "--today", "2026-03-03"},
			map[string]any{"received": "2026-02-01", "region": "", "due": "2026-03-02", "zone": "Europe/Berlin", "days_left": -1.0, "overdue": true},
			"RFC 3339 converted to Berlin: 1 Feb"},
		{[]string{"--received", "2026-01-31T23:30:00Z", "--zone", "UTC", "--today", "2026-02-01"},
			map[string]any{"received": "2026-01-31", "zone": "UTC"}, "same instant in UTC"},
		{[]string{"--received", "2025-01-31", "--country", "at", "--today", "2025-02-01"},
			map[string]any{"country": "AT", "due": "2025-02-28"}, "Austria, lower-case input"},
	}
	for _, tt := range tests {
		code, out, errOut := runRulesCmd(append([]string{"deadline"}, tt.args...)...)
		if code != 0 || errOut != "" {
			t.Fatalf("%v: exit %d, stderr %q", tt.args, code, errOut)
		}
		var got map[string]any
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("%v: not one JSON object: %v\n%s", tt.args, err, out)
		}
		for k, v := range tt.want {
			if got[k] != v {
				t.Errorf("%v: %s = %v, want %v (%s)", tt.args, k, got[k], v, tt.why)
			}
		}
		if ref, _ := got["legal_reference"].(string); !strings.Contains(ref, "Art. 12(3) GDPR") || !strings.Contains(ref, "1182/71") {
			t.Errorf("legal_reference = %q", ref)
		}
	}
}

func TestDeadlineTable(t *testing.T) {
	code, out, _ := runRulesCmd("deadline", "--received", "2026-01-31", "--region", "BY", "--today", "2026-02-10", "--format", "table")
	if code != 0 || !strings.Contains(out, "due") || !strings.Contains(out, "2026-03-02") || strings.HasPrefix(out, "{") {
		t.Errorf("table output (exit %d):\n%s", code, out)
	}
}

// TestRulesCommandErrors: bad input exits non-zero with ONE line on stderr
// naming the valid choices.
func TestRulesCommandErrors(t *testing.T) {
	tests := []struct {
		args []string
		has  string
	}{
		{[]string{"deadline", "--received", "2026-02-30"}, "YYYY-MM-DD"},
		{[]string{"deadline"}, "--received is required"},
		{[]string{"deadline", "--received", "yesterday"}, "RFC 3339"},
		{[]string{"deadline", "--received", "2026-01-31", "--region", "XX"}, "BW, BY, BE"},
		{[]string{"deadline", "--received", "2026-01-31", "--country", "FR"}, "valid: DE, AT"},
		{[]string{"deadline", "--received", "2026-01-31", "--country", "AT", "--region", "W"}, "valid: empty"},
		{[]string{"deadline", "--received", "2026-01-31", "--zone", "Mars/Olympus"}, "Europe/Berlin"},
		{[]string{"deadline", "--received", "2026-01-31", "--format", "xml"}, "valid: json, table"},
		{[]string{"deadline", "--received", "2026-01-31", "--today", "2026-13-01"}, "--today"},
		{[]string{"deadline", "--nope"}, "lethe help deadline"},
		{[]string{"deadline", "--received", "2026-01-31", "extra"}, "unexpected argument"},
		{[]string{"retention", "--record", "receipt"}, "invoice, credit_note, payment_record"},
		{[]string{"retention"}, "valid: invoice"},
		{[]string{"retention", "--record", "invoice", "--date", "2026-02-30"}, "--date"},
		{[]string{"retention", "--record", "warranty_data", "--delivered", "2026-02-29"}, "--delivered"},
		{[]string{"retention", "--record", "invoice", "--country", "CH"}, "valid: DE, AT"},
		{[]string{"retention", "--record", "invoice", "--consent-ended", "x"}, "--consent-ended"},
		{[]string{"rules", "--country", "FR"}, "valid: DE, AT"},
		{[]string{"rules", "--format", "yaml"}, "valid: json, table"},
	}
	for _, tt := range tests {
		code, out, errOut := runRulesCmd(tt.args...)
		if code == 0 || out != "" {
			t.Errorf("%v: exit %d, stdout %q; want a failure", tt.args, code, out)
		}
		if strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, tt.has) {
			t.Errorf("%v: stderr %q, want one line containing %q", tt.args, errOut, tt.has)
		}
	}
}

func TestRulesCommandsHelp(t *testing.T) {
	for _, name := range []string{"deadline", "retention", "rules"} {
		code, out, _ := runRulesCmd(name, "--help")
		if code != 0 || !strings.HasPrefix(out, "lethe "+name) {
			t.Errorf("%s --help: exit %d\n%s", name, code, out)
		}
		if _, ok := commands[name]; !ok {
			t.Errorf("%s is not registered", name)
		}
	}
}
