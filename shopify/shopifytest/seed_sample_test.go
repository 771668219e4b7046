package shopifytest

import (
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr/postcode"
	"github.com/lethe-gdpr/lethe/shopify/schema"
)

// Every sample city's postcode lies in the state the sample names, so the
// addresses an answer shows are real German ones.
func TestSampleCitiesPostcodesLieInTheirState(t *testing.T) {
	for _, c := range sampleCities {
		r := postcode.State("DE", c.zip)
		if r.Status != postcode.Found || r.State != c.provCode {
			t.Errorf("%s %s: postcode says %s %v %s, sample says %s", c.zip, c.city, r.Status, r.States, r.State, c.provCode)
		}
		if len(c.streets) == 0 {
			t.Errorf("%s has no streets", c.city)
		}
	}
}

// SeedSample makes German customers with German addresses, EUR orders
// spread over several years, and guest orders with a person's e-mail.
func TestSeedSampleIsGermanAndSpreadOverYears(t *testing.T) {
	end := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	e, err := New(Options{Schema: schema.ForTest(t), Now: func() time.Time { return end }})
	if err != nil {
		t.Fatal(err)
	}
	const domain = "nordlicht.myshopify.com"
	e.AddShop(domain, ShopOptions{})
	s := SeedSample(e, domain, SampleOptions{Customers: 12, OrdersPerCustomer: 4, GuestOrders: 3, Years: 5, Seed: 7})
	if len(s.Customers) != 12 || len(s.GuestOrders) != 3 || len(s.GuestEmails) != 3 {
		t.Fatalf("sample %+v", s)
	}
	sh := e.shops[domain]
	years := map[int]bool{}
	emails := map[string]bool{}
	for _, id := range s.Customers {
		c := sh.customers[id]
		if c.Locale != "de" || c.Addresses[0].CountryCode != "DE" || c.Addresses[0].Zip == "" || c.Addresses[0].City == "" ||
			!strings.HasPrefix(c.Phone, "+49") || strings.HasPrefix(c.LastName, "Nr") {
			t.Errorf("customer %+v is not a German customer", c)
		}
		if emails[c.Email] {
			t.Errorf("e-mail %s twice", c.Email)
		}
		emails[c.Email] = true
		for _, oid := range s.Orders[id] {
			o := sh.orders[oid]
			years[o.CreatedAt.Year()] = true
			if o.Currency != "EUR" {
				t.Errorf("order %d in %s", oid, o.Currency)
			}
		}
	}
	if len(years) < 3 {
		t.Errorf("orders in %d years, want several", len(years))
	}
	for i, oid := range s.GuestOrders {
		o := sh.orders[oid]
		if o.CustomerID != 0 || o.Email != s.GuestEmails[i] || !strings.HasSuffix(o.Email, "@example.org") ||
			o.BillingAddress == nil || o.BillingAddress.FirstName == "Gast" {
			t.Errorf("guest order %+v", o)
		}
	}
	if s.Customers[0] == 0 || sh.customers[s.Customers[0]].Email != "anna.schmidt1@example.com" {
		t.Errorf("first customer %+v", sh.customers[s.Customers[0]])
	}
}
