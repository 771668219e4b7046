package plan

import (
	"slices"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
)

// EncodeLeft's word survives an audit detail (no spaces, read back whole),
// whatever an id or label holds.
func TestLeftRoundTrip(t *testing.T) {
	in := []Left{
		{System: "woocommerce", RecordType: retention.TechnicalData, RecordID: "41", Label: "WC-2024:001; A,B 100%", Fields: []string{"client_ip", "user_agent"}, Reason: LeftNoPlugin},
		{System: "woocommerce", RecordType: retention.BusinessLetter, RecordID: "41/note/9", Reason: LeftPluginFailed},
		{System: "woocommerce", RecordType: retention.CustomerAccount, RecordID: "7", Fields: []string{"x=y"}, Reason: LeftStaffAccount},
	}
	word := EncodeLeft(in)
	if strings.ContainsAny(word, " \n\t") || strings.Count(word, "=") != 0 {
		t.Fatalf("word %q", word)
	}
	out := ParseLeft("woocommerce", word)
	if len(out) != len(in) {
		t.Fatalf("%d records back, want %d: %q", len(out), len(in), word)
	}
	for i := range in {
		a, b := in[i], out[i]
		if a.System != b.System || a.RecordType != b.RecordType || a.RecordID != b.RecordID || a.Label != b.Label || a.Reason != b.Reason || !slices.Equal(a.Fields, b.Fields) {
			t.Errorf("record %d: %+v, want %+v", i, b, a)
		}
	}
	if got := ParseLeft("x", "garbage;a:b;:1:::r;%zz:1:::r"); len(got) != 1 || got[0].RecordType != "%zz" {
		t.Errorf("malformed records: %+v", got)
	}
	if !in[0].Matches(Entry{System: "woocommerce", RecordType: retention.TechnicalData, RecordID: "41"}) || in[0].Matches(Entry{System: "woocommerce", RecordType: retention.Invoice, RecordID: "41"}) {
		t.Error("Matches")
	}
}
