package server

import (
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	gclassify "github.com/lethe-gdpr/lethe/app/gdpr/classify"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/app/report"
)

// The data-found table's storage column shows, per record type, what
// classify gives and the answer's sentence says: a record no law requires
// keeping shows its criterion and the ground it is processed on, never the
// erasure article or "no retention duty"; an overdue record the duty to
// delete it; an invoice the tax laws.
func TestPanelStorageReferenceFollowsTheCriterion(t *testing.T) {
	today := gdpr.MustParseDate("2026-03-20")
	mk := func(rt retention.RecordType, id, date string, fields ...string) gdpr.Item {
		it := gdpr.Item{System: "shopify", RecordType: rt, RecordID: id, Fields: map[string]any{}}
		if date != "" {
			it.Date = gdpr.MustParseDate(date)
		}
		for _, f := range fields {
			it.Fields[f] = "x"
		}
		return it
	}
	entries, err := gclassify.Classify([]gdpr.Item{
		mk(retention.CustomerAccount, "cust-1", "", "email"),
		mk(retention.NewsletterSubscription, "nl-1", "2025-01-01", "email"),
		mk(retention.TechnicalData, "chk-1", "2026-03-01", "ip_address"),
		mk(retention.Invoice, "inv-2013", "2013-06-01", "invoice_number"),
		mk(retention.Invoice, "inv-2024", "2024-03-15", "invoice_number"),
	}, gclassify.Context{Today: today, Place: gdpr.Place{Country: gdpr.CountryDE, Region: "BY"}, Rules: retention.DE()})
	if err != nil {
		t.Fatal(err)
	}
	var items []report.Item
	for _, e := range entries {
		it := report.Item{System: e.Item.System, Category: e.Category, RecordType: string(e.Item.RecordType), RecordID: e.Item.RecordID,
			LegalBasis: e.LegalBasis, Storage: report.Storage{Criteria: e.Storage.Criteria, LegalReference: e.Storage.LegalReference, Until: e.Storage.Until},
			OverdueSince: e.OverdueSince, Texts: map[string]report.ItemText{}}
		for _, l := range report.Languages {
			it.Texts[l] = report.ItemText{Storage: gclassify.CriterionText(e.Criterion, l)}
		}
		items = append(items, it)
	}
	type want struct{ text, ref string }
	cases := map[lang]map[string][]want{
		langDE: {
			"customer_account":        {{"bis Sie Ihr Kundenkonto löschen oder uns um Löschung bitten", "Art. 6 Abs. 1 lit. b DSGVO"}},
			"newsletter_subscription": {{"bis Sie den Newsletter abbestellen oder Ihre Einwilligung widerrufen", "Art. 6 Abs. 1 lit. a"}},
			"technical_data":          {{"", "Art. 6 Abs. 1 lit. f DSGVO"}},
			"invoice":                 {{"", "§ 14b Abs. 1 UStG"}, {"", "Art. 5 Abs. 1 lit. e"}},
		},
		langEN: {
			"customer_account":        {{"until you delete your account or ask us to erase it", "Art. 6(1)(b) GDPR"}},
			"newsletter_subscription": {{"until you unsubscribe or withdraw your consent", "Art. 6(1)(a)"}},
			"technical_data":          {{"", "Art. 6(1)(f) GDPR"}},
			"invoice":                 {{"", "§ 14b(1) UStG"}, {"", "Art. 5(1)(e)"}},
		},
	}
	for l, byType := range cases {
		groups := groupItems(items, l)
		seen := map[string]bool{}
		for _, g := range groups {
			for _, ty := range g.Types {
				for rt, ws := range byType {
					if ty.RecordType != report.RecordTypeLabel(rt, string(l)) {
						continue
					}
					seen[rt] = true
					for _, w := range ws {
						if !strings.Contains(ty.StorageText, w.text) || !strings.Contains(ty.Reference, w.ref) {
							t.Errorf("%s %s: storage %q, reference %q; want %q and %q", l, rt, ty.StorageText, ty.Reference, w.text, w.ref)
						}
					}
				}
				for _, bad := range []string{"Art. 17 Abs. 1 DSGVO", "Art. 17(1) GDPR", "no retention duty", "keine Aufbewahrungspflicht", "until erasure", "evaluated"} {
					if strings.Contains(ty.Reference+ty.StorageText, bad) {
						t.Errorf("%s %s shows %q: %q / %q", l, ty.RecordType, bad, ty.StorageText, ty.Reference)
					}
				}
			}
		}
		if len(seen) != len(byType) {
			t.Errorf("%s: types seen %v", l, seen)
		}
	}
}
