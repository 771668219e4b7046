package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestRetentionCommand(t *testing.T) {
	tests := []struct {
		args   []string
		action string
		until  any // string or nil
		why    string
	}{
		{[]string{"--record", "invoice", "--date", "2024-03-15", "--today", "2026-11-28"}, "retain", "2032-12-31", "the issue's example"},
		{[]string{"--record", "invoice", "--date", "2014-03-15", "--today", "2026-11-28"}, "erase", "2024-12-31", "period ended"},
		{[]string{"--record", "invoice", "--date", "2024-03-15", "--today", "2024-06-01"}, "retain", "2034-12-31", "before 2025: 10 years"},
		{[]string{"--record", "customer_account", "--today", "2026-11-28"}, "erase", nil, "no duty: null"},
		{[]string{"--record", "warranty_data", "--delivered", "2024-03-20", "--today", "2026-01-01"}, "retain", "2026-03-20", "2 years from delivery"},
		{[]string{"--record", "marketing_consent_proof", "--consent-ended", "2025-04-01", "--today", "2026-11-28"}, "retain", "2028-12-31", "policy"},
		{[]string{"--record", "delivery_note", "--invoiced", "2026-03-01", "--today", "2026-11-28"}, "erase", "2026-03-01", "invoice issued"},
		{[]string{"--record", "open_order", "--today", "2026-11-28"}, "defer", nil, "contract running"},
		{[]string{"--record", "invoice", "--date", "2024-03-15", "--open", "--today", "2026-11-28"}, "defer", nil, "unpaid"},
		{[]string{"--record", "invoice", "--date", "2010-03-15", "--legal-hold", "--today", "2026-11-28"}, "retain", "2020-12-31", "legal hold"},
		{[]string{"--record", "invoice", "--date", "2026-03-15", "--country", "AT", "--today", "2026-11-28"}, "retain", "2033-12-31", "Austria: 7 years"},
	}
	for _, tt := range tests {
		code, out, errOut := runRulesCmd(append([]string{"retention"}, tt.args...)...)
		if code != 0 || errOut != "" {
			t.Fatalf("%v: exit %d, stderr %q", tt.args, code, errOut)
		}
		var got map[string]any
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("%v: %v", tt.args, err)
		}
		if got["action"] != tt.action || got["retain_until"] != tt.until {
			t.Errorf("%v: %v until %v, want %s until %v (%s)", tt.args, got["action"], got["retain_until"], tt.action, tt.until, tt.why)
		}
		for _, k := range []string{"record", "country", "action", "retain_until", "legal_reference", "keep_fields"} {
			if _, ok := got[k]; !ok {
				t.Errorf("%v: field %q missing", tt.args, k)
			}
		}
	}
	_, out, _ := runRulesCmd("retention", "--record", "invoice", "--date", "2024-03-15", "--today", "2026-11-28")
	if !strings.Contains(out, `"seller_name"`) || strings.Contains(out, `"email"`) {
		t.Errorf("invoice keep_fields:\n%s", out)
	}
}

func TestRetentionTable(t *testing.T) {
	code, out, _ := runRulesCmd("retention", "--record", "invoice", "--date", "2024-03-15", "--today", "2026-11-28", "--format", "table")
	if code != 0 || !strings.Contains(out, "retain until") || !strings.Contains(out, "2032-12-31") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}
