package retention

import (
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
)

// FuzzRetainUntil checks the period arithmetic: no panic; year-end rules end
// on 31 Dec of document year + period (8 or, before 2025, 10 years for
// invoices), never before the document; delivery rules end on the same day
// (or the month's last day) 2 years later.
func FuzzRetainUntil(f *testing.F) {
	f.Add(2024, 3, 15, 2026, 11, 28)
	f.Add(2016, 5, 1, 2025, 1, 2)
	f.Add(2024, 2, 29, 2026, 1, 1)
	f.Add(1, 1, 1, 9999, 12, 31)
	f.Add(9999, 12, 31, 1, 1, 1)
	inv, _ := DE().Rule(Invoice)
	war, _ := DE().Rule(WarrantyData)
	atWar, _ := AT().Rule(WarrantyData)
	f.Fuzz(func(t *testing.T, y, m, d, ty, tm, td int) {
		doc, err1 := gdpr.NewDate(y, time.Month(m), d)
		today, err2 := gdpr.NewDate(ty, time.Month(tm), td)
		if err1 != nil || err2 != nil {
			return
		}
		dec, err := Evaluate(inv, gdpr.Item{RecordType: Invoice, Date: doc}, today)
		if err != nil || dec.RetainUntil == nil {
			t.Fatalf("invoice %s: %v %+v", doc, err, dec)
		}
		end := *dec.RetainUntil
		if end.Month() != time.December || end.Day() != 31 || !end.After(doc) {
			t.Fatalf("invoice %s as of %s: retain until %s", doc, today, end)
		}
		if n := end.Year() - doc.Year(); n != 8 && n != 9 && n != 10 {
			t.Fatalf("invoice %s as of %s: %d years", doc, today, n)
		}
		if (dec.Action == ActionErase) != today.After(end) {
			t.Fatalf("invoice %s as of %s: %s with end %s", doc, today, dec.Action, end)
		}
		for _, r := range []Rule{war, atWar} {
			dec, err = Evaluate(r, gdpr.Item{RecordType: WarrantyData, Delivered: &doc}, today)
			if err != nil || dec.RetainUntil == nil {
				t.Fatalf("warranty %s: %v", doc, err)
			}
			want := doc.AddMonths(r.Period.months())
			if got := *dec.RetainUntil; got != want || got.Day() > doc.Day() || !got.After(doc) {
				t.Fatalf("warranty delivered %s: until %s, want %s", doc, got, want)
			}
		}
	})
}
