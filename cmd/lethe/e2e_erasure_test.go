package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/app/mail/mailtest"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/store/seal"
	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

type erika struct {
	customerID int64
	email      string
	invoices   map[int64]time.Time // paid orders and their dates
	open       int64               // the order still being performed
	guests     []int64
}

// seedErika: invoices from 2015 to this year, an open order, a newsletter
// consent and guest orders.
func seedErika(emu *shopifytest.Emulator, domain string) erika {
	e := erika{email: "erika.muster@example.com", invoices: map[int64]time.Time{}}
	addr := shopifytest.Address{FirstName: "Erika", LastName: "Muster", Address1: "Heidestr. 17", City: "Köln", Zip: "51147", Country: "Germany", CountryCode: "DE"}
	e.customerID = emu.AddCustomer(domain, shopifytest.Customer{FirstName: "Erika", LastName: "Muster", Email: e.email, Phone: "+4922112345", Locale: "de",
		Addresses:      []shopifytest.Address{addr},
		EmailMarketing: shopifytest.Consent{State: "SUBSCRIBED", OptInLevel: "CONFIRMED_OPT_IN", UpdatedAt: time.Date(2020, 5, 4, 8, 0, 0, 0, time.UTC)},
		CreatedAt:      time.Date(2015, 1, 5, 10, 0, 0, 0, time.UTC)})
	line := []shopifytest.LineItem{{Title: "Lampe", Quantity: 1, SKU: "L-1", UnitPrice: "89.00"}}
	for year := 2015; year <= 2026; year++ {
		at := time.Date(year, 3, 15, 11, 0, 0, 0, time.UTC)
		id := emu.AddOrder(domain, shopifytest.Order{CustomerID: e.customerID, Email: e.email, ClientIP: "198.51.100.4", CreatedAt: at,
			BillingAddress: &addr, ShippingAddress: &addr, PaymentGateways: []string{"paypal"}, LineItems: line,
			TaxLines: []shopifytest.TaxLine{{Title: "MwSt", Rate: 0.19, Price: "14.21"}}})
		e.invoices[id] = at
	}
	e.open = emu.AddOrder(domain, shopifytest.Order{CustomerID: e.customerID, Email: e.email, CreatedAt: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC),
		FinancialStatus: "PENDING", FulfillmentStatus: "UNFULFILLED", BillingAddress: &addr, LineItems: line})
	for _, y := range []int{2019, 2025} {
		e.guests = append(e.guests, emu.AddOrder(domain, shopifytest.Order{Email: e.email, CreatedAt: time.Date(y, 8, 1, 12, 0, 0, 0, time.UTC),
			BillingAddress: &addr, LineItems: line}))
	}
	return e
}

// openStore reads the running binary's database with its key.
func openStore(t testing.TB) *store.Store {
	t.Helper()
	key, _ := base64.StdEncoding.DecodeString(testKey)
	keys, _ := seal.New(key)
	st, err := store.Open(context.Background(), store.Options{DatabaseURL: os.Getenv("LETHE_DATABASE_URL"), Keys: keys})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

type planItem struct {
	System         string     `json:"system"`
	RecordType     string     `json:"record_type"`
	RecordID       string     `json:"record_id"`
	Action         string     `json:"action"`
	RetainUntil    *gdpr.Date `json:"retain_until"`
	LegalReference string     `json:"legal_reference"`
	KeepFields     []string   `json:"keep_fields"`
}

func TestErasureRequestEndToEnd(t *testing.T) {
	s, smtp := startStack(t, testenv.RealRedis, nil)
	e := seedErika(s.emu, s.domain)
	today := gdpr.FromTime(time.Now(), berlin(t))

	// A request the merchant received by letter: plan, review, approve.
	var created apiRequest
	if code := s.api("POST", "/api/requests", `{"type":"erasure","email":"`+e.email+`","name":"Erika Muster","channel":"letter"}`, &created); code != 201 {
		t.Fatalf("intake: %d", code)
	}
	s.waitStatus(created.ID, store.StatusAwaitingReview)
	var pl struct {
		Status string
		Items  []planItem
	}
	if code := s.api("GET", fmt.Sprintf("/api/requests/%d/plan", created.ID), "", &pl); code != 200 || len(pl.Items) == 0 {
		t.Fatalf("plan: %d %d items", code, len(pl.Items))
	}
	// The plan matches the rules core for every invoice: old ones erased,
	// recent ones archived until the right 31 December; the open order deferred.
	rule, _ := retention.DE().Rule(retention.Invoice)
	retained := 0
	for _, it := range pl.Items {
		if it.LegalReference == "" {
			t.Errorf("%s %s has no legal reference", it.RecordType, it.RecordID)
		}
		if it.RecordID == shopifytest.GID("Order", e.open) && it.Action != string(retention.ActionDefer) {
			t.Errorf("open order's %s: %s, want defer", it.RecordType, it.Action)
		}
		if it.Action == string(retention.ActionRetain) {
			retained++
		}
		if it.RecordType != string(retention.Invoice) {
			continue
		}
		var id int64
		fmt.Sscanf(it.RecordID, "gid://shopify/Order/%d", &id)
		at, ok := e.invoices[id]
		if !ok {
			continue // a guest order's invoice
		}
		dec, err := retention.Evaluate(rule, gdpr.Item{RecordType: retention.Invoice, Date: gdpr.FromTime(at, berlin(t))}, today)
		if err != nil {
			t.Fatal(err)
		}
		if it.Action != string(dec.Action) || fmt.Sprint(it.RetainUntil) != fmt.Sprint(dec.RetainUntil) {
			t.Errorf("invoice of %d: %s until %v, rules core: %s until %v", at.Year(), it.Action, it.RetainUntil, dec.Action, dec.RetainUntil)
		}
		if at.Year() >= 2019 && (it.RetainUntil == nil || it.RetainUntil.String() != fmt.Sprintf("%d-12-31", at.Year()+8)) {
			t.Errorf("invoice of %d retained until %v, want %d-12-31", at.Year(), it.RetainUntil, at.Year()+8)
		}
		if at.Year() <= 2016 && it.Action != string(retention.ActionErase) {
			t.Errorf("invoice of %d: %s, want erase (its period ended)", at.Year(), it.Action)
		}
	}
	if code := s.api("POST", fmt.Sprintf("/api/requests/%d/plan/approve", created.ID), "", nil); code != 202 {
		t.Fatalf("approve: %d", code)
	}
	done := s.waitStatus(created.ID, store.StatusCompleted)
	if !done.Partial {
		t.Error("completed without the partial flag, though invoices are kept")
	}
	if n := s.emu.MutationCount(s.domain, "customerRequestDataErasure", "customerId", shopifytest.GID("Customer", e.customerID)); n != 1 {
		t.Fatalf("customerRequestDataErasure calls: %d, want exactly 1", n)
	}

	// The merchant sends the confirmation after review.
	var es struct {
		Emails []struct {
			ID   int64
			Kind string
		}
	}
	s.api("GET", fmt.Sprintf("/api/requests/%d/emails", created.ID), "", &es)
	var confirmation int64
	for _, m := range es.Emails {
		if m.Kind == "erasure_partial" {
			confirmation = m.ID
		}
	}
	if confirmation == 0 {
		t.Fatalf("no partial-erasure confirmation draft: %+v", es.Emails)
	}
	if code := s.api("POST", fmt.Sprintf("/api/requests/%d/emails/%d/send", created.ID, confirmation), "", nil); code != 202 {
		t.Fatalf("send: %d", code)
	}
	msg := waitMail(t, smtp, e.email)
	for _, want := range []string{"2034", "Rechnung", "§ 14b"} { // German citation style: a space after §
		if !strings.Contains(msg.Text, want) {
			t.Errorf("confirmation lacks %q:\n%s", want, msg.Text)
		}
	}

	// Lethe holds no personal data of the customer outside the archive, and
	// the archive holds exactly the allowed fields.
	st := openStore(t)
	ctx := context.Background()
	deadline := time.Now().Add(30 * time.Second)
	for {
		emails, _ := st.EmailsOf(ctx, sh(t, st, s.domain).ID, created.ID)
		scrubbed := true
		for _, m := range emails {
			scrubbed = scrubbed && m.To == ""
		}
		if scrubbed || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	shop := sh(t, st, s.domain)
	assertForgotten(t, st, shop.ID, created.ID, []string{"erika", "Muster", "22112345", "Heidestr"})
	holds, _ := st.ArchiveEntries(ctx, shop.ID)
	t.Logf("plan: %d items, %d retained; archive: %d records; confirmation: %d bytes", len(pl.Items), retained, len(holds), len(msg.Text))
	if retained == 0 || len(holds) != retained {
		t.Errorf("archive holds %d records, the plan retains %d", len(holds), retained)
	}
	for _, h := range holds {
		if err := st.OpenArchiveEntry(&h); err != nil {
			t.Fatal(err)
		}
		rl, err := retention.DE().Rule(retention.RecordType(h.RecordType))
		if err != nil {
			t.Fatal(err)
		}
		for f := range h.Fields {
			if !slices.Contains(rl.KeepFields, f) {
				t.Errorf("archived %s %s keeps %q, which its duty does not cover", h.RecordType, h.RecordID, f)
			}
		}
		if len(h.Fields) == 0 {
			t.Errorf("archived %s %s holds nothing", h.RecordType, h.RecordID)
		}
	}

	// Shopify's customers/redact for her, later, joins the request.
	p := shopifytest.CustomersRedact(1, s.domain, shopifytest.WebhookCustomer{ID: e.customerID, Email: e.email}, nil)
	resp, err := shopifytest.SendWebhook(ctx, s.base+"/webhooks/shopify", "customers/redact", s.domain, p, s.app.ClientSecret)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("redact webhook: %v %v", resp, err)
	}
	resp.Body.Close()
	if rs := s.requests(); len(rs) != 1 {
		t.Fatalf("customers/redact made a second request: %d requests", len(rs))
	}
	if n := s.count("SELECT count(*) FROM request_events WHERE request_id = $1 AND action = 'platform.erasure_joined'", created.ID); n != 1 {
		t.Fatalf("join not recorded: %d", n)
	}
}

// Shopify's own customers/redact runs without review and sends nothing
// back to Shopify; its plan is recorded all the same.
func TestShopifyRedactRunsAutomatically(t *testing.T) {
	s, smtp := startStack(t, testenv.MemoryRedis, nil)
	e := seedErika(s.emu, s.domain)
	orders := []int64{}
	for id := range e.invoices {
		orders = append(orders, id)
	}
	p := shopifytest.CustomersRedact(1, s.domain, shopifytest.WebhookCustomer{ID: e.customerID, Email: e.email}, orders)
	resp, err := shopifytest.SendWebhook(context.Background(), s.base+"/webhooks/shopify", "customers/redact", s.domain, p, s.app.ClientSecret)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("redact webhook: %v %v", resp, err)
	}
	resp.Body.Close()
	r := s.requests()[0]
	s.waitStatus(r.ID, store.StatusCompleted)
	var pl struct {
		Automatic  bool   `json:"automatic"`
		ApprovedBy string `json:"approved_by"`
		Items      []planItem
	}
	if code := s.api("GET", fmt.Sprintf("/api/requests/%d/plan", r.ID), "", &pl); code != 200 || !pl.Automatic || len(pl.Items) == 0 {
		t.Fatalf("plan not recorded: %d %+v", code, pl.ApprovedBy)
	}
	if n := s.emu.MutationCount(s.domain, "customerRequestDataErasure", "", nil); n != 0 {
		t.Fatalf("asked Shopify to erase what it erases itself: %d calls", n)
	}
	msg := waitMail(t, smtp, e.email) // sent without review
	// Issue 12 point 9: Shopify erases by itself and held the webhook back:
	// the confirmation says the erasure was started, and names no day of
	// receipt (the webhook's arrival is not it).
	for _, want := range []string{"Sie haben uns gebeten, Ihre personenbezogenen Daten zu", "haben wir bei Shopify veranlasst", "eingeleitet, aber noch nicht abgeschlossen"} {
		if !strings.Contains(msg.Text, want) {
			t.Errorf("confirmation lacks %q:\n%s", want, msg.Text)
		}
	}
	var rj map[string]any
	if code := s.api("GET", fmt.Sprintf("/api/requests/%d", r.ID), "", &rj); code != 200 || rj["receipt"] != "unknown" || rj["due_at"] != nil || rj["platform_due_at"] == nil {
		t.Errorf("redact request: %d receipt %v due %v platform %v", code, rj["receipt"], rj["due_at"], rj["platform_due_at"])
	}
	st := openStore(t)
	shop := sh(t, st, s.domain)
	holds, _ := st.ArchiveEntries(context.Background(), shop.ID)
	if len(holds) == 0 {
		t.Fatal("invoice data of orders_to_redact not archived")
	}
}

func sh(t *testing.T, st *store.Store, domain string) *store.Shop {
	t.Helper()
	shop, err := st.ShopByDomain(context.Background(), "shopify", domain)
	if err != nil {
		t.Fatal(err)
	}
	return shop
}

func waitMail(t *testing.T, smtp *mailtest.Server, to string) mailtest.Message {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		for _, m := range smtp.Messages() {
			if slices.Contains(m.EnvelopeTo, to) && strings.HasPrefix(m.Subject, "") && strings.Contains(strings.ToLower(m.Subject+m.Text), "lösch") {
				return m
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no erasure confirmation to %s", to)
	return mailtest.Message{}
}

// assertForgotten checks that nothing of the person is left outside the
// archive: no found items, reports or links, an empty sealed subject and
// scrubbed e-mails, and none of the given strings in any clear column of
// any table.
func assertForgotten(t *testing.T, st *store.Store, shopID, requestID int64, needles []string) {
	t.Helper()
	ctx := context.Background()
	for _, table := range []string{"data_items", "reports", "report_links"} {
		var n int64
		st.GormForTests().Raw("SELECT count(*) FROM "+table+" WHERE request_id = ?", requestID).Scan(&n)
		if n != 0 {
			t.Errorf("%s still holds %d rows of the request", table, n)
		}
	}
	r, err := st.Request(ctx, shopID, requestID)
	if err != nil {
		t.Fatal(err)
	}
	if r.Subject.Email != "" || r.Subject.Name != "" || r.Subject.Phone != "" || r.Subject.CustomerID != "" || r.SubjectHash == "" {
		t.Errorf("subject not reduced to its hash: %+v hash=%q", r.Subject, r.SubjectHash)
	}
	emails, _ := st.EmailsOf(ctx, shopID, requestID)
	for _, m := range emails {
		merchant := m.Kind == "merchant_notice" || m.Kind == "erasure_recipients"
		if !merchant && (m.To != "" || m.BodyText != "" || m.BodyHTML != "") {
			t.Errorf("e-mail %d (%s) to the customer keeps its recipient or body", m.ID, m.Kind)
		}
		for _, n := range needles { // the merchant's notices name no customer either
			if strings.Contains(strings.ToLower(m.To+m.BodyText+m.BodyHTML), strings.ToLower(n)) {
				t.Errorf("e-mail %d (%s) holds %q", m.ID, m.Kind, n)
			}
		}
	}
	var tables []string
	st.GormForTests().Raw("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name NOT IN ('archive_entries', 'goose_db_version')").Scan(&tables)
	for _, table := range tables {
		rows, err := st.SQL().Query("SELECT * FROM " + table)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			rows.Scan(ptrs...)
			for i, v := range vals {
				text := strings.ToLower(fmt.Sprint(v))
				if b, ok := v.([]byte); ok {
					text = strings.ToLower(string(b))
				}
				for _, n := range needles {
					if strings.Contains(text, strings.ToLower(n)) {
						t.Errorf("%s.%s holds %q in clear", table, cols[i], n)
					}
				}
			}
		}
		rows.Close()
	}
}
