package retention

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
)

type itemOpt func(*gdpr.Item)

func delivered(s string) itemOpt {
	return func(i *gdpr.Item) { d := gdpr.MustParseDate(s); i.Delivered = &d }
}
func invoiced(s string) itemOpt {
	return func(i *gdpr.Item) { d := gdpr.MustParseDate(s); i.Invoiced = &d }
}
func consentEnded(s string) itemOpt {
	return func(i *gdpr.Item) { d := gdpr.MustParseDate(s); i.ConsentEnded = &d }
}
func open(i *gdpr.Item) { i.Open = true }
func hold(i *gdpr.Item) { i.LegalHold, i.HoldReason = true, "tax audit 2019-2021" }

func item(rt RecordType, date string, opts ...itemOpt) gdpr.Item {
	it := gdpr.Item{System: "shopify", RecordType: rt, RecordID: "1"}
	if date != "" {
		it.Date = gdpr.MustParseDate(date)
	}
	for _, o := range opts {
		o(&it)
	}
	return it
}

var adviserAt = time.Date(2026, 2, 1, 10, 0, 0, 0, time.UTC)

func override(rt RecordType, years int) Override {
	return Override{RecordType: rt, Period: Period{Years: years}, By: "Steuerberaterin M.", Reason: "Betriebsprüfung erwartet", At: adviserAt}
}

// retentionRows: expectations worked out by hand from law-de-eu.md (period
// from 31 Dec of the document's year, kept through 31 Dec of the final year).
var retentionRows = []struct {
	country   string
	item      gdpr.Item
	today     string
	overrides []Override
	action    Action
	until     string // "" = nil
	err       error
	why       string
}{
	// DE invoices and the 2025 change.
	{"DE", item(Invoice, "2026-03-15"), "2026-11-28", nil, ActionRetain, "2034-12-31", nil, "8 years from 31 Dec 2026 (law-de-eu.md example)"},
	{"DE", item(Invoice, "2024-03-15"), "2026-11-28", nil, ActionRetain, "2032-12-31", nil, "8 years from 31 Dec 2024 (issue example)"},
	{"DE", item(Invoice, "2024-03-15"), "2024-06-01", nil, ActionRetain, "2034-12-31", nil, "as of 2024 the old 10-year rule applied"},
	{"DE", item(Invoice, "2016-05-01"), "2025-01-02", nil, ActionErase, "2024-12-31", nil, "old period (to 2026) not expired on 1 Jan 2025 → 8 years → deletable from 2025"},
	{"DE", item(Invoice, "2016-05-01"), "2024-12-31", nil, ActionRetain, "2026-12-31", nil, "on 31 Dec 2024 the 10-year rule still applied"},
	{"DE", item(Invoice, "2015-07-01"), "2026-01-10", nil, ActionErase, "2024-12-31", nil, "8 years would end 2023, but the 10-year duty ran until 31 Dec 2024"},
	{"DE", item(Invoice, "2014-02-01"), "2026-01-10", nil, ActionErase, "2024-12-31", nil, "10-year period had expired (end of 2024) before the change"},
	{"DE", item(Invoice, "2013-02-01"), "2026-01-10", nil, ActionErase, "2023-12-31", nil, "10-year period ended 2023"},
	{"DE", item(Invoice, "2017-12-31"), "2025-12-31", nil, ActionRetain, "2025-12-31", nil, "last day of the 8-year period: still kept"},
	{"DE", item(Invoice, "2017-12-31"), "2026-01-01", nil, ActionErase, "2025-12-31", nil, "deletable from 1 Jan after the final year"},
	{"DE", item(Invoice, ""), "2026-11-28", nil, ActionRetain, "", nil, "no document date: kept, criterion stated (safe)"},
	{"DE", item(Invoice, "2010-01-01", hold), "2026-11-28", nil, ActionRetain, "2020-12-31", nil, "legal hold blocks erasure although the period ran out (§147(3) AO)"},
	{"DE", item(Invoice, "2020-04-01"), "2026-11-28", []Override{override(Invoice, 10)}, ActionRetain, "2030-12-31", nil, "tax adviser's 10-year override lengthens"},
	{"DE", item(Invoice, "2020-04-01"), "2026-11-28", []Override{override(Invoice, 6)}, "", "", ErrOverrideShorter, "6 years is below the 8-year minimum"},
	{"DE", item(Invoice, "2026-03-15", open), "2026-03-20", nil, ActionDefer, "", nil, "unpaid order: contract still being performed"},
	{"DE", item(Invoice, "2020-04-01"), "2026-11-28", []Override{override(CreditNote, 12)}, ActionRetain, "2028-12-31", nil, "an override for another type does not apply"},

	// DE credit notes, payment records.
	{"DE", item(CreditNote, "2019-06-30"), "2026-01-01", nil, ActionRetain, "2027-12-31", nil, "8 years from end of 2019"},
	{"DE", item(CreditNote, "2017-01-10"), "2026-03-01", nil, ActionErase, "2025-12-31", nil, "8 years from end of 2017 ran out"},
	{"DE", item(CreditNote, "2018-01-10"), "2024-02-01", nil, ActionRetain, "2028-12-31", nil, "as of 2024: 10 years"},
	{"DE", item(PaymentRecord, "2025-12-31"), "2026-01-01", nil, ActionRetain, "2033-12-31", nil, "voucher of 2025: 8 years"},
	{"DE", item(PaymentRecord, "2016-12-31"), "2025-01-01", nil, ActionErase, "2024-12-31", nil, "vouchers of 2016 deletable from 2025 (law-de-eu.md)"},
	{"DE", item(PaymentRecord, "2020-01-01"), "2026-11-28", []Override{override(PaymentRecord, 12)}, ActionRetain, "2032-12-31", nil, "override to 12 years"},

	// DE business letters and books.
	{"DE", item(OrderConfirmation, "2020-05-05"), "2026-11-28", nil, ActionRetain, "2026-12-31", nil, "6 years from end of 2020"},
	{"DE", item(OrderConfirmation, "2019-05-05"), "2026-11-28", nil, ActionErase, "2025-12-31", nil, "6 years from end of 2019 ran out"},
	{"DE", item(OrderConfirmation, "2026-11-20", open), "2026-11-28", nil, ActionDefer, "", nil, "order unshipped: deferred"},
	{"DE", item(BusinessLetter, "2024-07-01"), "2026-11-28", nil, ActionRetain, "2030-12-31", nil, "withdrawal letter: 6 years"},
	{"DE", item(BusinessLetter, "2018-07-01"), "2025-01-01", nil, ActionErase, "2024-12-31", nil, "6 years from end of 2018 ran out"},
	{"DE", item(AccountingRecord, "2016-12-31"), "2026-11-28", nil, ActionRetain, "2026-12-31", nil, "books: 10 years, not shortened in 2025"},
	{"DE", item(AccountingRecord, "2015-12-31"), "2026-11-28", nil, ActionErase, "2025-12-31", nil, "books of 2015: 10 years ran out"},
	{"DE", item(AccountingRecord, "2014-03-01"), "2024-06-01", nil, ActionRetain, "2024-12-31", nil, "books of 2014 kept through 2024"},

	// DE delivery notes.
	{"DE", item(DeliveryNote, "2026-02-20", invoiced("2026-03-01")), "2026-11-28", nil, ActionErase, "2026-03-01", nil, "invoice issued: the delivery note's duty ended (§147(3) AO)"},
	{"DE", item(DeliveryNote, "2026-11-20"), "2026-11-28", nil, ActionRetain, "", nil, "no invoice yet: kept until it is issued"},
	{"DE", item(DeliveryNote, "2026-11-20", invoiced("2026-11-28")), "2026-11-28", nil, ActionRetain, "2026-11-28", nil, "invoice issued today: kept through today"},

	// DE data without a duty.
	{"DE", item(CustomerAccount, "2020-01-01"), "2026-11-28", nil, ActionErase, "", nil, "no retention duty for account data"},
	{"DE", item(CustomerAccount, "2020-01-01", hold), "2026-11-28", nil, ActionRetain, "", nil, "litigation hold keeps even data without a duty (Art. 17(3)(e))"},
	{"DE", item(CustomerAccount, ""), "2026-11-28", []Override{override(CustomerAccount, 2)}, "", "", ErrOverrideNoPeriod, "no duty a merchant could lengthen"},
	{"DE", item(TechnicalData, ""), "2026-11-28", nil, ActionErase, "", nil, "IP and user agent: no duty"},
	{"DE", item(NewsletterSubscription, "2024-01-01"), "2026-11-28", nil, ActionErase, "", nil, "consent withdrawn: no duty"},

	// DE contributions, internal notes and derived copies: no duty of their own.
	{"DE", item(ProductReview, "2024-05-01"), "2026-11-28", nil, ActionErase, "", nil, "a published review: consent withdrawn or objection, no duty (Art. 17(1)(b), (c))"},
	{"DE", item(ProductReview, "2026-11-20", open), "2026-11-28", nil, ActionErase, "", nil, "a review is no part of the order: never deferred with it"},
	{"DE", item(ProductReview, "2024-05-01", hold), "2026-11-28", nil, ActionRetain, "", nil, "litigation over the review (Art. 17(3)(e)): kept under the hold"},
	{"DE", item(ProductReview, ""), "2026-11-28", []Override{override(ProductReview, 2)}, "", "", ErrOverrideNoPeriod, "no period a merchant could lengthen"},
	{"DE", item(Comment, "2023-02-01"), "2026-11-28", nil, ActionErase, "", nil, "a blog comment: no duty"},
	{"DE", item(Comment, "2026-11-20", open), "2026-11-28", nil, ActionErase, "", nil, "a comment is never deferred with an order"},
	{"DE", item(OrderNote, "2025-02-01"), "2026-11-28", nil, ActionErase, "", nil, "an internal note is neither sent nor received: no business letter (§257(2) HGB), no duty"},
	{"DE", item(OrderNote, "2019-02-01"), "2026-11-28", nil, ActionErase, "", nil, "an old note: no duty ever kept it, so no end date"},
	{"DE", item(OrderNote, "2026-11-20", open), "2026-11-28", nil, ActionDefer, "", nil, "the staff's notes on a running order serve the contract (Art. 6(1)(b)): deferred with it"},
	{"DE", item(OrderNote, "2018-01-10", hold), "2026-11-28", nil, ActionRetain, "", nil, "tax audit hold (§147(3) AO) keeps the note as it is"},
	{"DE", item(AnalyticsRecord, "2026-10-01"), "2026-11-28", nil, ActionErase, "", nil, "a derived copy for reports: no duty"},
	{"DE", item(AnalyticsRecord, "2026-10-01", open), "2026-11-28", nil, ActionErase, "", nil, "the contract does not need the statistics: never deferred"},

	// DE consent proof (policy) and warranty.
	{"DE", item(MarketingConsentProof, "2023-01-01", consentEnded("2025-04-01")), "2026-11-28", nil, ActionRetain, "2028-12-31", nil, "policy: 3 years from end of 2025"},
	{"DE", item(MarketingConsentProof, "2019-01-01", consentEnded("2021-04-01")), "2026-11-28", nil, ActionErase, "2024-12-31", nil, "policy: 3 years from end of 2021 ran out"},
	{"DE", item(MarketingConsentProof, "2023-01-01"), "2026-11-28", nil, ActionRetain, "2029-12-31", nil, "consent ends with this request: 3 years from end of 2026"},
	{"DE", item(WarrantyData, "2024-03-15", delivered("2024-03-20")), "2026-03-20", nil, ActionRetain, "2026-03-20", nil, "2 years from delivery: last day"},
	{"DE", item(WarrantyData, "2024-03-15", delivered("2024-03-20")), "2026-03-21", nil, ActionErase, "2026-03-20", nil, "2 years from delivery ran out"},
	{"DE", item(WarrantyData, "2024-02-20", delivered("2024-02-29")), "2026-01-01", nil, ActionRetain, "2026-02-28", nil, "delivered on 29 Feb: ends 28 Feb (§188(3) BGB)"},
	{"DE", item(WarrantyData, "2026-11-01"), "2026-11-28", nil, ActionRetain, "", nil, "no delivery date yet: kept, criterion stated"},
	{"DE", item(OpenOrder, "2026-11-01"), "2026-11-28", nil, ActionDefer, "", nil, "open order: Art. 6(1)(b)"},
	{"DE", item(OpenOrder, "2026-11-01", hold), "2026-11-28", nil, ActionDefer, "", nil, "open order under hold: still deferred"},

	// DE request records (policy: accountability, Art. 5(2), 12 GDPR).
	{"DE", item(RequestRecord, "2026-03-02"), "2026-11-28", nil, ActionRetain, "2029-12-31", nil, "policy: 3 years from the end of the year the request was handled"},
	{"DE", item(RequestRecord, "2022-06-30"), "2025-12-31", nil, ActionRetain, "2025-12-31", nil, "request of 2022: last day is 31 Dec 2025"},
	{"DE", item(RequestRecord, "2022-06-30"), "2026-01-01", nil, ActionErase, "2025-12-31", nil, "request of 2022: deletable from 1 Jan 2026"},
	{"DE", item(RequestRecord, ""), "2026-11-28", nil, ActionRetain, "", nil, "no date: kept, criterion stated (safe)"},
	{"DE", item(RequestRecord, "2026-03-02"), "2026-11-28", []Override{override(RequestRecord, 5)}, ActionRetain, "2031-12-31", nil, "a policy period may be lengthened too"},
	{"DE", item(RequestRecord, "2026-03-02"), "2026-11-28", []Override{override(RequestRecord, 2)}, "", "", ErrOverrideShorter, "2 years is below the 3-year policy"},

	// Austria: 7 years (§132 BAO, §212 UGB), no 2025 transition.
	{"AT", item(Invoice, "2026-03-15"), "2026-11-28", nil, ActionRetain, "2033-12-31", nil, "7 years from end of 2026"},
	{"AT", item(Invoice, "2018-06-01"), "2026-01-01", nil, ActionErase, "2025-12-31", nil, "7 years from end of 2018 ran out"},
	{"AT", item(Invoice, "2019-06-01"), "2026-01-01", nil, ActionRetain, "2026-12-31", nil, "7 years from end of 2019"},
	{"AT", item(Invoice, "2016-06-01"), "2024-06-01", nil, ActionErase, "2023-12-31", nil, "no German transition in Austria"},
	{"AT", item(Invoice, "2018-06-01"), "2026-11-28", []Override{override(Invoice, 10)}, ActionRetain, "2028-12-31", nil, "override to 10 years"},
	{"AT", item(Invoice, "2018-06-01"), "2026-11-28", []Override{override(Invoice, 5)}, "", "", ErrOverrideShorter, "5 < 7 years"},
	{"AT", item(Invoice, "2010-06-01", hold), "2026-11-28", nil, ActionRetain, "2017-12-31", nil, "hold (§132(1) BAO pending proceedings)"},
	{"AT", item(CreditNote, "2019-02-01"), "2026-11-28", nil, ActionRetain, "2026-12-31", nil, "7 years"},
	{"AT", item(PaymentRecord, "2020-02-01"), "2026-11-28", nil, ActionRetain, "2027-12-31", nil, "7 years"},
	{"AT", item(OrderConfirmation, "2019-03-01"), "2026-11-28", nil, ActionRetain, "2026-12-31", nil, "§212 UGB business letters: 7 years"},
	{"AT", item(BusinessLetter, "2018-03-01"), "2026-11-28", nil, ActionErase, "2025-12-31", nil, "7 years ran out"},
	{"AT", item(AccountingRecord, "2020-12-31"), "2026-11-28", nil, ActionRetain, "2027-12-31", nil, "books: 7 years"},
	{"AT", item(DeliveryNote, "2022-02-02", invoiced("2022-02-10")), "2026-11-28", nil, ActionRetain, "2029-12-31", nil, "Austria: kept as a voucher, 7 years"},
	{"AT", item(WarrantyData, "2024-03-01", delivered("2024-03-20")), "2026-06-20", nil, ActionRetain, "2026-06-20", nil, "2 years + 3 months (§933 ABGB, §28 VGG)"},
	{"AT", item(WarrantyData, "2024-03-01", delivered("2024-03-20")), "2026-06-21", nil, ActionErase, "2026-06-20", nil, "ran out"},
	{"AT", item(WarrantyData, "2023-11-01", delivered("2023-11-30")), "2026-01-01", nil, ActionRetain, "2026-02-28", nil, "30 Nov + 2y3m: no 30 Feb → 28 Feb"},
	{"AT", item(CustomerAccount, ""), "2026-11-28", nil, ActionErase, "", nil, "no duty"},
	{"AT", item(TechnicalData, ""), "2026-11-28", nil, ActionErase, "", nil, "no duty"},
	{"AT", item(NewsletterSubscription, ""), "2026-11-28", nil, ActionErase, "", nil, "consent withdrawn"},
	{"AT", item(ProductReview, "2025-01-01"), "2026-11-28", nil, ActionErase, "", nil, "no duty"},
	{"AT", item(Comment, "2025-01-01"), "2026-11-28", nil, ActionErase, "", nil, "no duty"},
	{"AT", item(OrderNote, "2025-01-01"), "2026-11-28", nil, ActionErase, "", nil, "no business letter (§212 UGB): no duty"},
	{"AT", item(OrderNote, "2026-11-20", open), "2026-11-28", nil, ActionDefer, "", nil, "deferred with the running order"},
	{"AT", item(AnalyticsRecord, ""), "2026-11-28", nil, ActionErase, "", nil, "no duty"},
	{"AT", item(MarketingConsentProof, "", consentEnded("2025-04-01")), "2026-11-28", nil, ActionRetain, "2028-12-31", nil, "policy: 3 years"},
	{"AT", item(OpenOrder, "2026-11-01"), "2026-11-28", nil, ActionDefer, "", nil, "open order"},
	{"AT", item(RequestRecord, "2024-05-01"), "2026-11-28", nil, ActionRetain, "2027-12-31", nil, "policy: 3 years, as in Germany"},
	{"AT", item(RequestRecord, "2021-05-01"), "2026-11-28", nil, ActionErase, "2024-12-31", nil, "3 years from end of 2021 ran out"},
}

func TestEvaluate(t *testing.T) {
	if len(retentionRows) < 40 {
		t.Fatalf("want at least 40 rows, have %d", len(retentionRows))
	}
	for _, row := range retentionRows {
		t.Run(row.country+"/"+string(row.item.RecordType)+"/"+row.item.Date.String()+"/"+row.today, func(t *testing.T) {
			set, err := ForCountry(row.country)
			if err != nil {
				t.Fatal(err)
			}
			rule, err := set.Rule(row.item.RecordType)
			if err != nil {
				t.Fatal(err)
			}
			d, err := Evaluate(rule, row.item, gdpr.MustParseDate(row.today), row.overrides...)
			if row.err != nil {
				if !errors.Is(err, row.err) {
					t.Fatalf("err = %v, want %v (%s)", err, row.err, row.why)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			until := ""
			if d.RetainUntil != nil {
				until = d.RetainUntil.String()
			}
			if d.Action != row.action || until != row.until {
				t.Fatalf("got %s until %q, want %s until %q (%s); reason: %s", d.Action, until, row.action, row.until, row.why, d.Reason)
			}
			checkDecision(t, d, rule, row.item)
		})
	}
}

// checkDecision checks the invariants every decision keeps.
func checkDecision(t *testing.T, d Decision, rule Rule, it gdpr.Item) {
	t.Helper()
	if d.LegalReference == "" || d.Reason == "" {
		t.Errorf("decision without reference or reason: %+v", d)
	}
	switch {
	case it.LegalHold:
		if !d.LegalHold || !d.KeepAll || d.Action == ActionErase {
			t.Errorf("legal hold not kept: %+v", d)
		}
	case d.Action == ActionRetain && !slices.Equal(d.KeepFields, rule.KeepFields):
		t.Errorf("retain keeps %v, want the rule's %v", d.KeepFields, rule.KeepFields)
	case d.Action == ActionErase && len(d.KeepFields) != 0:
		t.Errorf("erase keeps %v", d.KeepFields)
	case d.Action == ActionDefer && !d.KeepAll:
		t.Errorf("defer does not keep all fields")
	}
	if d.Override != nil && !strings.Contains(d.LegalReference, d.Override.By) {
		t.Errorf("override not named in the reference: %s", d.LegalReference)
	}
}

func TestPurgeable(t *testing.T) {
	until := gdpr.MustParseDate("2032-12-31")
	tests := []struct {
		until *gdpr.Date
		hold  bool
		today string
		want  bool
		why   string
	}{
		{&until, false, "2032-12-31", false, "last day: still kept"},
		{&until, false, "2033-01-01", true, "deletable from the next day"},
		{&until, true, "2040-01-01", false, "legal hold blocks purging whatever the dates (§147(3) AO)"},
		{nil, false, "2040-01-01", false, "no end date: never purged automatically"},
	}
	for _, tt := range tests {
		if got := Purgeable(tt.until, tt.hold, gdpr.MustParseDate(tt.today)); got != tt.want {
			t.Errorf("Purgeable(%v, %v, %s) = %v, want %v (%s)", tt.until, tt.hold, tt.today, got, tt.want, tt.why)
		}
	}
}

// TestDeferredWithOrder: what waits with an order still being performed
// (Art. 6(1)(b) GDPR) and what does not.
func TestDeferredWithOrder(t *testing.T) {
	not := map[RecordType]string{
		TechnicalData:   "the contract does not need the checkout's IP address and user agent",
		ProductReview:   "a review is the person's publication, not part of the order",
		Comment:         "a comment belongs to no order",
		AnalyticsRecord: "a derived copy for reports; the contract does not need it",
	}
	for _, rt := range RecordTypes() {
		_, excluded := not[rt]
		if got := DeferredWithOrder(rt); got == excluded {
			t.Errorf("DeferredWithOrder(%s) = %v (%s)", rt, got, not[rt])
		}
	}
	if !DeferredWithOrder(OrderNote) || !DeferredWithOrder(OrderConfirmation) {
		t.Error("an order's documents and its staff notes wait with it")
	}
}

// TestNoDutyRulesOfTheNewTypes: reviews, comments, internal notes and
// analytics records are erased on request in both rule sets, citing the
// erasure ground and nothing that would keep them.
func TestNoDutyRulesOfTheNewTypes(t *testing.T) {
	for _, set := range []Set{DE(), AT()} {
		for rt, ref := range map[RecordType]string{
			ProductReview:   "Art. 17(1)(b), 17(1)(c) GDPR",
			Comment:         "Art. 17(1)(b), 17(1)(c) GDPR",
			OrderNote:       "Art. 17(1) GDPR",
			AnalyticsRecord: "Art. 17(1) GDPR",
		} {
			r, err := set.Rule(rt)
			if err != nil {
				t.Fatal(err)
			}
			if r.Action != ActionErase || r.Basis != BasisNone || r.Start != StartNone || !r.Period.IsZero() ||
				len(r.KeepFields) != 0 || Provisions(r.LegalReference) != ref || r.Note == "" {
				t.Errorf("%s %s: %+v; want erase, no basis, no period, reference %q, a note", set.Country, rt, r, ref)
			}
		}
	}
	if n, _ := DE().Rule(OrderNote); !strings.Contains(n.Note, "§257(1) Nr. 2, 3, (2) HGB") || !strings.Contains(n.Note, "business_letter") {
		t.Errorf("the order note's rule says why it is no business letter: %s", n.Note)
	}
}
