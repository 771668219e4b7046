package server_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/step"
	"github.com/lethe-gdpr/lethe/app/store"
)

// The request page names records as the merchant knows them: an order by
// its name ("#1004") where the records found carry it — in the person's
// block, the data found and the erasure plan, also for the order's records
// that hold no name themselves (the payment record) — a customer by the
// number, and an id nothing names by the number at the end of its GID. No
// "gid://" is shown.
func TestPanelRequestNamesRecordsForTheMerchant(t *testing.T) {
	g := newRequestRig(t, store.SQLite)
	const customer, order, other = "gid://shopify/Customer/207119551", "gid://shopify/Order/5502112345", "gid://shopify/Order/777"
	g.fake.items = []gdpr.Item{
		{System: "testshop", RecordType: "customer_account", RecordID: customer, Date: gdpr.MustDate(2024, 5, 2),
			Fields: map[string]any{"email": "jane.doe@kunde.example", "first_name": "Jane"}},
		{System: "testshop", RecordType: "order_confirmation", RecordID: order, Date: gdpr.MustDate(2025, 3, 10),
			Fields: map[string]any{"order_number": "#1004", "order_date": "2025-03-10", "buyer_name": "Jane Doe"}},
		{System: "testshop", RecordType: "invoice", RecordID: order, Date: gdpr.MustDate(2025, 3, 10),
			Fields: map[string]any{"invoice_number": "#1004", "invoice_date": "2025-03-10", "buyer_name": "Jane Doe", "currency": "EUR"}},
		{System: "testshop", RecordType: "payment_record", RecordID: order, Date: gdpr.MustDate(2025, 3, 10),
			Fields: map[string]any{"gateway": "paypal", "amount": "19.90"}},
	}
	var r *store.Request
	var discover *store.Step
	err := g.st.Tx(context.Background(), func(tx *store.Store) error {
		var err error
		r, discover, err = requests.Create(context.Background(), tx, g.shops["a"], requests.New{
			Type: store.TypeErasure, Source: "manual", Channel: "letter", ReceivedAt: time.Now(), Locale: "de",
			Subject: store.Subject{Email: "jane.doe@kunde.example", Name: "Jane Doe", CustomerID: customer, OrderIDs: []string{order, other}},
		})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	g.run(t, discover)
	g.run(t, g.next(t, step.Plan))
	for lang, want := range map[string][]string{
		"de": {"Kundennummer 207119551", "Bestellungen #1004, 777", "Kundenkonto 207119551", "Rechnung #1004", "Bestellbestätigung #1004",
			"testshop · #1004", "testshop · 207119551"},
		"en": {"Customer ID 207119551", "Orders #1004, 777", "testshop · #1004"},
	} {
		text, raw := g.page(t, "a", lang, r.ID)
		contains(t, "names "+lang, text, want...)
		if strings.Contains(raw, "gid://") {
			i := strings.Index(raw, "gid://")
			t.Errorf("%s: the page shows a GID: …%s…", lang, raw[max(0, i-120):min(len(raw), i+60)])
		}
		if n := strings.Count(text, "5502112345"); n != 0 {
			t.Errorf("%s: the order's id is shown %d times beside its name", lang, n)
		}
	}
}
