package plan

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
)

var today = gdpr.MustParseDate("2026-11-28")

func items() []gdpr.Item {
	return []gdpr.Item{
		{System: "shopify", RecordType: retention.Invoice, RecordID: "inv-2024", Date: gdpr.MustParseDate("2024-03-15"),
			Fields: map[string]any{"invoice_number": "2024-001", "buyer_name": "E. Muster", "buyer_address": "Weg 1, Berlin",
				"email": "e@example.org", "phone": "+49 30 1", "line_items": []any{}, "accepts_marketing": true}},
		{System: "shopify", RecordType: retention.CustomerAccount, RecordID: "cust-1",
			Fields: map[string]any{"email": "e@example.org", "birthday": "1980-01-01", "tags": "vip"}},
		{System: "shopify", RecordType: retention.Invoice, RecordID: "inv-2013", Date: gdpr.MustParseDate("2013-06-01"),
			Fields: map[string]any{"invoice_number": "2013-9", "buyer_name": "E. Muster"}},
		{System: "lethe", RecordType: retention.TechnicalData, RecordID: "req-1", Fields: map[string]any{"ip_address": "192.0.2.1"}},
		{System: "shopify", RecordType: retention.OpenOrder, RecordID: "ord-9", Open: true,
			Fields: map[string]any{"shipping_address": "Weg 1", "email": "e@example.org"}},
		{System: "woocommerce", RecordType: retention.Invoice, RecordID: "inv-2012", Date: gdpr.MustParseDate("2012-01-01"),
			LegalHold: true, HoldReason: "Betriebsprüfung", Fields: map[string]any{"invoice_number": "12", "email": "e@example.org"}},
	}
}

func TestPlan(t *testing.T) {
	got, err := Plan(items(), today, retention.DE())
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		system, id string
		action     retention.Action
		until      string
		keep       []string
		erase      []string
		why        string
	}{
		{"lethe", "req-1", retention.ActionErase, "", []string{}, []string{"ip_address"}, "technical data: no duty"},
		{"shopify", "cust-1", retention.ActionErase, "", []string{}, []string{"birthday", "email", "tags"}, "account data: no duty"},
		{"shopify", "inv-2013", retention.ActionErase, "2023-12-31", []string{}, []string{"buyer_name", "invoice_number"}, "period ran out: erased"},
		{"shopify", "inv-2024", retention.ActionRetain, "2032-12-31",
			[]string{"buyer_address", "buyer_name", "invoice_number", "line_items"},
			[]string{"accepts_marketing", "email", "phone"}, "§14(4) UStG contents kept, the rest erased"},
		{"shopify", "ord-9", retention.ActionDefer, "", []string{"email", "shipping_address"}, []string{}, "open order: all kept"},
		{"woocommerce", "inv-2012", retention.ActionRetain, "2022-12-31", []string{"email", "invoice_number"}, []string{}, "legal hold: everything kept"},
	}
	if len(got) != len(want) {
		t.Fatalf("%d entries, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		until := ""
		if g.RetainUntil != nil {
			until = g.RetainUntil.String()
		}
		if g.System != w.system || g.RecordID != w.id || g.Action != w.action || until != w.until ||
			!slices.Equal(g.KeepFields, w.keep) || !slices.Equal(g.EraseFields, w.erase) {
			t.Errorf("entry %d = %+v\nwant %+v (%s)", i, g, w, w.why)
		}
		if g.LegalReference == "" || g.Reason == "" {
			t.Errorf("entry %d lacks reference or reason", i)
		}
	}
	if hold := got[5]; !hold.LegalHold || !strings.Contains(hold.Reason, "legal hold") {
		t.Errorf("hold entry must say so: %+v", hold)
	}
}

func TestPlanJSON(t *testing.T) {
	got, err := Plan(items()[:2], today, retention.DE())
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(got)
	for _, key := range []string{`"system":`, `"record_type":`, `"record_id":`, `"action":`, `"retain_until":null`,
		`"retain_until":"2032-12-31"`, `"legal_reference":`, `"keep_fields":[]`, `"erase_fields":[`, `"reason":`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("JSON lacks %s: %s", key, b)
		}
	}
}

func TestPlanDeterministic(t *testing.T) {
	a, _ := Plan(items(), today, retention.DE())
	rev := items()
	slices.Reverse(rev)
	b, _ := Plan(rev, today, retention.DE())
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	if string(ja) != string(jb) {
		t.Error("plan depends on the order of the items")
	}
}

func TestPlanErrors(t *testing.T) {
	bad := []gdpr.Item{{System: "shopify", RecordType: "receipt", RecordID: "x"}}
	if _, err := Plan(bad, today, retention.DE()); !errors.Is(err, retention.ErrUnknownRecordType) {
		t.Errorf("unknown record type: %v", err)
	}
	short := retention.Override{RecordType: retention.Invoice, Period: retention.Period{Years: 5}, By: "x", Reason: "y", At: time.Now()}
	if _, err := Plan(items(), today, retention.DE(), short); !errors.Is(err, retention.ErrOverrideShorter) {
		t.Errorf("short override: %v", err)
	}
	long := retention.Override{RecordType: retention.Invoice, Period: retention.Period{Years: 10}, By: "StB", Reason: "Prüfung", At: time.Now()}
	got, err := Plan(items()[:1], today, retention.DE(), long)
	if err != nil || got[0].RetainUntil.String() != "2034-12-31" || !strings.Contains(got[0].LegalReference, "StB") {
		t.Errorf("override: %+v %v", got, err)
	}
	if got, err := Plan(nil, today, retention.DE()); err != nil || len(got) != 0 {
		t.Errorf("no items: %v %v", got, err)
	}
}
