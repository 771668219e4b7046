package plan

import (
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
)

// OpenUntil: the regular limitation of §§ 195, 199 Abs. 1 BGB, three years
// from the end of the year the claim arose.
func TestOpenUntil(t *testing.T) {
	for _, c := range []struct{ ordered, until string }{
		{"2022-03-15", "2025-12-31"},
		{"2022-01-01", "2025-12-31"}, // year start
		{"2022-12-31", "2025-12-31"}, // year end: the same year's end
		{"2023-01-01", "2026-12-31"}, // a day later, a year longer
		{"2022-01-31", "2025-12-31"}, // month end
		{"2022-04-30", "2025-12-31"},
		{"2024-02-29", "2027-12-31"}, // leap day
		{"2020-02-29", "2023-12-31"},
		{"2023-02-28", "2026-12-31"},
		{"2099-12-31", "2102-12-31"},
	} {
		if got := OpenUntil(gdpr.MustParseDate(c.ordered)).String(); got != c.until {
			t.Errorf("OpenUntil(%s) = %s, want %s", c.ordered, got, c.until)
		}
	}
}

// openOrder is an unpaid, unshipped order of day as a connector maps it:
// its confirmation, its technical data and the open-order record, all Open.
func openOrder(id, day string, reasons ...string) []gdpr.Item {
	var d gdpr.Date
	if day != "" {
		d = gdpr.MustParseDate(day)
	}
	if len(reasons) == 0 {
		reasons = []string{"unpaid", "unfulfilled"}
	}
	return []gdpr.Item{
		{System: "shopify", RecordType: retention.OrderConfirmation, RecordID: id, Date: d, Open: true,
			Fields: map[string]any{"order_number": "#1", "buyer_name": "E. Muster", "email": "e@example.org"}},
		{System: "shopify", RecordType: retention.TechnicalData, RecordID: id, Date: d, Open: true,
			Fields: map[string]any{"client_ip": "192.0.2.1", "customer_locale": "de"}},
		{System: "shopify", RecordType: retention.OpenOrder, RecordID: id, Date: d, Open: true,
			Fields: map[string]any{"order_number": "#1", "open_reasons": reasons, "email": "e@example.org"}},
	}
}

func TestPlanOpenOrderDefersOnlyWhileAClaimCanExist(t *testing.T) {
	type want struct{ confirmation, technical, open retention.Action }
	deferAll := want{retention.ActionDefer, retention.ActionErase, retention.ActionDefer}
	closed := want{retention.ActionRetain, retention.ActionErase, retention.ActionErase}
	closedLongAgo := want{retention.ActionErase, retention.ActionErase, retention.ActionErase} // the confirmation's six years ran out too
	for _, c := range []struct {
		name, ordered, today string
		reasons              []string
		want                 want
		deferUntil           string
	}{
		{"ordered this year", "2026-03-15", "2026-11-28", nil, deferAll, "2029-12-31"},
		{"last day of the limitation", "2022-06-30", "2025-12-31", nil, deferAll, "2025-12-31"},
		{"first day after it", "2022-06-30", "2026-01-01", nil, closed, ""},
		{"ordered on 31 December", "2022-12-31", "2025-12-31", nil, deferAll, "2025-12-31"},
		{"ordered on 31 December, a year on", "2022-12-31", "2026-01-01", nil, closed, ""},
		{"ordered on 1 January", "2023-01-01", "2026-01-01", nil, deferAll, "2026-12-31"},
		{"ordered on a leap day, last day", "2024-02-29", "2027-12-31", nil, deferAll, "2027-12-31"},
		{"ordered on a leap day, after", "2024-02-29", "2028-01-01", nil, closed, ""},
		{"ordered at a month's end, long ago", "2019-01-31", "2026-11-28", nil, closedLongAgo, ""},
		{"only unpaid, long ago", "2019-04-30", "2026-11-28", []string{"unpaid"}, closedLongAgo, ""},
		{"open return, long ago: its claim arose later", "2019-04-30", "2026-11-28", []string{"open_return"}, deferAll, ""},
		{"no order day: nothing on a guess", "", "2026-11-28", nil, deferAll, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := Plan(openOrder("ord-1", c.ordered, c.reasons...), gdpr.MustParseDate(c.today), retention.DE())
			if err != nil {
				t.Fatal(err)
			}
			by := map[retention.RecordType]Entry{}
			for _, e := range got {
				by[e.RecordType] = e
			}
			g := want{by[retention.OrderConfirmation].Action, by[retention.TechnicalData].Action, by[retention.OpenOrder].Action}
			if g != c.want {
				t.Fatalf("actions %+v, want %+v", g, c.want)
			}
			du := ""
			if d := by[retention.OpenOrder].DeferUntil; d != nil {
				du = d.String()
			}
			if du != c.deferUntil {
				t.Errorf("defer until %q, want %q", du, c.deferUntil)
			}
			if tech := by[retention.TechnicalData]; len(tech.KeepFields) != 0 || tech.DeferUntil != nil {
				t.Errorf("technical data kept with the order: %+v", tech)
			}
			if c.want != deferAll {
				op := by[retention.OpenOrder]
				if !strings.Contains(op.LegalReference, "§§195, 199(1) BGB") || !strings.Contains(op.Reason, "planned like a closed order") {
					t.Errorf("lapsed open order: %+v", op)
				}
				// The confirmation is kept like a closed order's: its keep list, six years.
				if conf := by[retention.OrderConfirmation]; conf.RetainUntil == nil || strings.Contains(strings.Join(conf.KeepFields, ","), "email") {
					t.Errorf("confirmation of a lapsed order: %+v", conf)
				}
			}
		})
	}
}

func TestPlanOpenOrderInAustriaCitesTheABGB(t *testing.T) {
	got, err := Plan(openOrder("ord-1", "2019-03-01"), gdpr.MustParseDate("2026-11-28"), retention.AT())
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range got {
		if e.RecordType == retention.OpenOrder && (e.Action != retention.ActionErase || !strings.Contains(e.LegalReference, "§1486 Nr. 1 ABGB")) {
			t.Errorf("Austrian lapsed open order: %+v", e)
		}
	}
}

// The staff's internal notes on an order wait with it while it is being
// performed, like its documents (Art. 6(1)(b) GDPR), and are erased, all
// their fields, once it is closed or its claims are time-barred; reviews,
// comments and analytics records never wait, even when a connector marks
// them Open.
func TestPlanNotesWaitWithTheOrderContributionsDoNot(t *testing.T) {
	woo := func(rt retention.RecordType, id, day string, open bool, fields map[string]any) gdpr.Item {
		return gdpr.Item{System: "woocommerce", RecordType: rt, RecordID: id, Date: gdpr.MustParseDate(day), Open: open, Fields: fields}
	}
	note := map[string]any{"order_number": "1042", "note": "Kundin bittet um Lieferung an die Nachbarin", "author": "Jonas", "created_at": "2026-11-21T09:00:00+01:00"}
	review := map[string]any{"reviewer": "Anna S.", "reviewer_email": "anna@example.de", "review": "Sehr gut", "rating": 5}
	row := map[string]any{"first_name": "Anna", "email": "anna@example.de", "city": "Leipzig", "date_last_active": "2026-11-20"}
	for _, c := range []struct {
		name, today string
		open        bool
		note        retention.Action
		why         string
	}{
		{"order running", "2026-11-28", true, retention.ActionDefer, "the note serves the running contract"},
		{"order completed", "2026-11-28", false, retention.ActionErase, "no duty of its own once the order is closed"},
		{"open, but claims time-barred", "2030-01-01", true, retention.ActionErase, "deferral ends with the limitation of §§ 195, 199 BGB"},
	} {
		t.Run(c.name, func(t *testing.T) {
			items := []gdpr.Item{
				woo(retention.OrderConfirmation, "1042", "2026-11-20", c.open, map[string]any{"order_number": "1042", "email": "anna@example.de"}),
				woo(retention.OrderNote, "1042/note/7", "2026-11-21", c.open, note),
				woo(retention.ProductReview, "review/3", "2026-11-25", c.open, review),
				woo(retention.Comment, "comment/55", "2026-11-25", c.open, map[string]any{"content": "Schöner Beitrag", "author": "Anna"}),
				woo(retention.AnalyticsRecord, "analytics/3", "2026-11-20", c.open, row),
			}
			got, err := Plan(items, gdpr.MustParseDate(c.today), retention.DE())
			if err != nil {
				t.Fatal(err)
			}
			by := map[retention.RecordType]Entry{}
			for _, e := range got {
				by[e.RecordType] = e
			}
			n := by[retention.OrderNote]
			if n.Action != c.note {
				t.Fatalf("order note: %s, want %s (%s): %+v", n.Action, c.note, c.why, n)
			}
			switch n.Action {
			case retention.ActionDefer:
				if len(n.EraseFields) != 0 || len(n.KeepFields) != 4 || n.DeferUntil == nil || n.DeferUntil.String() != "2029-12-31" {
					t.Errorf("a deferred note keeps everything until the order is done, at the longest to 2029-12-31: %+v", n)
				}
			default:
				if len(n.KeepFields) != 0 || len(n.EraseFields) != 4 || n.RetainUntil != nil {
					t.Errorf("an erased note keeps nothing: %+v", n)
				}
			}
			for _, rt := range []retention.RecordType{retention.ProductReview, retention.Comment, retention.AnalyticsRecord} {
				e := by[rt]
				if e.Action != retention.ActionErase || len(e.KeepFields) != 0 || len(e.EraseFields) != len(itemOf(items, rt).Fields) ||
					e.RetainUntil != nil || e.DeferUntil != nil || !strings.Contains(e.Reason, "no retention duty") {
					t.Errorf("%s: %+v; want erased now, every field", rt, e)
				}
			}
		})
	}
}

func itemOf(items []gdpr.Item, rt retention.RecordType) gdpr.Item {
	for _, it := range items {
		if it.RecordType == rt {
			return it
		}
	}
	return gdpr.Item{}
}
