package woocommerce_test

import (
	"errors"
	"sort"
	"testing"

	"github.com/lethe-gdpr/lethe/woocommerce"
	"github.com/lethe-gdpr/lethe/woocommerce/wctest"
)

func TestPagination250Orders(t *testing.T) {
	e := wctest.StartTLS(t)
	s := e.SeedGerman()
	ids := e.SeedOrders(s.MaxID, wctest.AnnaBilling(), 250, 0)
	c, k := client(t, e)
	e.ResetStats()
	got, err := c.OrdersByCustomer(ctx, s.MaxID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 251 { // 250 + the one SeedGerman gave Max
		t.Fatalf("%d orders, want 251", len(got))
	}
	seen := map[int64]bool{}
	for _, o := range got {
		seen[o.ID] = true
	}
	for _, id := range ids {
		if !seen[id] {
			t.Fatalf("order %d missing", id)
		}
	}
	if n := e.Stats().ByRoute["GET orders"]; n != 3 {
		t.Errorf("%d list requests, want 3 pages of 100", n)
	}
	// WordPress's own limits.
	st, h, _ := raw(t, e, k, "GET", "/wp-json/wc/v3/orders?customer="+itoa(s.MaxID), "")
	if st != 200 || h.Get("X-WP-Total") != "251" || h.Get("X-WP-TotalPages") != "26" || h.Get("Link") == "" {
		t.Errorf("default page: %d total %s pages %s link %q", st, h.Get("X-WP-Total"), h.Get("X-WP-TotalPages"), h.Get("Link"))
	}
	st, _, m := raw(t, e, k, "GET", "/wp-json/wc/v3/orders?per_page=101", "")
	if st != 400 || m["code"] != "rest_invalid_param" {
		t.Errorf("per_page=101: %d %v", st, m)
	}
}

func TestFuzzySearchAndExactFilter(t *testing.T) {
	e := wctest.Start(t)
	s := e.SeedGerman()
	c, _ := client(t, e)
	found, err := c.SearchOrders(ctx, s.AnnaEmail)
	if err != nil {
		t.Fatal(err)
	}
	want := len(s.AnnaGuestOrders) + len(s.AnnaOrders) + len(s.DecoyOrders)
	if len(found) != want {
		t.Fatalf("search found %d orders, want %d (the search is fuzzy: decoys included)", len(found), want)
	}
	exact := woocommerce.FilterByBillingEmail(found, "  ANNA.schmidt@example.de ")
	if len(exact) != len(s.AnnaGuestOrders)+len(s.AnnaOrders) {
		t.Errorf("exact filter kept %d", len(exact))
	}
	guests, err := c.GuestOrdersByEmail(ctx, s.AnnaEmail)
	if err != nil {
		t.Fatal(err)
	}
	var gids []int64
	for _, o := range guests {
		gids = append(gids, o.ID)
	}
	sort.Slice(gids, func(i, j int) bool { return gids[i] < gids[j] })
	if len(gids) != 2 || gids[0] != s.AnnaGuestOrders[0] || gids[1] != s.AnnaGuestOrders[1] {
		t.Errorf("guest orders %v, want %v", gids, s.AnnaGuestOrders)
	}
	reviews, err := c.ReviewsByEmail(ctx, s.AnnaEmail)
	if err != nil || len(reviews) != 2 {
		t.Errorf("reviews %d (held included), %v", len(reviews), err)
	}
	notes, err := c.OrderNotes(ctx, s.AnnaOrders[0])
	if err != nil || len(notes) != 2 {
		t.Errorf("notes %d, %v", len(notes), err)
	}
}

func TestTaxRecalculationOnPut(t *testing.T) {
	// Anna's first registered order: espresso 24.90 net + shipping 4.90 net,
	// shipped to Leipzig at 19 %: 4.73 + 0.93 tax, 35.46 in total.
	// Her Austrian order: grinder 210.00 + 9.90 shipping to Vienna at 20 %.
	dePromo := []wctest.TaxRate{{ID: 20, Country: "DE", Rate: 16, Name: "MwSt.", Priority: 1, Shipping: true}}
	tests := []struct {
		name      string
		austria   bool
		rates     []wctest.TaxRate // applied before the PUT
		body      map[string]any
		total     string
		totalTax  string
		recalcs   int
		keepsAddr bool
	}{
		{name: "e-mail and phone with billing keep the totals", body: map[string]any{"billing": map[string]any{"email": "", "phone": ""}},
			total: "35.46", totalTax: "5.66", recalcs: 1, keepsAddr: true},
		{name: "no billing or shipping: no recalculation", body: map[string]any{"customer_note": ""},
			total: "35.46", totalTax: "5.66", keepsAddr: true},
		{name: "shipping country DE→AT recalculates at 20 %", body: map[string]any{"shipping": map[string]any{"country": "AT", "postcode": "1070"}},
			total: "35.76", totalTax: "5.96", recalcs: 1},
		{name: "postcode of Helgoland: no VAT", body: map[string]any{"shipping": map[string]any{"postcode": "27498"}},
			total: "29.80", totalTax: "0.00", recalcs: 1},
		{name: "blanking the shipping country falls back to billing (DE 19 %)", austria: true,
			body:  map[string]any{"shipping": map[string]any{"country": "", "first_name": "", "last_name": "", "address_1": ""}},
			total: "261.68", totalTax: "41.78", recalcs: 1},
		{name: "Austrian order unchanged by billing e-mail", austria: true, body: map[string]any{"billing": map[string]any{"email": "geloescht@example.invalid"}},
			total: "263.88", totalTax: "43.98", recalcs: 1, keepsAddr: true},
		{name: "rates changed since the order: same address, new totals", rates: dePromo,
			body: map[string]any{"billing": map[string]any{"email": ""}}, total: "34.56", totalTax: "4.76", recalcs: 1, keepsAddr: true},
		{name: "rates changed, no billing in the PUT: totals kept", rates: dePromo,
			body: map[string]any{"customer_note": ""}, total: "35.46", totalTax: "5.66", keepsAddr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := wctest.StartTLS(t)
			s := e.SeedGerman()
			c, _ := client(t, e)
			id := s.AnnaOrders[0]
			if tt.austria {
				id = s.AnnaAustriaOrder
			}
			before, err := c.Order(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if tt.rates != nil {
				e.SetTaxRates(tt.rates)
			}
			tt.body["customer_ip_address"] = "" // read-only: ignored
			after, err := c.UpdateOrder(ctx, id, tt.body)
			if err != nil {
				t.Fatal(err)
			}
			if after.Total != tt.total || after.TotalTax != tt.totalTax {
				t.Errorf("total %s tax %s, want %s and %s (before %s/%s)", after.Total, after.TotalTax, tt.total, tt.totalTax, before.Total, before.TotalTax)
			}
			if tt.keepsAddr {
				for _, pair := range [][2]woocommerce.Address{{before.Billing, after.Billing}, {before.Shipping, after.Shipping}} {
					if pair[0].Country != pair[1].Country || pair[0].State != pair[1].State || pair[0].Postcode != pair[1].Postcode {
						t.Errorf("tax location changed: %+v → %+v", pair[0], pair[1])
					}
				}
				if tt.rates == nil && (len(after.TaxLines) != len(before.TaxLines) || after.TaxLines[0].TaxTotal != before.TaxLines[0].TaxTotal) {
					t.Errorf("tax lines changed: %+v → %+v", before.TaxLines, after.TaxLines)
				}
			}
			if after.CustomerIPAddress == "" || after.CustomerIPAddress != before.CustomerIPAddress {
				t.Errorf("customer_ip_address is read-only, got %q", after.CustomerIPAddress)
			}
			if o, _ := e.Order(id); o.Recalculations != tt.recalcs {
				t.Errorf("%d recalculations, want %d", o.Recalculations, tt.recalcs)
			}
		})
	}
}

func TestForceRules(t *testing.T) {
	e := wctest.StartTLS(t)
	s := e.SeedGerman()
	c, k := client(t, e)

	st, _, m := raw(t, e, k, "DELETE", "/wp-json/wc/v3/customers/"+itoa(s.AnnaID), "")
	if st != 501 || m["code"] != "woocommerce_rest_trash_not_supported" {
		t.Fatalf("customer without force: %d %v", st, m)
	}
	st, _, m = raw(t, e, k, "DELETE", "/wp-json/wc/v3/orders/"+itoa(s.AnnaAustriaOrder)+"/notes/"+itoa(s.AnnaNotes[len(s.AnnaNotes)-1]), "")
	if st != 501 {
		t.Fatalf("note without force: %d %v", st, m)
	}
	st, _, _ = raw(t, e, k, "DELETE", "/wp-json/wc/v3/products/reviews/"+itoa(s.AnnaReviews[0]), "")
	if st != 501 {
		t.Fatalf("review without force: %d", st)
	}

	// Orders go to the trash without force, then out of the lists.
	if err := c.DeleteOrder(ctx, s.AnnaOrders[0], false); err != nil {
		t.Fatal(err)
	}
	if o, err := c.Order(ctx, s.AnnaOrders[0]); err != nil || o.Status != "trash" {
		t.Fatalf("trashed order: %+v %v", o.Status, err)
	}
	if err := c.DeleteOrder(ctx, s.AnnaOrders[0], false); !errors.Is(err, woocommerce.ErrGone) {
		t.Fatalf("second trash: %v", err)
	}
	if err := c.DeleteOrder(ctx, s.AnnaOrders[0], true); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Order(ctx, s.AnnaOrders[0]); !errors.Is(err, woocommerce.ErrNotFound) {
		t.Fatalf("deleted order: %v", err)
	}

	// Deleting the customer (force) keeps the orders' personal data.
	if err := c.DeleteCustomer(ctx, s.AnnaID, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Customer(ctx, s.AnnaID); !errors.Is(err, woocommerce.ErrNotFound) {
		t.Fatalf("deleted customer: %v", err)
	}
	o, err := c.Order(ctx, s.AnnaOrders[1])
	if err != nil || o.CustomerID != 0 || o.Billing.Email != s.AnnaEmail {
		t.Fatalf("order after the user's deletion: customer %d e-mail kept %v, %v", o.CustomerID, o.Billing.Email == s.AnnaEmail, err)
	}
	if err := c.DeleteOrderNote(ctx, s.AnnaAustriaOrder, s.AnnaNotes[len(s.AnnaNotes)-1]); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteReview(ctx, s.AnnaReviews[0]); err != nil {
		t.Fatal(err)
	}
	if _, ok := e.Review(s.AnnaReviews[0]); ok {
		t.Fatal("review still there")
	}
}
