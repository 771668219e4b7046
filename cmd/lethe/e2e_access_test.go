package main

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/app/mail/mailtest"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/shopify/schema"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

const shopScopes = "read_customers,read_orders,read_all_orders,read_locales,write_customer_data_erasure"

// stackOptions vary the stack of startStackWith.
type stackOptions struct {
	Redis       string            // testenv.RealRedis or testenv.MemoryRedis
	Env         map[string]string // extra or overriding environment
	RestoreRate float64           // the shop's Shopify plan (0: Standard, 100/s)
	// Wrap, when set, stands in front of the emulator (e.g. a cost meter).
	Wrap func(http.Handler) http.Handler
}

// startStack runs `lethe serve` on Postgres and Redis against the emulator
// and an SMTP server, with the shop installed through token exchange.
func startStack(t testing.TB, redisKind string, extraEnv map[string]string) (*stack, *mailtest.Server) {
	return startStackWith(t, stackOptions{Redis: redisKind, Env: extraEnv})
}

func startStackWith(t testing.TB, o stackOptions) (*stack, *mailtest.Server) {
	t.Helper()
	app := shopifytest.App{ClientID: "lethe-e2e", ClientSecret: "shpss_e2e_secret", Scopes: shopScopes}
	var emu *shopifytest.Emulator
	if o.Wrap == nil {
		emu = shopifytest.Start(t, shopifytest.Options{App: app})
	} else {
		var err error
		if emu, err = shopifytest.New(shopifytest.Options{App: app, Schema: schema.ForTest(t)}); err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(o.Wrap(emu))
		t.Cleanup(srv.Close)
		emu.URL = srv.URL
	}
	smtp := mailtest.Start(t, mailtest.Options{})
	addr := freeAddr(t)
	clearEnv(t)
	env := map[string]string{
		"LETHE_ADDR": addr, "LETHE_PUBLIC_URL": "http://" + addr, "LETHE_DATA_DIR": t.TempDir(),
		"LETHE_SECRET_KEY": testKey, "LETHE_DATABASE_URL": testenv.DatabaseURL(t, store.Postgres), "LETHE_AUTO_MIGRATE": "true",
		"LETHE_REDIS_URL": testenv.Redis(t, o.Redis), "LETHE_SMTP_URL": smtp.URL(), "LETHE_MAIL_FROM": "Lethe <no-reply@lethe.test>",
		"SHOPIFY_API_KEY": app.ClientID, "SHOPIFY_API_SECRET": app.ClientSecret, "LETHE_SHOPIFY_API_ORIGIN": emu.URL,
		"LETHE_RECONCILE_INTERVAL": "2s",
	}
	for k, v := range o.Env {
		env[k] = v
	}
	for k, v := range env {
		t.Setenv(k, v)
	}
	s := &stack{t: t, emu: emu, app: app, domain: "moebel-mueller.myshopify.com"}
	emu.AddShop(s.domain, shopifytest.ShopOptions{Name: "Möbel Müller", Email: "datenschutz@moebel-mueller.de",
		Timezone: "Europe/Berlin", Country: "DE", City: "München", Address1: "Sendlinger Str. 1", Zip: "80331",
		RestoreRate: o.RestoreRate})
	s.base, s.stop = started(t, "serve")
	t.Cleanup(func() { s.stop() })
	// The merchant opens the app: managed installation by token exchange.
	if code := s.api("GET", "/api/requests", "", nil); code != 200 {
		t.Fatalf("first API call (token exchange): %d", code)
	}
	return s, smtp
}

type seeded struct {
	customerID int64
	orders     []int64 // every order of the person, guest orders included
	email      string
}

// seedJane: orders over several years, two guest orders with her e-mail,
// marketing consent and two addresses; she writes in English.
func seedJane(emu *shopifytest.Emulator, domain string) seeded {
	email := "jane.roe@example.com"
	home := shopifytest.Address{FirstName: "Jane", LastName: "Roe", Address1: "Leopoldstr. 10", City: "München", Zip: "80802", Country: "Germany", CountryCode: "DE", ProvinceCode: "BY"}
	work := shopifytest.Address{FirstName: "Jane", LastName: "Roe", Company: "Roe GmbH", Address1: "Marienplatz 1", City: "München", Zip: "80331", Country: "Germany", CountryCode: "DE"}
	id := emu.AddCustomer(domain, shopifytest.Customer{FirstName: "Jane", LastName: "Roe", Email: email, Phone: "+4989123456", Locale: "en",
		Addresses:      []shopifytest.Address{home, work},
		EmailMarketing: shopifytest.Consent{State: "SUBSCRIBED", OptInLevel: "CONFIRMED_OPT_IN", UpdatedAt: time.Date(2021, 4, 2, 9, 0, 0, 0, time.UTC)},
		CreatedAt:      time.Date(2019, 3, 1, 10, 0, 0, 0, time.UTC)})
	s := seeded{customerID: id, email: email}
	for i, year := range []int{2019, 2020, 2022, 2024, 2025, 2026} {
		s.orders = append(s.orders, emu.AddOrder(domain, shopifytest.Order{CustomerID: id, Email: email, ClientIP: "203.0.113.9",
			CreatedAt: time.Date(year, time.Month(2+i), 10, 12, 0, 0, 0, time.UTC), BillingAddress: &home, ShippingAddress: &work,
			PaymentGateways: []string{"paypal"},
			LineItems:       []shopifytest.LineItem{{Title: "Stuhl Eiche", Quantity: 2, SKU: "ST-1", UnitPrice: "119.00"}},
			TaxLines:        []shopifytest.TaxLine{{Title: "MwSt", Rate: 0.19, Price: "38.00"}}}))
	}
	for _, year := range []int{2023, 2026} { // checked out as a guest
		s.orders = append(s.orders, emu.AddOrder(domain, shopifytest.Order{Email: email, BillingAddress: &home,
			CreatedAt:       time.Date(year, 1, 20, 9, 0, 0, 0, time.UTC),
			PaymentGateways: []string{"shopify_payments"},
			LineItems:       []shopifytest.LineItem{{Title: "Kissen", Quantity: 1, SKU: "K-1", UnitPrice: "29.00"}}}))
	}
	return s
}

func TestAccessRequestEndToEnd(t *testing.T) {
	s, smtp := startStack(t, testenv.RealRedis, map[string]string{"LETHE_REPORT_LINK_TTL": "6s"})
	jane := seedJane(s.emu, s.domain)
	hansID := s.emu.AddCustomer(s.domain, shopifytest.Customer{FirstName: "Hans", LastName: "Huber", Email: "hans@example.de", Locale: "de"})
	s.emu.AddOrder(s.domain, shopifytest.Order{CustomerID: hansID, Email: "hans@example.de",
		CreatedAt: time.Date(2025, 6, 1, 10, 0, 0, 0, time.UTC), LineItems: []shopifytest.LineItem{{Title: "Tisch", Quantity: 1, UnitPrice: "499.00"}}})

	ctx := context.Background()
	for i, c := range []shopifytest.WebhookCustomer{{ID: jane.customerID, Email: jane.email}, {ID: hansID, Email: "hans@example.de"}} {
		p := shopifytest.DataRequest(1, s.domain, c, nil, int64(100+i))
		resp, err := shopifytest.SendWebhook(ctx, s.base+"/webhooks/shopify", "customers/data_request", s.domain, p, s.app.ClientSecret)
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("webhook: %v %v", resp, err)
		}
		resp.Body.Close()
	}
	rs := s.requests()
	if len(rs) != 2 {
		t.Fatalf("requests: %+v", rs)
	}
	hansReq, janeReq := rs[0], rs[1] // newest first
	s.waitStatus(janeReq.ID, store.StatusReady)
	s.waitStatus(hansReq.ID, store.StatusReady)

	// The report lists every order and field, each with purpose, legal
	// basis, recipients and a storage date matching the rules core.
	var full map[string]any
	if code := s.api("GET", fmt.Sprintf("/api/requests/%d/report.json", janeReq.ID), "", &full); code != 200 {
		t.Fatalf("report.json: %d", code)
	}
	if full["processed"] != true {
		t.Fatal("not processed")
	}
	items := full["copy"].(map[string]any)["items"].([]any)
	seen := map[string]map[string]bool{} // record id → record types
	today := gdpr.FromTime(time.Now(), berlin(t))
	for _, raw := range items {
		it := raw.(map[string]any)
		rt, id := it["record_type"].(string), it["record_id"].(string)
		if seen[id] == nil {
			seen[id] = map[string]bool{}
		}
		seen[id][rt] = true
		if len(it["purposes"].([]any)) == 0 || it["legal_basis"] == "" {
			t.Errorf("%s %s lacks purpose or legal basis", rt, id)
		}
		if len(it["recipients"].([]any)) == 0 {
			t.Errorf("%s %s has no recipient", rt, id)
		}
		storage := it["storage"].(map[string]any)
		if rt == string(retention.Invoice) {
			d, _ := gdpr.ParseDate(it["date"].(string))
			rule, _ := retention.DE().Rule(retention.Invoice)
			dec, err := retention.Evaluate(rule, gdpr.Item{RecordType: retention.Invoice, Date: d}, today)
			if err != nil {
				t.Fatal(err)
			}
			want := ""
			if dec.RetainUntil != nil {
				want = dec.RetainUntil.String()
			}
			if got, _ := storage["until"].(string); got != want || storage["legal_reference"] == "" {
				t.Errorf("invoice %s of %s: storage until %q, rules core says %q", id, d, got, want)
			}
		}
		if fields := it["fields"].(map[string]any); len(fields) == 0 {
			t.Errorf("%s %s has no fields", rt, id)
		}
	}
	for _, o := range jane.orders {
		gid := shopifytest.GID("Order", o)
		if !seen[gid]["order_confirmation"] || !seen[gid]["invoice"] {
			t.Errorf("order %s missing from the report: %v", gid, seen[gid])
		}
	}
	cust := seen[shopifytest.GID("Customer", jane.customerID)]
	if !cust["customer_account"] || !cust["newsletter_subscription"] {
		t.Errorf("customer items: %v", cust)
	}
	if len(full["answers"].(map[string]any)) != 2 {
		t.Fatal("answers not in both languages")
	}

	// Review, then send: the drafts go out in each customer's language.
	for _, r := range []apiRequest{janeReq, hansReq} {
		var es struct {
			Emails []struct {
				ID     int64  `json:"id"`
				Kind   string `json:"kind"`
				Locale string `json:"locale"`
			}
		}
		s.api("GET", fmt.Sprintf("/api/requests/%d/emails", r.ID), "", &es)
		sent := 0
		for _, e := range es.Emails {
			if e.Kind == "access_answer" {
				if code := s.api("POST", fmt.Sprintf("/api/requests/%d/emails/%d/send", r.ID, e.ID), "", nil); code != 202 {
					t.Fatalf("send: %d", code)
				}
				sent++
			}
		}
		if sent != 1 {
			t.Fatalf("request %d has %d answer drafts: %+v", r.ID, sent, es)
		}
		s.waitStatus(r.ID, store.StatusAnswered)
	}
	msgs := map[string]mailtest.Message{}
	for _, m := range smtp.Messages() {
		msgs[m.EnvelopeTo[0]] = m
	}
	janeMail, hansMail := msgs[jane.email], msgs["hans@example.de"]
	if !strings.Contains(janeMail.Text, "supervisory authority") || !strings.Contains(janeMail.Text, "Bayerisches Landesamt für Datenschutzaufsicht") {
		t.Errorf("English answer lacks the authority:\n%s", janeMail.Text)
	}
	if !strings.Contains(hansMail.Text, "Aufsichtsbehörde") || !strings.Contains(hansMail.Text, "Möbel Müller") {
		t.Errorf("German answer lacks the authority or the shop:\n%s", hansMail.Text)
	}
	link := regexp.MustCompile(`http://[^\s"<>]+/r/[A-Za-z0-9_-]+`).FindString(janeMail.Text)
	if link == "" {
		t.Fatalf("no signed link in:\n%s", janeMail.Text)
	}
	if strings.Contains(janeMail.Subject, "Jane") || strings.Contains(janeMail.Subject, jane.email) {
		t.Errorf("subject carries personal data: %q", janeMail.Subject)
	}
	// The merchant was told of each new request, without the customer's data.
	if n := len(msgs["datenschutz@moebel-mueller.de"].Text); n == 0 {
		t.Error("no merchant notice")
	}

	// The link serves the report until it expires, then refuses.
	code, _, html := get(t, link+"/report.html")
	if code != 200 || !strings.Contains(string(html), "Jane") {
		t.Fatalf("report.html via link: %d", code)
	}
	code, hdr, z := get(t, link+"/report.zip")
	if code != 200 || hdr.Get("Content-Type") != "application/zip" {
		t.Fatalf("report.zip via link: %d %s", code, hdr.Get("Content-Type"))
	}
	zr, err := zip.NewReader(bytes.NewReader(z), int64(len(z)))
	if err != nil {
		t.Fatal(err)
	}
	csvs := map[string]bool{}
	for _, f := range zr.File {
		csvs[f.Name] = true
	}
	if !csvs["invoice.csv"] || !csvs["order_confirmation.csv"] || !csvs["customer_account.csv"] {
		t.Errorf("zip lacks CSVs: %v", csvs)
	}
	time.Sleep(6500 * time.Millisecond) // LETHE_REPORT_LINK_TTL=6s
	if code, _, _ := get(t, link+"/report.html"); code != 410 {
		t.Fatalf("expired link answered %d, want 410", code)
	}
}

func berlin(t testing.TB) *time.Location {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
