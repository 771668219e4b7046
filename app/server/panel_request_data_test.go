package server

import (
	"fmt"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/report"
)

// The data found is summarised per document type: a customer with many
// orders gets one row per type with its count and the range of its dates
// and storage ends, not a row per record; a type with few records names
// them. The laws its records cite are named once, not once per record.
func TestGroupItemsSummarisesPerType(t *testing.T) {
	var items []report.Item
	for i := range 12 {
		d := gdpr.MustDate(2020+i%6, time.March, 1+i)
		until := gdpr.MustDate(2030+i%6, time.December, 31)
		items = append(items, report.Item{System: "shopify", Category: "invoice_data", RecordType: "invoice", RecordID: fmt.Sprintf("inv-%d", i),
			Date: &d, Purposes: []string{"contract"}, LegalBasis: "Art. 6(1)(c) GDPR",
			Storage: report.Storage{Until: &until, LegalReference: "§147(1) Nr. 4 AO; §257(1) Nr. 4 HGB"}})
	}
	items = append(items, report.Item{System: "shopify", Category: "contact_data", RecordType: "customer", RecordID: "cust-1",
		Purposes: []string{"contract"}, LegalBasis: "Art. 6(1)(b) GDPR", Storage: report.Storage{Criteria: "until you ask"}})
	for _, tc := range []struct {
		l                         lang
		invoiceBasis, untilFirst  string
		customerBasis, invoiceRef string
	}{
		{langDE, "Art. 6 Abs. 1 lit. c DSGVO", "31. Dezember 2030", "Art. 6 Abs. 1 lit. b DSGVO", "§ 147 Abs. 1 Nr. 4 AO; § 257 Abs. 1 Nr. 4 HGB"},
		{langEN, "Art. 6(1)(c) GDPR", "31 December 2030", "Art. 6(1)(b) GDPR", "§ 147(1) Nr. 4 AO; § 257(1) Nr. 4 HGB"},
	} {
		groups := groupItems(items, tc.l)
		if len(groups) != 2 {
			t.Fatalf("%s: %d groups, want 2", tc.l, len(groups))
		}
		var inv, cust *dataType
		for gi := range groups {
			for ti := range groups[gi].Types {
				switch ty := &groups[gi].Types[ti]; ty.Count {
				case 12:
					inv = ty
				case 1:
					cust = ty
				}
			}
		}
		if inv == nil || cust == nil {
			t.Fatalf("%s: types %+v", tc.l, groups)
		}
		if inv.Records != nil || len(cust.Records) != 1 || cust.Records[0] != "cust-1" {
			t.Errorf("%s: records listed %v / %v: only a type with few records names them", tc.l, inv.Records, cust.Records)
		}
		if inv.From.Year() != 2020 || inv.To.Year() != 2025 || inv.StorageFrom.Year() != 2030 || inv.StorageTo.Year() != 2035 {
			t.Errorf("%s: ranges %v–%v, storage %v–%v", tc.l, inv.From, inv.To, inv.StorageFrom, inv.StorageTo)
		}
		if inv.LegalBasis != tc.invoiceBasis || cust.LegalBasis != tc.customerBasis || inv.Reference != tc.invoiceRef {
			t.Errorf("%s: basis %q / %q, reference %q", tc.l, inv.LegalBasis, cust.LegalBasis, inv.Reference)
		}
		if got := panelFuncs["date"].(func(lang, time.Time) string)(tc.l, inv.StorageFrom); got != tc.untilFirst {
			t.Errorf("%s: storage from %q, want %q", tc.l, got, tc.untilFirst)
		}
		if cust.StorageText != "until you ask" || !cust.StorageTo.IsZero() {
			t.Errorf("%s: customer storage %q %v", tc.l, cust.StorageText, cust.StorageTo)
		}
	}
}

// The cache keeps the most recent summaries and forgets the oldest.
func TestFoundCacheEvictsTheLeastRecent(t *testing.T) {
	c := newFoundCache(2)
	k := func(id int64) foundKey { return foundKey{shop: 1, request: id, stamp: 7, lang: langDE} }
	c.put(k(1), found{Groups: []dataGroup{{System: "a"}}})
	c.put(k(2), found{Groups: []dataGroup{{System: "b"}}})
	if _, ok := c.get(k(1)); !ok { // 1 is now the most recent
		t.Fatal("1 missing")
	}
	c.put(k(3), found{})
	if _, ok := c.get(k(2)); ok {
		t.Error("2 should have been evicted")
	}
	if f, ok := c.get(k(1)); !ok || f.Groups[0].System != "a" {
		t.Errorf("1: %v %v", f, ok)
	}
	if _, ok := c.get(foundKey{shop: 1, request: 1, stamp: 8, lang: langDE}); ok {
		t.Error("a rebuilt report (new stamp) must not find the old summary")
	}
}
