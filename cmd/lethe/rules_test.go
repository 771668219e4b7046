package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestRulesCommand(t *testing.T) {
	for _, country := range []string{"DE", "AT"} {
		code, out, errOut := runRulesCmd("rules", "--country", country)
		if code != 0 || errOut != "" {
			t.Fatalf("%s: exit %d %s", country, code, errOut)
		}
		var got struct {
			Country string `json:"country"`
			Rules   []struct {
				RecordType     string   `json:"record_type"`
				LegalReference string   `json:"legal_reference"`
				KeepFields     []string `json:"keep_fields"`
			} `json:"rules"`
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		if got.Country != country || len(got.Rules) != 18 {
			t.Errorf("%s: %d rules", got.Country, len(got.Rules))
		}
		for _, r := range got.Rules {
			if r.LegalReference == "" || r.KeepFields == nil {
				t.Errorf("%s %s: reference and keep_fields ([] when none) required", country, r.RecordType)
			}
		}
	}
	code, out, _ := runRulesCmd("rules", "--format", "table")
	if code != 0 || !strings.Contains(out, "Art. 97 §19a EGAO") || !strings.Contains(out, "open_order") {
		t.Errorf("table: exit %d\n%s", code, out)
	}
	// The records of a shop's website and the staff's notes: erased on
	// request, each with its reference.
	for _, want := range []string{
		"product_review  Produktbewertung (product review)", "comment  Blog-Kommentar (comment)",
		"order_note  Interne Bestellnotiz (order note)", "analytics_record  Statistikeintrag (analytics record)",
		"Art. 17(1)(b), 17(1)(c) GDPR — published content", "a derived copy for the shop's reports",
	} {
		if !strings.Contains(strings.Join(strings.Fields(out), "  "), strings.Join(strings.Fields(want), "  ")) {
			t.Errorf("table lacks %q", want)
		}
	}
}
