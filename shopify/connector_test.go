package shopify_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/gdpr"
	art15 "github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/gdpr/classify"
	"github.com/lethe-gdpr/lethe/app/gdpr/plan"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/shopify"
	"github.com/lethe-gdpr/lethe/shopify/admin"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

const janeEmail = "jane.roe@example.com"

func discGID(kind string, id int64) string { return shopifytest.GID(kind, id) }

func vat19(net string) []shopifytest.TaxLine {
	return []shopifytest.TaxLine{{Title: "MwSt.", Rate: 0.19, Price: net}}
}

// janeSeed seeds the customer of the end-to-end case: orders over
// several years (paid, refunded, open, fulfilled, one with an open return,
// one with more line items than a discovery page holds), guest orders with
// her e-mail, marketing consent, two addresses and metafields; plus a
// guest order under another address that Shopify named in
// orders_requested, and orders that are not hers.
type janeSeed struct {
	customer                                           int64
	paid2021, refunded2023, newYear, pending, returned int64
	big, guest2022, guest2025, named, others           int64
	stranger                                           int64
}

func seedJane(f *discoveryFixture) janeSeed {
	e := f.e
	home := shopifytest.Address{FirstName: "Jane", LastName: "Roe", Address1: "Lindenallee 5", City: "München", Zip: "80331", ProvinceCode: "BY", Country: "Germany", CountryCode: "DE", Phone: "+4989111111"}
	work := home
	work.Company, work.Address1, work.Phone = "Beispiel AG", "Schulstraße 9", "+4989222222"
	var j janeSeed
	j.customer = e.AddCustomer(discoveryShop, shopifytest.Customer{
		FirstName: "Jane", LastName: "Roe", Email: janeEmail, Phone: "+4930123456", Locale: "de",
		Note: "Bevorzugt Lieferung an die Arbeitsadresse.", Tags: []string{"stammkunde", "vip"}, VerifiedEmail: true,
		CreatedAt: time.Date(2020, 5, 1, 10, 0, 0, 0, time.UTC), Addresses: []shopifytest.Address{home, work},
		EmailMarketing: shopifytest.Consent{State: "SUBSCRIBED", OptInLevel: "CONFIRMED_OPT_IN", UpdatedAt: time.Date(2020, 5, 2, 8, 0, 0, 0, time.UTC)},
		SMSMarketing:   shopifytest.Consent{State: "UNSUBSCRIBED", OptInLevel: "SINGLE_OPT_IN", UpdatedAt: time.Date(2024, 2, 10, 12, 0, 0, 0, time.UTC)},
		Metafields: []shopifytest.Metafield{
			{Namespace: "custom", Key: "birthday", Type: "date", Value: "1985-07-14"},
			{Namespace: "loyalty", Key: "tier", Value: "gold"},
		},
	})
	shirt := shopifytest.LineItem{Title: "Leinen-Hemd", SKU: "SH-LIN-01", Quantity: 2, UnitPrice: "50.00", TaxLines: vat19("19.00")}
	order := func(o shopifytest.Order) int64 {
		if o.BillingAddress == nil {
			b := home
			o.BillingAddress, o.ShippingAddress = &b, &b
		}
		if len(o.LineItems) == 0 {
			o.LineItems = []shopifytest.LineItem{shirt}
		}
		if o.ShippingPrice == "" {
			o.ShippingPrice = "4.90"
		}
		return e.AddOrder(discoveryShop, o)
	}
	dhl := []shopifytest.Fulfillment{{TrackingCompany: "DHL", TrackingNumber: "00340434161094042557"}}
	j.paid2021 = order(shopifytest.Order{CustomerID: j.customer, Email: janeEmail, Phone: "+4930123456", ClientIP: "203.0.113.7", CustomerLocale: "de-DE",
		Note: "Bitte klingeln", CustomAttributes: []shopifytest.Attribute{{Key: "gift_message", Value: "Alles Gute!"}},
		CreatedAt: time.Date(2021, 3, 10, 14, 0, 0, 0, time.UTC), PaymentGateways: []string{"shopify_payments"}, Fulfillments: dhl})
	j.refunded2023 = order(shopifytest.Order{CustomerID: j.customer, Email: janeEmail, CreatedAt: time.Date(2023, 6, 1, 9, 0, 0, 0, time.UTC),
		CancelledAt: time.Date(2023, 6, 1, 11, 0, 0, 0, time.UTC), FinancialStatus: "REFUNDED", FulfillmentStatus: "UNFULFILLED", PaymentGateways: []string{"paypal"}})
	j.newYear = order(shopifytest.Order{CustomerID: j.customer, Email: janeEmail, CreatedAt: time.Date(2024, 12, 31, 23, 30, 0, 0, time.UTC),
		PaymentGateways: []string{"klarna"}, Fulfillments: []shopifytest.Fulfillment{{TrackingCompany: "Hermes", TrackingNumber: "H100"}}})
	j.returned = order(shopifytest.Order{CustomerID: j.customer, Email: janeEmail, CreatedAt: time.Date(2026, 9, 1, 9, 0, 0, 0, time.UTC),
		PaymentGateways: []string{"paypal"}, Fulfillments: dhl, Returns: []shopifytest.Return{{Status: "OPEN"}}})
	j.pending = order(shopifytest.Order{CustomerID: j.customer, Email: janeEmail, CreatedAt: time.Date(2026, 10, 30, 9, 0, 0, 0, time.UTC),
		FinancialStatus: "PENDING", FulfillmentStatus: "UNFULFILLED", PaymentGateways: []string{"manual"}})
	var many []shopifytest.LineItem
	for i := 0; i < 7; i++ {
		many = append(many, shopifytest.LineItem{Title: fmt.Sprintf("Notizbuch %d", i), SKU: fmt.Sprintf("NB-%d", i), Quantity: 1, UnitPrice: "10.00", TaxLines: vat19("1.90")})
	}
	j.big = order(shopifytest.Order{CustomerID: j.customer, Email: janeEmail, CreatedAt: time.Date(2022, 8, 8, 8, 0, 0, 0, time.UTC),
		LineItems: many, PaymentGateways: []string{"shopify_payments"}, Fulfillments: dhl})
	j.guest2022 = order(shopifytest.Order{Email: strings.ToUpper(janeEmail), ClientIP: "198.51.100.4", CreatedAt: time.Date(2022, 2, 2, 12, 0, 0, 0, time.UTC),
		PaymentGateways: []string{"paypal"}, Fulfillments: dhl})
	j.guest2025 = order(shopifytest.Order{Email: janeEmail, CreatedAt: time.Date(2025, 7, 7, 12, 0, 0, 0, time.UTC), PaymentGateways: []string{"some_new_psp"}, Fulfillments: dhl})
	j.named = order(shopifytest.Order{Email: "jane.work@example.com", CreatedAt: time.Date(2023, 1, 15, 12, 0, 0, 0, time.UTC), PaymentGateways: []string{"paypal"}})
	stranger := e.AddCustomer(discoveryShop, shopifytest.Customer{FirstName: "Max", LastName: "Muster", Email: "max@example.com", Phone: "+4930999999"})
	j.stranger = stranger
	j.others = order(shopifytest.Order{CustomerID: stranger, Email: "max@example.com", CreatedAt: time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC)})
	order(shopifytest.Order{Email: "someone@example.org", CreatedAt: time.Date(2024, 1, 2, 12, 0, 0, 0, time.UTC)})
	return j
}

func janeSubject(j janeSeed) connect.Subject {
	return connect.Subject{
		CustomerID: discGID("Customer", j.customer), Email: janeEmail, Phone: "+4930123456",
		OrderIDs: []string{discGID("Order", j.paid2021), fmt.Sprint(j.named)}, // a GID and a number, as webhooks carry them
	}
}

type itemsByKey map[string]gdpr.Item

func indexItems(items []gdpr.Item) itemsByKey {
	out := itemsByKey{}
	for _, it := range items {
		k := string(it.RecordType) + " " + it.RecordID
		if ch, ok := it.Fields["channel"].(string); ok {
			k += " " + ch
		}
		out[k] = it
	}
	return out
}

func (b itemsByKey) get(t *testing.T, rt retention.RecordType, id string, channel ...string) gdpr.Item {
	t.Helper()
	k := string(rt) + " " + id
	if len(channel) > 0 {
		k += " " + channel[0]
	}
	it, ok := b[k]
	if !ok {
		t.Fatalf("no %s item for %s", rt, id)
	}
	return it
}

func (b itemsByKey) has(rt retention.RecordType, id string) bool {
	_, ok := b[string(rt)+" "+id]
	return ok
}

func TestDiscoverFindsEveryOrderAndField(t *testing.T) {
	f := newDiscoveryFixture(t, shopifytest.ShopOptions{}, shopifytest.NewAutoClock(discoveryT0))
	j := seedJane(f)
	c := shopify.NewConnector(f.client(t), f.shop)
	if c.System() != "shopify" {
		t.Fatalf("system %q", c.System())
	}
	res, err := c.Discover(context.Background(), janeSubject(j))
	if err != nil {
		t.Fatal(err)
	}
	if !res.Found {
		t.Fatal("not found")
	}
	items := indexItems(res.Items)
	cust := discGID("Customer", j.customer)
	o := func(id int64) string { return discGID("Order", id) }

	// Every order of hers, and none of anybody else's.
	want := []int64{j.paid2021, j.guest2022, j.big, j.named, j.refunded2023, j.newYear, j.guest2025, j.returned, j.pending}
	var got []string
	for _, it := range res.Items {
		if it.RecordType == retention.OrderConfirmation {
			got = append(got, it.RecordID)
		}
	}
	var wantIDs []string
	for _, id := range want {
		wantIDs = append(wantIDs, o(id))
	}
	if !slices.Equal(got, wantIDs) {
		t.Fatalf("orders (oldest first):\n got %v\nwant %v", got, wantIDs)
	}

	// Record types per order.
	types := map[int64][]retention.RecordType{
		j.paid2021:     {retention.Invoice, retention.OrderConfirmation, retention.PaymentRecord, retention.TechnicalData, retention.WarrantyData},
		j.refunded2023: {retention.Invoice, retention.OrderConfirmation, retention.PaymentRecord},
		j.newYear:      {retention.Invoice, retention.OrderConfirmation, retention.PaymentRecord, retention.WarrantyData},
		j.returned:     {retention.Invoice, retention.OrderConfirmation, retention.PaymentRecord, retention.WarrantyData, retention.OpenOrder},
		j.pending:      {retention.OrderConfirmation, retention.OpenOrder},
		j.guest2022:    {retention.Invoice, retention.OrderConfirmation, retention.PaymentRecord, retention.TechnicalData, retention.WarrantyData},
		j.named:        {retention.OrderConfirmation, retention.PaymentRecord, retention.Invoice}, // fulfilled, but no shipment recorded: no delivery date
	}
	for id, rts := range types {
		for _, rt := range retention.RecordTypes() {
			if items.has(rt, o(id)) != slices.Contains(rts, rt) {
				t.Errorf("order %d: %s item present = %v, want %v", id, rt, items.has(rt, o(id)), slices.Contains(rts, rt))
			}
		}
	}

	// The account: profile, both addresses (with phones), tags, note, metafields.
	acc := items.get(t, retention.CustomerAccount, cust)
	addrs, _ := acc.Fields["addresses"].([]map[string]any)
	mfs, _ := acc.Fields["metafields"].([]map[string]any)
	if acc.Fields["email"] != janeEmail || acc.Fields["phone"] != "+4930123456" || acc.Fields["note"] == nil ||
		!slices.Equal(acc.Fields["tags"].([]string), []string{"stammkunde", "vip"}) || len(addrs) != 2 || len(mfs) != 2 ||
		addrs[1]["company"] != "Beispiel AG" || addrs[1]["phone"] != "+4989222222" || mfs[0]["value"] != "1985-07-14" ||
		acc.Fields["locale"] != "de" || acc.Date != gdpr.MustParseDate("2020-05-01") {
		t.Errorf("account: %+v", acc)
	}
	// Marketing: e-mail subscribed with double opt-in; SMS given and withdrawn.
	sub := items.get(t, retention.NewsletterSubscription, cust, "email")
	proof := items.get(t, retention.MarketingConsentProof, cust, "email")
	sms := items.get(t, retention.MarketingConsentProof, cust, "sms")
	if sub.Fields["email"] != janeEmail || sub.Fields["marketing_state"] != "SUBSCRIBED" || sub.Fields["opt_in_level"] != "CONFIRMED_OPT_IN" {
		t.Errorf("subscription: %+v", sub)
	}
	if proof.Fields[retention.FieldConsentConfirmed] == nil || proof.ConsentEnded != nil || proof.Fields[retention.FieldEmail] != janeEmail {
		t.Errorf("e-mail consent proof: %+v", proof)
	}
	if sms.ConsentEnded == nil || *sms.ConsentEnded != gdpr.MustParseDate("2024-02-10") || sms.Fields[retention.FieldConsentEndedAt] == nil {
		t.Errorf("SMS consent proof: ended on 2024-02-10: %+v", sms)
	}
	if items.has(retention.NewsletterSubscription, cust+" sms") {
		t.Error("an unsubscribed channel is no subscription")
	}

	// The 2021 invoice: §14(4) UStG contents under the keep-list names.
	inv := items.get(t, retention.Invoice, o(j.paid2021))
	seller, _ := inv.Fields[retention.FieldSellerAddress].(map[string]any)
	buyer, _ := inv.Fields[retention.FieldBuyerAddress].(map[string]any)
	lines, _ := inv.Fields[retention.FieldLineItems].([]map[string]any)
	nets, _ := inv.Fields[retention.FieldNetAmounts].([]map[string]any)
	if inv.Fields[retention.FieldSellerName] != "Beispiel Shop GmbH" || seller["city"] != "Berlin" ||
		inv.Fields[retention.FieldBuyerName] != "Jane Roe" || buyer["address1"] != "Lindenallee 5" || buyer["phone"] != nil ||
		inv.Fields[retention.FieldInvoiceDate] != "2021-03-10" || inv.Fields[retention.FieldInvoiceNumber] == nil ||
		inv.Fields[retention.FieldCurrency] != "EUR" || inv.Fields[retention.FieldDeliveryDate] != "2021-03-11" ||
		len(lines) != 2 || lines[0]["net_amount"] != "100.00" || lines[0]["tax_rate"] != "19" || lines[1]["description"] != "Shipping" ||
		len(nets) != 2 || !slices.Equal(inv.Fields[retention.FieldTaxRates].([]string), []string{"19"}) || inv.Date != gdpr.MustParseDate("2021-03-10") {
		t.Errorf("invoice: %+v", inv.Fields)
	}
	for k := range inv.Fields {
		rule, _ := retention.DE().Rule(retention.Invoice)
		if !slices.Contains(rule.KeepFields, k) {
			t.Errorf("invoice field %s is not a §14(4) UStG field", k)
		}
	}
	// The confirmation carries the contact fields the duty does not cover.
	conf := items.get(t, retention.OrderConfirmation, o(j.paid2021))
	attrs, _ := conf.Fields["custom_attributes"].([]map[string]any)
	if conf.Fields["email"] != janeEmail || conf.Fields["phone"] != "+4930123456" || conf.Fields["note"] != "Bitte klingeln" || len(attrs) != 1 ||
		conf.Fields[retention.FieldPaymentMethod] != "shopify_payments" || conf.Fields[retention.FieldShippingAddress] == nil {
		t.Errorf("order confirmation: %+v", conf.Fields)
	}
	tech := items.get(t, retention.TechnicalData, o(j.paid2021))
	if tech.Fields["client_ip"] != "203.0.113.7" || tech.Fields["customer_locale"] != "de-DE" {
		t.Errorf("technical data: %+v", tech.Fields)
	}
	war := items.get(t, retention.WarrantyData, o(j.paid2021))
	if war.Delivered == nil || *war.Delivered != gdpr.MustParseDate("2021-03-11") || war.Fields["delivery_date_basis"] != "shipped" {
		t.Errorf("warranty: %+v", war)
	}
	pay := items.get(t, retention.PaymentRecord, o(j.refunded2023))
	if pay.Fields[retention.FieldPaymentType] != "payment, refund" || pay.Fields[retention.FieldAmount] != "123.90" || pay.Fields["financial_status"] != "REFUNDED" {
		t.Errorf("refund: %+v", pay.Fields)
	}
	// Document dates are days in the shop's zone.
	if d := items.get(t, retention.Invoice, o(j.newYear)).Date; d != gdpr.MustParseDate("2025-01-01") {
		t.Errorf("an order at 23:30 UTC on 31 Dec 2024 is a 2025 document in Berlin: %s", d)
	}
	// Orders still being performed: every item Open, the reason stated.
	for _, it := range res.Items {
		isOpen := it.RecordID == o(j.pending) || it.RecordID == o(j.returned)
		if it.Open != isOpen {
			t.Errorf("%s %s: Open = %v", it.RecordType, it.RecordID, it.Open)
		}
	}
	if r := items.get(t, retention.OpenOrder, o(j.pending)).Fields["open_reasons"]; !slices.Equal(r.([]string), []string{"unpaid", "unfulfilled"}) {
		t.Errorf("pending order reasons: %v", r)
	}
	if r := items.get(t, retention.OpenOrder, o(j.returned)).Fields["open_reasons"]; !slices.Equal(r.([]string), []string{"open_return"}) {
		t.Errorf("returned order reasons: %v", r)
	}
	// All line items, beyond the first page of the discovery query.
	if lines := items.get(t, retention.Invoice, o(j.big)).Fields[retention.FieldLineItems].([]map[string]any); len(lines) != 8 || lines[6]["description"] != "Notizbuch 6" {
		t.Errorf("the order with 7 line items: %d lines", len(lines))
	}

	// Recipients learned from the data.
	var names []string
	for _, r := range res.Recipients {
		names = append(names, r.Category+": "+r.Name)
	}
	// Issue 12, point 5: the known providers' legal entities with their
	// onward third-country transfers (answer.Providers).
	wantR := []string{
		"payment provider: Klarna Bank AB (publ)",
		"payment provider: PayPal (Europe) S.à r.l. et Cie, S.C.A.",
		"payment provider: Stripe Payments Europe, Limited",
		"payment provider: some_new_psp",
		"onward transfer within the provider's group or to its processors: Klarna's processors outside the EU/EEA",
		"onward transfer within the provider's group or to its processors: PayPal, Inc.",
		"onward transfer within the provider's group or to its processors: Stripe, Inc.",
		"carrier: DHL Paket GmbH", "carrier: Hermes Germany GmbH",
	}
	if !slices.Equal(names, wantR) {
		t.Errorf("recipients\n got %v\nwant %v", names, wantR)
	}
	// Each order's documents name its own payment method and carrier.
	carried := false
	for _, it := range res.Items {
		if it.RecordType == retention.CustomerAccount || it.RecordType == retention.NewsletterSubscription || it.RecordType == retention.MarketingConsentProof {
			continue
		}
		if it.Disclosed == nil {
			t.Errorf("%s %s names no recipients of its own", it.RecordType, it.RecordID)
		}
		for _, d := range it.Disclosed {
			carried = carried || (d.Kind == gdpr.DisclosedCarrier && d.Name != "")
		}
	}
	if !carried {
		t.Error("no order names its carrier")
	}

	// The contract with the erasure planner (issue 6): every item plans,
	// and the confirmation's contact fields are erased while its keep
	// fields stay.
	entries, err := plan.Plan(res.Items, gdpr.MustParseDate("2026-11-28"), retention.DE())
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.RecordType == retention.OrderConfirmation && e.RecordID == o(j.big) {
			for _, k := range []string{"email", "note", "custom_attributes"} {
				if slices.Contains(e.KeepFields, k) {
					t.Errorf("order confirmation keeps %s", k)
				}
			}
			if !slices.Contains(e.KeepFields, retention.FieldLineItems) || !slices.Contains(e.EraseFields, "email") {
				t.Errorf("plan of the confirmation: keep %v erase %v", e.KeepFields, e.EraseFields)
			}
		}
	}

	// And the whole answer is complete in both languages.
	cc := classify.Context{Today: gdpr.MustParseDate("2026-11-28"), Place: gdpr.Place{Country: "DE", Region: "BE"}, Rules: retention.DE(), Platform: "shopify", FoundRecipients: res.Recipients}
	classified, err := classify.Classify(res.Items, cc)
	if err != nil {
		t.Fatal(err)
	}
	auth, _ := art15.DefaultAuthorities().For(cc.Place)
	for _, lang := range []string{"de", "en"} {
		if missing := art15.Validate(classify.Answer(classified, lang, auth, true)); len(missing) > 0 {
			t.Errorf("%s answer incomplete: %v", lang, missing)
		}
	}
}

func TestDiscoverUnknownPersonIsNegative(t *testing.T) {
	f := newDiscoveryFixture(t, shopifytest.ShopOptions{}, shopifytest.NewAutoClock(discoveryT0))
	seedJane(f)
	res, err := shopify.NewConnector(f.client(t), f.shop).Discover(context.Background(),
		connect.Subject{CustomerID: "gid://shopify/Customer/424242", Email: "nobody@example.com", Phone: "+4940000000", OrderIDs: []string{"gid://shopify/Order/999999"}})
	if err != nil || res.Found || len(res.Items) != 0 || len(res.Recipients) != 0 {
		t.Fatalf("unknown person: %+v, %v; want Found false and no error", res, err)
	}
}

func TestDiscoverGuestOnlyAndByPhone(t *testing.T) {
	f := newDiscoveryFixture(t, shopifytest.ShopOptions{}, shopifytest.NewAutoClock(discoveryT0))
	j := seedJane(f)
	c := shopify.NewConnector(f.client(t), f.shop)
	// Only guest orders: no customer account with this address.
	res, err := c.Discover(context.Background(), connect.Subject{Email: "someone@example.org"})
	if err != nil || !res.Found || len(res.Items) == 0 || indexItems(res.Items).has(retention.CustomerAccount, "") {
		t.Fatalf("guest: %+v, %v", res, err)
	}
	for _, it := range res.Items {
		if it.RecordType == retention.CustomerAccount {
			t.Errorf("a guest has no account item")
		}
	}
	// By phone only: the one customer with that number, with every order.
	res, err = c.Discover(context.Background(), connect.Subject{Phone: "+49 30 123456"})
	if err != nil || !res.Found {
		t.Fatalf("by phone: %v", err)
	}
	items := indexItems(res.Items)
	if !items.has(retention.CustomerAccount, discGID("Customer", j.customer)) || !items.has(retention.OrderConfirmation, discGID("Order", j.guest2025)) ||
		items.has(retention.OrderConfirmation, discGID("Order", j.named)) {
		t.Errorf("by phone: the customer, her orders and guest orders under her e-mail (not the one only Shopify named)")
	}
}

func TestDiscoverQueryCost(t *testing.T) {
	f := newDiscoveryFixture(t, shopifytest.ShopOptions{}, shopifytest.NewAutoClock(discoveryT0))
	cid := f.e.AddCustomer(discoveryShop, shopifytest.Customer{FirstName: "Lea", Email: "lea@example.com"})
	for i := 0; i < 40; i++ {
		f.e.AddOrder(discoveryShop, shopifytest.Order{CustomerID: cid, Email: "lea@example.com", CreatedAt: discoveryT0.AddDate(0, 0, -i-1),
			LineItems: []shopifytest.LineItem{{Title: "Becher", UnitPrice: "14.00", TaxLines: vat19("2.66")}, {Title: "Socken", UnitPrice: "19.50", TaxLines: vat19("3.71")}}})
	}
	res, err := shopify.NewConnector(f.client(t), f.shop).Discover(context.Background(), connect.Subject{CustomerID: discGID("Customer", cid), Email: "lea@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	requests, actual, maxRequested := f.meter.totals()
	// customer + 3 pages of 17 orders + 1 page of order ids; no query per order.
	if requests != 5 || maxRequested > 1000 || f.e.Stats().MaxCostExceeded != 0 || f.e.Stats().Throttled != 0 {
		t.Errorf("%d requests, largest requested cost %d; want 5 requests, each ≤ 1000", requests, maxRequested)
	}
	if per := float64(actual) / 40; per > 40 {
		t.Errorf("%.1f points per order, want ≤ 40 (one paged query returns whole orders)", per)
	}
	if n := len(indexItems(res.Items)); n != 1+40*3 {
		t.Errorf("%d items", n)
	}
	t.Logf("%d requests, actual cost %d (%.1f per order), largest requested %d", requests, actual, float64(actual)/40, maxRequested)
}

func TestDiscoverFailsWholeOnErrorMidPagination(t *testing.T) {
	for _, tt := range []struct {
		name   string
		faults []shopifytest.Fault
		want   string
	}{
		{"graphql internal error", []shopifytest.Fault{shopifytest.FaultInternalError}, "INTERNAL_SERVER_ERROR"},
		{"HTTP 500 after the retries", []shopifytest.Fault{shopifytest.FaultServerError, shopifytest.FaultServerError, shopifytest.FaultServerError, shopifytest.FaultServerError}, "HTTP 500"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := newDiscoveryFixture(t, shopifytest.ShopOptions{}, shopifytest.NewAutoClock(discoveryT0))
			cid := f.e.AddCustomer(discoveryShop, shopifytest.Customer{FirstName: "Lea", Email: "lea@example.com"})
			for i := 0; i < 40; i++ {
				f.e.AddOrder(discoveryShop, shopifytest.Order{CustomerID: cid, Email: "lea@example.com", CreatedAt: discoveryT0.AddDate(0, 0, -i-1)})
			}
			base := f.e.Stats().Requests
			// Request 1 reads the customer, 2 the first page of orders; 3 is the second page.
			for i, fault := range tt.faults {
				f.e.FailRequest(base+3+i, fault)
			}
			res, err := shopify.NewConnector(f.client(t), f.shop).Discover(context.Background(), connect.Subject{CustomerID: discGID("Customer", cid), Email: "lea@example.com"})
			sys, ok := connect.FailedSystem(err)
			if err == nil || !ok || sys != "shopify" {
				t.Fatalf("err = %v; want an error naming shopify", err)
			}
			if res.Found || len(res.Items) != 0 || len(res.Recipients) != 0 {
				t.Errorf("partial result returned: %d items", len(res.Items))
			}
			msg := err.Error()
			t.Log(msg)
			if !strings.Contains(msg, tt.want) || !strings.Contains(msg, "after 17 orders") || strings.Contains(msg, "lea@") {
				t.Errorf("message %q: want the cause and the step, and no e-mail address", msg)
			}
			if errors.Is(err, shopify.ErrNeedsReauth) {
				t.Error("a server error is not a re-authentication")
			}
		})
	}
}

func TestDiscoverErrorsCarryNoPersonalData(t *testing.T) {
	f := newDiscoveryFixture(t, shopifytest.ShopOptions{}, shopifytest.NewAutoClock(discoveryT0))
	base := f.e.Stats().Requests
	f.e.FailRequest(base+1, shopifytest.FaultInternalError) // the customer search by e-mail
	_, err := shopify.NewConnector(f.client(t), f.shop).Discover(context.Background(), connect.Subject{Email: "secret.person@example.com", Phone: "+4930555555"})
	if err == nil || strings.Contains(err.Error(), "secret.person") || strings.Contains(err.Error(), "555555") || !strings.Contains(err.Error(), "searching customers by e-mail") {
		t.Fatalf("err = %v", err)
	}
}

func TestDiscoverRevokedTokenNeedsReauth(t *testing.T) {
	f := newDiscoveryFixture(t, shopifytest.ShopOptions{}, shopifytest.NewAutoClock(discoveryT0))
	j := seedJane(f)
	f.e.RevokeTokens(discoveryShop)
	_, err := shopify.NewConnector(f.client(t), f.shop).Discover(context.Background(), janeSubject(j))
	sys, _ := connect.FailedSystem(err)
	if !errors.Is(err, shopify.ErrNeedsReauth) || !errors.Is(err, admin.ErrUnauthorized) || sys != "shopify" || strings.Contains(err.Error(), janeEmail) {
		t.Fatalf("err = %v; want ErrNeedsReauth and admin.ErrUnauthorized from system shopify", err)
	}
	t.Log(err)
}

func TestConnectorFactory(t *testing.T) {
	f := newDiscoveryFixture(t, shopifytest.ShopOptions{}, shopifytest.NewAutoClock(discoveryT0))
	clientErr := errors.New("no credentials")
	newClient := func(sh *store.Shop) (*admin.Client, error) {
		if sh.Domain == "broken.myshopify.com" {
			return nil, clientErr
		}
		return f.client(t), nil
	}
	factory := shopify.ConnectorFactory(newClient)
	tests := []struct {
		name string
		shop store.Shop
		ok   bool
		err  error
	}{
		{"shopify shop", store.Shop{Platform: "shopify", Domain: discoveryShop, Status: store.ShopActive}, true, nil},
		{"woocommerce shop", store.Shop{Platform: "woocommerce", Domain: "shop.example.com", Status: store.ShopActive}, false, nil},
		{"needs re-authentication", store.Shop{Platform: "shopify", Domain: discoveryShop, Status: store.ShopNeedsReauth}, true, shopify.ErrNeedsReauth},
		{"client fails", store.Shop{Platform: "shopify", Domain: "broken.myshopify.com", Status: store.ShopActive}, true, clientErr},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, ok, err := factory(context.Background(), &tt.shop)
			if ok != tt.ok || !errors.Is(err, tt.err) || (tt.err == nil && ok && (c == nil || c.System() != "shopify")) {
				t.Fatalf("factory = %v, %v, %v", c, ok, err)
			}
		})
	}
	gone := &store.Shop{Platform: "shopify", Status: store.ShopUninstalled}
	if _, _, err := factory(context.Background(), gone); err == nil || !strings.Contains(err.Error(), "not installed") {
		t.Errorf("uninstalled shop: %v", err)
	}
	reg := connect.NewRegistry()
	reg.Register("shopify", factory)
	if _, err := reg.For(context.Background(), &store.Shop{Platform: "shopify", Status: store.ShopNeedsReauth}); !errors.Is(err, shopify.ErrNeedsReauth) {
		t.Errorf("registry: %v", err)
	} else if sys, _ := connect.FailedSystem(err); sys != "shopify" {
		t.Errorf("registry names %q", sys)
	}
}

func TestGatewayRecipient(t *testing.T) {
	tests := []struct {
		code, name string
		ok         bool
	}{
		{"shopify_payments", "Stripe Payments Europe, Limited", true},
		{"paypal", "PayPal (Europe) S.à r.l. et Cie, S.C.A.", true},
		{"PayPal Express Checkout", "PayPal (Europe) S.à r.l. et Cie, S.C.A.", true},
		{"klarna", "Klarna Bank AB (publ)", true},
		{"Vorkasse", "", false},
		{"manual", "", false},
		{"Bank Deposit", "", false},
		{"bank_transfer", "", false},
		{"Cash on Delivery (COD)", "", false},
		{"gift_card", "", false},
		{"mollie", "Mollie B.V.", true},
		{"some_new_psp", "some_new_psp", true},
	}
	for _, tt := range tests {
		r, ok := shopify.GatewayRecipient(tt.code)
		if ok != tt.ok || r.Name != tt.name || (ok && r.Category != "payment provider") {
			t.Errorf("GatewayRecipient(%q) = %+v, %v", tt.code, r, ok)
		}
	}
}
