package mail

import (
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/plan"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
)

func pday(s string) *gdpr.Date { d := gdpr.MustParseDate(s); return &d }

const invoiceRef = "§14b(1) UStG; §147(1) Nr. 4, (3) AO; §257(1) Nr. 4, (4) HGB — 8 years from the end of the calendar year " +
	"(Bürokratieentlastungsgesetz IV, in force 1 Jan 2025; the 8 years apply to every document whose previous 10-year period had not expired on 1 Jan 2025, " +
	"Art. 97 §19a EGAO; evaluated as of a day before 1 Jan 2025: 10 years)"

const invoiceCite = "§14b(1) UStG; §147(1) Nr. 4, (3) AO; §257(1) Nr. 4, (4) HGB"

func entry(rt retention.RecordType, action retention.Action, opts ...func(*plan.Entry)) plan.Entry {
	e := plan.Entry{System: "shopify", RecordType: rt, RecordID: "x", Action: action, KeepFields: []string{}, EraseFields: []string{}}
	for _, o := range opts {
		o(&e)
	}
	return e
}

func until(d string) func(*plan.Entry) { return func(e *plan.Entry) { e.RetainUntil = pday(d) } }
func ref(r string) func(*plan.Entry)   { return func(e *plan.Entry) { e.LegalReference = r } }
func keep(f ...string) func(*plan.Entry) {
	return func(e *plan.Entry) { e.KeepFields = f }
}
func held(e *plan.Entry) { e.LegalHold = true }
func deferUntil(d string) func(*plan.Entry) {
	return func(e *plan.Entry) { e.DeferUntil = pday(d) }
}

func TestSummarizePlan(t *testing.T) {
	rows := []struct {
		name    string
		entries []plan.Entry
		want    ErasureSummary
	}{
		{"empty plan", nil, ErasureSummary{}},
		{"erased only, counted by type in rule order", []plan.Entry{
			entry(retention.TechnicalData, retention.ActionErase), entry(retention.CustomerAccount, retention.ActionErase),
			entry(retention.TechnicalData, retention.ActionErase), entry(retention.Invoice, retention.ActionErase, until("2023-12-31")),
		}, ErasureSummary{Erased: []RecordCount{{"invoice", 1}, {"customer_account", 1}, {"technical_data", 2}}}},
		{"kept invoices of one year grouped, fields united and sorted", []plan.Entry{
			entry(retention.Invoice, retention.ActionRetain, until("2032-12-31"), ref(invoiceRef), keep("invoice_number", "buyer_name")),
			entry(retention.Invoice, retention.ActionRetain, until("2032-12-31"), ref(invoiceRef), keep("line_items", "buyer_name")),
		}, ErasureSummary{Kept: []KeptRecords{
			{RecordType: "invoice", Count: 2, LegalReference: invoiceCite, RetainUntil: *pday("2032-12-31"), Fields: []string{"buyer_name", "invoice_number", "line_items"}},
		}}},
		{"kept invoices of several years: one group by type, from the earliest to the latest day", []plan.Entry{
			entry(retention.Invoice, retention.ActionRetain, until("2033-12-31"), ref(invoiceRef), keep("invoice_number")),
			entry(retention.Invoice, retention.ActionRetain, until("2032-12-31"), ref(invoiceRef), keep("invoice_number")),
			entry(retention.Invoice, retention.ActionRetain, until("2034-12-31"), ref(invoiceRef), keep("invoice_number", "line_items")),
			entry(retention.Invoice, retention.ActionRetain, until("2033-12-31"), ref(invoiceRef), keep("invoice_number")),
		}, ErasureSummary{Kept: []KeptRecords{
			{RecordType: "invoice", Count: 4, LegalReference: invoiceCite, From: *pday("2032-12-31"), RetainUntil: *pday("2034-12-31"), Fields: []string{"invoice_number", "line_items"}},
		}}},
		{"an override's note does not split a group by reference", []plan.Entry{
			entry(retention.Invoice, retention.ActionRetain, until("2036-12-31"), ref(invoiceRef+"; period lengthened to 10 years by Steuerberaterin M. on 2026-01-05: Betriebsprüfung")),
			entry(retention.Invoice, retention.ActionRetain, until("2036-12-31"), ref(invoiceRef)),
		}, ErasureSummary{Kept: []KeptRecords{
			{RecordType: "invoice", Count: 2, LegalReference: invoiceCite, RetainUntil: *pday("2036-12-31"), Fields: []string{}},
		}}},
		{"legal hold: no date, its criterion, its provisions cited", []plan.Entry{
			entry(retention.Invoice, retention.ActionRetain, until("2022-12-31"), held, keep("email", "invoice_number"),
				ref(invoiceRef+"; legal hold: §147(3) AO (the period does not end while the documents matter for an open tax assessment); Art. 17(3)(e) GDPR (legal claims)")),
			entry(retention.Invoice, retention.ActionRetain, until("2032-12-31"), ref(invoiceRef), keep("invoice_number")),
		}, ErasureSummary{Kept: []KeptRecords{
			{RecordType: "invoice", Count: 1, LegalReference: invoiceCite, RetainUntil: *pday("2032-12-31"), Fields: []string{"invoice_number"}},
			{RecordType: "invoice", Count: 1, LegalReference: invoiceCite + "; §147(3) AO; Art. 17(3)(e) GDPR", Criterion: CriterionLegalHold, Fields: []string{"email", "invoice_number"}},
		}}},
		{"undated records: the criterion by type", []plan.Entry{
			entry(retention.DeliveryNote, retention.ActionRetain, ref("§147(3) AO — a delivery note that is not a voucher is kept only until the invoice is issued")),
			entry(retention.WarrantyData, retention.ActionRetain, ref("§438(1) Nr. 3 BGB; §475e BGB; Art. 17(3)(e) GDPR — 2 years from delivery")),
			entry(retention.PaymentRecord, retention.ActionRetain, ref("§147(1) Nr. 4 AO; §257(1) Nr. 4 HGB")),
			entry("gift_card", retention.ActionRetain, ref("none")),
		}, ErasureSummary{Kept: []KeptRecords{
			{RecordType: "payment_record", Count: 1, LegalReference: "§147(1) Nr. 4 AO; §257(1) Nr. 4 HGB", Criterion: CriterionDocumentUndated, Fields: []string{}},
			{RecordType: "delivery_note", Count: 1, LegalReference: "§147(3) AO", Criterion: CriterionUntilInvoice, Fields: []string{}},
			{RecordType: "warranty_data", Count: 1, LegalReference: "§438(1) Nr. 3 BGB; §475e BGB; Art. 17(3)(e) GDPR", Criterion: CriterionDeliveryUnknown, Fields: []string{}},
			{RecordType: "gift_card", Count: 1, LegalReference: "none", Criterion: CriterionUnknown, Fields: []string{}},
		}}},
		{"deferred by type and reason", []plan.Entry{
			entry(retention.OpenOrder, retention.ActionDefer), entry(retention.OpenOrder, retention.ActionDefer),
			entry(retention.Invoice, retention.ActionDefer, held), entry(retention.OpenOrder, retention.ActionDefer, held),
		}, ErasureSummary{Deferred: []DeferredRecords{
			{"invoice", 1, ReasonContractLegalHold, gdpr.Date{}}, {"open_order", 2, ReasonContract, gdpr.Date{}}, {"open_order", 1, ReasonContractLegalHold, gdpr.Date{}},
		}}},
		{"deferred: the latest day a claim can exist, when every record has one", []plan.Entry{
			entry(retention.OpenOrder, retention.ActionDefer, deferUntil("2028-12-31")), entry(retention.OpenOrder, retention.ActionDefer, deferUntil("2029-12-31")),
			entry(retention.OrderConfirmation, retention.ActionDefer, deferUntil("2029-12-31")), entry(retention.OrderConfirmation, retention.ActionDefer),
		}, ErasureSummary{Deferred: []DeferredRecords{
			{"order_confirmation", 2, ReasonContract, gdpr.Date{}}, {"open_order", 2, ReasonContract, *pday("2029-12-31")},
		}}},
		{"an unknown action is reported as kept, never as erased", []plan.Entry{
			entry(retention.CustomerAccount, "archive", ref("Art. 17(1) GDPR")),
		}, ErasureSummary{Kept: []KeptRecords{{RecordType: "customer_account", Count: 1, LegalReference: "Art. 17(1) GDPR", Criterion: CriterionUnknown, Fields: []string{}}}}},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			got := SummarizePlan(row.entries)
			if !reflect.DeepEqual(got, row.want) {
				t.Fatalf("got  %+v\nwant %+v", got, row.want)
			}
			if got.Full() != (len(row.want.Kept) == 0 && len(row.want.Deferred) == 0) {
				t.Fatalf("Full() = %v", got.Full())
			}
		})
	}
}

// The real planner's output, end to end: the example of the rules core.
func TestSummarizePlanOfTheRulesCore(t *testing.T) {
	items := []gdpr.Item{
		{System: "shopify", RecordType: retention.Invoice, RecordID: "inv-2024", Date: gdpr.MustParseDate("2024-03-15"),
			Fields: map[string]any{"invoice_number": "2024-001", "buyer_name": "E. Muster", "email": "e@example.org"}},
		{System: "shopify", RecordType: retention.Invoice, RecordID: "inv-2025", Date: gdpr.MustParseDate("2025-06-01"),
			Fields: map[string]any{"invoice_number": "2025-7", "line_items": []any{}}},
		{System: "shopify", RecordType: retention.Invoice, RecordID: "inv-2013", Date: gdpr.MustParseDate("2013-06-01")},
		{System: "shopify", RecordType: retention.CustomerAccount, RecordID: "cust-1", Fields: map[string]any{"email": "e@example.org"}},
		{System: "shopify", RecordType: retention.OpenOrder, RecordID: "ord-9", Open: true},
		{System: "lethe", RecordType: retention.RequestRecord, RecordID: "req-1", Date: gdpr.MustParseDate("2026-11-28"),
			Fields: map[string]any{"subject_hash": "h", "request_type": "erasure", "email": "e@example.org"}},
	}
	entries, err := plan.Plan(items, gdpr.MustParseDate("2026-11-28"), retention.DE())
	if err != nil {
		t.Fatal(err)
	}
	got := SummarizePlan(entries)
	want := ErasureSummary{
		Erased: []RecordCount{{"invoice", 1}, {"customer_account", 1}},
		Kept: []KeptRecords{
			{RecordType: "invoice", Count: 2, LegalReference: invoiceCite, From: *pday("2032-12-31"), RetainUntil: *pday("2033-12-31"), Fields: []string{"buyer_name", "invoice_number", "line_items"}},
			{RecordType: "request_record", Count: 1, LegalReference: "Art. 5(2), 12 GDPR", RetainUntil: *pday("2029-12-31"), Fields: []string{"request_type", "subject_hash"}},
		},
		Deferred: []DeferredRecords{{"open_order", 1, ReasonContract, gdpr.Date{}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got  %+v\nwant %+v", got, want)
	}
}

// Every reference of both rule sets reduces to provisions only, and reads
// as German citations in German.
func TestCitationOfEveryRule(t *testing.T) {
	clean := regexp.MustCompile(`^(§|Art\. )[§0-9A-Za-z .,;()]+$`)
	words := regexp.MustCompile(`\b(years?|policy|legal|hold|from|the|until|kept|contents|consent|warranty|accountability)\b`)
	for _, set := range []retention.Set{retention.DE(), retention.AT()} {
		for _, rt := range retention.RecordTypes() {
			rule, err := set.Rule(rt)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range []string{rule.LegalReference, rule.LegalReference + "; legal hold: §132(1) BAO (kept as long as the documents matter for pending tax proceedings); Art. 17(3)(e) GDPR (legal claims)"} {
				c := retention.Provisions(r)
				if !clean.MatchString(c) || words.MatchString(c) || strings.Contains(c, "—") {
					t.Errorf("%s: Provisions(%q) = %q", rt, r, c)
				}
				de := citationIn("de", c)
				if strings.Contains(de, "GDPR") || regexp.MustCompile(`\(\d|\([a-z]\)`).MatchString(de) {
					t.Errorf("%s: German citation %q", rt, de)
				}
			}
		}
	}
	for _, c := range []struct{ in, de string }{
		{invoiceRef, "§ 14b Abs. 1 UStG; § 147 Abs. 1 Nr. 4, Abs. 3 AO; § 257 Abs. 1 Nr. 4, Abs. 4 HGB"},
		{"§§195, 199(1) BGB (regular limitation)", "§§ 195, 199 Abs. 1 BGB"},
		{"Art. 5(2), 12 GDPR (accountability: the controller must be able to show that and when it handled a request); policy, not law: 3 years", "Art. 5 Abs. 2, 12 DSGVO"},
		{"Art. 7(3), 17(1)(b) GDPR — consent withdrawn; no retention duty", "Art. 7 Abs. 3, 17 Abs. 1 lit. b DSGVO"},
		{"§132(1) BAO; §212(1) UGB — 7 years from the end of the calendar year (invoice contents: §11(1) UStG 1994)", "§ 132 Abs. 1 BAO; § 212 Abs. 1 UGB"},
		{"Art. 7(1) GDPR (the controller must prove consent); policy, not law: 3 years", "Art. 7 Abs. 1 DSGVO"},
		{"kept by agreement", "kept by agreement"},
	} {
		if got := citationIn("de", retention.Provisions(c.in)); got != c.de {
			t.Errorf("%q → %q, want %q", c.in, got, c.de)
		}
	}
}

// Every record type and every field a rule keeps has a name in both
// languages: no "buyer_vat_id" reaches a customer.
func TestErasureLabelsCoverTheRules(t *testing.T) {
	for _, rt := range retention.RecordTypes() {
		if _, ok := recordTypeNames[string(rt)]; !ok {
			t.Errorf("record type %s has no name", rt)
		}
	}
	for _, set := range []retention.Set{retention.DE(), retention.AT()} {
		for _, rt := range retention.RecordTypes() {
			rule, _ := set.Rule(rt)
			if rule.Action == retention.ActionRetain {
				if _, ok := keptWhy[string(rt)]; !ok {
					t.Errorf("retained record type %s has no reason in words", rt)
				}
			}
			for _, f := range rule.KeepFields {
				if _, ok := fieldNames[f]; !ok {
					t.Errorf("%s keeps field %s, which has no name", rt, f)
				}
			}
		}
	}
	for _, k := range []string{CriterionLegalHold, CriterionUntilInvoice, CriterionDeliveryUnknown, CriterionDocumentUndated, CriterionUnknown} {
		if _, ok := criterionTexts[k]; !ok {
			t.Errorf("criterion %s has no text", k)
		}
	}
	for _, k := range []string{ReasonContract, ReasonContractLegalHold} {
		if _, ok := reasonTexts[k]; !ok {
			t.Errorf("reason %s has no text", k)
		}
	}
	if got := named(fieldNames, "gift_card_code", "de"); got != "gift card code" {
		t.Errorf("unknown field: %q", got)
	}
}
