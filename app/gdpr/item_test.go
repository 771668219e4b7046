package gdpr

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestItemJSON(t *testing.T) {
	delivered := MustParseDate("2024-03-20")
	in := Item{
		System: "shopify", RecordType: "invoice", RecordID: "gid://shopify/Order/1",
		Fields: map[string]any{"invoice_number": "2024-001", "net_amounts": "100.00"},
		Date:   MustParseDate("2024-03-15"), Delivered: &delivered, LegalHold: true, HoldReason: "audit",
	}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"system":"shopify","record_type":"invoice","record_id":"gid://shopify/Order/1","fields":{"invoice_number":"2024-001","net_amounts":"100.00"},"date":"2024-03-15","delivered":"2024-03-20","legal_hold":true,"hold_reason":"audit"}`
	if string(b) != want {
		t.Errorf("JSON\n got %s\nwant %s", b, want)
	}
	var out Item
	if err := json.Unmarshal(b, &out); err != nil || !reflect.DeepEqual(in, out) {
		t.Errorf("round trip: %+v %v", out, err)
	}
}
