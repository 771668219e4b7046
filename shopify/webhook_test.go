package shopify_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/deadline"
	"github.com/lethe-gdpr/lethe/app/logging"
	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/app/step"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/jobs"
	"github.com/lethe-gdpr/lethe/shopify"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

const secret = "shpss_webhook_test_secret"

type intake struct {
	st    *store.Store
	url   string
	h     http.Handler // the server, for requests served in the test's goroutine
	shop  *store.Shop
	other *store.Shop
	redis *jobs.Redis
	kinds *jobs.Kinds
	queue *jobs.Queue
	logs  *bytes.Buffer
}

func newIntake(t *testing.T, dialect string) *intake {
	t.Helper()
	ctx := context.Background()
	st := testenv.Store(t, dialect)
	r, err := jobs.OpenRedis(ctx, testenv.Redis(t, testenv.MemoryRedis))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	k := jobs.NewKinds()
	logs := &bytes.Buffer{}
	log := logging.New(logs, "text", "debug")
	k.Register(step.RedactShop, jobs.HandleShopRedact(st, log), jobs.KindOptions{})
	q := jobs.NewQueue(r, k)
	srv := server.New(server.Deps{Log: log})
	wh := &shopify.Webhooks{Secret: secret, MaxBytes: 1 << 20, Store: st, Queue: q, Log: log}
	srv.Echo().POST("/webhooks/shopify", wh.Handle)
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	in := &intake{st: st, url: ts.URL + "/webhooks/shopify", h: srv.Handler(), redis: r, kinds: k, queue: q, logs: logs}
	in.shop = &store.Shop{Platform: "shopify", Domain: "moebel-berlin.myshopify.com", Region: "BE", Timezone: "Europe/Berlin"}
	in.other = &store.Shop{Platform: "shopify", Domain: "other.myshopify.com", Region: "BY"}
	for _, sh := range []*store.Shop{in.shop, in.other} {
		if err := st.UpsertShop(ctx, sh); err != nil {
			t.Fatal(err)
		}
		if err := st.SetCredentials(ctx, sh.ID, shopify.Credentials{AccessToken: "shpat_x"}); err != nil {
			t.Fatal(err)
		}
	}
	return in
}

func (in *intake) send(t *testing.T, topic, domain string, payload any, o shopifytest.WebhookOptions) (int, string) {
	t.Helper()
	resp, err := shopifytest.SendWebhookWith(context.Background(), in.url, topic, domain, payload, secret, o)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func (in *intake) count(t *testing.T, table, where string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := in.st.GormForTests().Raw("SELECT count(*) FROM "+table+" WHERE "+where, args...).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

var jane = shopifytest.WebhookCustomer{ID: 191167, Email: "jane.doe@example.com", Phone: "+49 170 1234567"}

func TestComplianceWebhooks(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			in := newIntake(t, dialect)
			ctx := context.Background()
			dom := in.shop.Domain
			before := time.Now()

			// customers/data_request → an access request with the rules core's due dates.
			p := shopifytest.DataRequest(954889, dom, jane, []int64{299938, 280263}, 9999)
			if code, body := in.send(t, shopify.TopicDataRequest, dom, p, shopifytest.WebhookOptions{WebhookID: "wh-1"}); code != 200 {
				t.Fatalf("data_request: %d %s", code, body)
			}
			rs, err := in.st.ListRequests(ctx, in.shop.ID, store.RequestFilter{})
			if err != nil || len(rs) != 1 {
				t.Fatalf("requests: %d %v", len(rs), err)
			}
			r := rs[0]
			if r.Type != store.TypeAccess || r.Source != "shopify" || r.Status != store.StatusReceived || r.ExternalID != "9999" {
				t.Fatalf("request: %+v", r)
			}
			if r.Subject.Email != jane.Email || r.Subject.Phone != jane.Phone || r.Subject.CustomerID != "gid://shopify/Customer/191167" ||
				strings.Join(r.Subject.OrderIDs, ",") != "gid://shopify/Order/299938,gid://shopify/Order/280263" {
				t.Fatalf("subject: %+v", r.Subject)
			}
			place, _ := gdpr.ParsePlace("DE", "BE")
			berlin, _ := time.LoadLocation("Europe/Berlin")
			want := deadline.Due(r.ReceivedAt, place, berlin)
			if r.DueAt.String() != want.Due.String() || r.ExtendedDueAt.String() != want.ExtendedDue.String() {
				t.Fatalf("due %s/%s, rules core says %s/%s", r.DueAt, r.ExtendedDueAt, want.Due, want.ExtendedDue)
			}
			if r.PlatformDueAt == nil || r.PlatformDueAt.String() != gdpr.FromTime(r.ReceivedAt.Add(30*24*time.Hour), berlin).String() {
				t.Fatalf("shopify's 30-day limit not recorded: %v", r.PlatformDueAt)
			}
			if r.ReceivedAt.Before(before.Add(-time.Second)) {
				t.Fatalf("received_at %v", r.ReceivedAt)
			}
			if n := in.count(t, "steps", "request_id = ? AND kind = ? AND status = 'pending'", r.ID, step.Discover); n != 1 {
				t.Fatalf("discover steps: %d", n)
			}
			if n := in.count(t, "request_events", "request_id = ? AND action = 'request.created'", r.ID); n != 1 {
				t.Fatalf("audit events: %d", n)
			}
			if n := in.count(t, "webhook_deliveries", "delivery_id = 'wh-1' AND status = 'accepted' AND request_id = ?", r.ID); n != 1 {
				t.Fatalf("delivery rows: %d", n)
			}

			// The same delivery again: 200, no second effect.
			if code, _ := in.send(t, shopify.TopicDataRequest, dom, p, shopifytest.WebhookOptions{WebhookID: "wh-1"}); code != 200 {
				t.Fatalf("duplicate: %d", code)
			}
			if n := in.count(t, "requests", "shop_id = ?", in.shop.ID); n != 1 {
				t.Fatalf("duplicate made a second request: %d", n)
			}

			// customers/redact → an erasure request.
			rp := shopifytest.CustomersRedact(954889, dom, jane, []int64{299938})
			if code, body := in.send(t, shopify.TopicRedact, dom, rp, shopifytest.WebhookOptions{}); code != 200 {
				t.Fatalf("redact: %d %s", code, body)
			}
			er, _ := in.st.ListRequests(ctx, in.shop.ID, store.RequestFilter{Type: store.TypeErasure})
			if len(er) != 1 || er[0].Subject.OrderIDs[0] != "gid://shopify/Order/299938" {
				t.Fatalf("erasure request: %+v", er)
			}

			// A customer known only by e-mail is a valid request.
			onlyMail := shopifytest.CustomersRedact(954889, dom, shopifytest.WebhookCustomer{Email: "only@example.com"}, nil)
			body, _ := json.Marshal(onlyMail)
			body = bytes.Replace(body, []byte(`"id":0,`), nil, 1)
			if code, b := in.send(t, shopify.TopicRedact, dom, nil, shopifytest.WebhookOptions{Body: body}); code != 200 {
				t.Fatalf("e-mail only: %d %s", code, b)
			}

			// No personal data reached the log.
			for _, leak := range []string{"jane", "1234567", "only@example.com"} {
				if strings.Contains(in.logs.String(), leak) {
					t.Fatalf("log leaks %q", leak)
				}
			}
		})
	}
}

func TestWebhookRejections(t *testing.T) {
	in := newIntake(t, store.Postgres)
	dom := in.shop.Domain
	p := shopifytest.DataRequest(1, dom, jane, nil, 5)
	good, _ := json.Marshal(p)
	cases := []struct {
		name   string
		topic  string
		domain string
		o      shopifytest.WebhookOptions
		want   int
	}{
		{"wrong hmac", shopify.TopicDataRequest, dom, shopifytest.WebhookOptions{HMAC: shopify.SignWebhook(good, "other-secret")}, 401},
		{"garbage hmac", shopify.TopicDataRequest, dom, shopifytest.WebhookOptions{HMAC: "not base64 !"}, 401},
		{"missing hmac", shopify.TopicDataRequest, dom, shopifytest.WebhookOptions{HMAC: "-"}, 401},
		{"body over the limit", shopify.TopicDataRequest, dom, shopifytest.WebhookOptions{Body: bytes.Repeat([]byte("x"), 1<<20+1)}, 413},
		{"empty body", shopify.TopicDataRequest, dom, shopifytest.WebhookOptions{Body: []byte{}}, 400},
		{"malformed json", shopify.TopicDataRequest, dom, shopifytest.WebhookOptions{Body: []byte(`{"shop_domain":"` + dom + `","customer":`)}, 400},
		{"no customer", shopify.TopicDataRequest, dom, shopifytest.WebhookOptions{Body: []byte(`{"shop_id":1,"shop_domain":"` + dom + `"}`)}, 400},
		{"domain mismatch", shopify.TopicDataRequest, in.other.Domain, shopifytest.WebhookOptions{}, 400},
		{"bad shop header", shopify.TopicDataRequest, "evil.example.com", shopifytest.WebhookOptions{}, 400},
		{"unknown topic", "orders/create", dom, shopifytest.WebhookOptions{}, 200},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, body := in.send(t, c.topic, c.domain, p, c.o)
			if code != c.want {
				t.Fatalf("status %d, want %d (%s)", code, c.want, body)
			}
			if code >= 400 && !strings.Contains(body, `"message"`) {
				t.Fatalf("error without a reason: %s", body)
			}
			// The error codes are stable: clients and dashboards key on them.
			if want := map[int]string{400: "bad_request", 401: "unauthorized", 413: "body_too_large"}[code]; want != "" &&
				!strings.Contains(body, `"code":"`+want+`"`) {
				t.Fatalf("status %d without code %s: %s", code, want, body)
			}
		})
	}
	if n := in.count(t, "requests", "1 = 1"); n != 0 {
		t.Fatalf("rejected webhooks created %d requests", n)
	}
	// Malformed payloads with a valid HMAC are kept (sealed) for inspection.
	var raw []byte
	in.st.GormForTests().Raw("SELECT body FROM webhook_deliveries WHERE status = 'malformed' ORDER BY id LIMIT 1").Scan(&raw)
	if len(raw) == 0 || bytes.Contains(raw, []byte(dom)) {
		t.Fatalf("malformed body not recorded sealed: %q", raw)
	}
	if n := in.count(t, "webhook_deliveries", "status = 'ignored' AND topic = 'orders/create'"); n != 1 {
		t.Fatalf("unknown topic not recorded as ignored: %d", n)
	}
	// A shop Lethe does not know: 200 (Shopify must not retry), nothing created.
	code, _ := in.send(t, shopify.TopicDataRequest, "stranger.myshopify.com", shopifytest.DataRequest(1, "stranger.myshopify.com", jane, nil, 1), shopifytest.WebhookOptions{})
	if code != 200 || in.count(t, "webhook_deliveries", "shop_domain = 'stranger.myshopify.com' AND status = 'ignored'") != 1 {
		t.Fatalf("unknown shop: %d", code)
	}
}

func TestUninstallThenShopRedactLeavesNothing(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			in := newIntake(t, dialect)
			ctx := context.Background()
			dom := in.shop.Domain
			for i := range 5 {
				c := shopifytest.WebhookCustomer{ID: int64(100 + i), Email: "c@example.com"}
				in.send(t, shopify.TopicDataRequest, dom, shopifytest.DataRequest(1, dom, c, nil, int64(i+1)), shopifytest.WebhookOptions{})
				in.send(t, shopify.TopicDataRequest, in.other.Domain, shopifytest.DataRequest(2, in.other.Domain, c, nil, int64(i+1)), shopifytest.WebhookOptions{})
			}
			if err := in.st.CreateArchiveEntry(ctx, &store.ArchiveEntry{ShopID: in.shop.ID, System: "shopify", RecordType: "invoice", RecordID: "1",
				LegalReference: "§147 AO", RetainUntil: store.DayOf(2034, 12, 31), Fields: map[string]any{"invoice_number": "1001"}}, []string{"invoice_number"}); err != nil {
				t.Fatal(err)
			}

			// app/uninstalled: tokens dropped at once, data kept.
			if code, b := in.send(t, shopify.TopicUninstalled, dom, map[string]any{"id": 1, "myshopify_domain": dom}, shopifytest.WebhookOptions{}); code != 200 {
				t.Fatalf("uninstalled: %d %s", code, b)
			}
			sh, _ := in.st.Shop(ctx, in.shop.ID)
			if sh.Status != store.ShopUninstalled || sh.UninstalledAt == nil || len(sh.Credentials) != 0 {
				t.Fatalf("after uninstall: status %s creds %d", sh.Status, len(sh.Credentials))
			}

			// shop/redact: everything of the shop goes, the other shop keeps all.
			otherRequests := in.count(t, "requests", "shop_id = ?", in.other.ID)
			if code, b := in.send(t, shopify.TopicShopRedact, dom, shopifytest.ShopRedact(1, dom), shopifytest.WebhookOptions{}); code != 200 {
				t.Fatalf("shop/redact: %d %s", code, b)
			}
			w := jobs.NewWorker(in.redis, in.st, in.queue, in.kinds, nil, slog.New(slog.NewTextHandler(io.Discard, nil)), jobs.WorkerOptions{Concurrency: 2})
			if err := w.Start(ctx); err != nil {
				t.Fatal(err)
			}
			defer w.Shutdown()
			deadline := time.Now().Add(60 * time.Second)
			for in.count(t, "shops", "id = ?", in.shop.ID) != 0 {
				if time.Now().After(deadline) {
					t.Fatal("shop not redacted")
				}
				time.Sleep(20 * time.Millisecond)
			}
			for _, q := range []struct{ table, where string }{
				{"requests", "shop_id = ?"}, {"request_events", "shop_id = ?"}, {"data_items", "shop_id = ?"},
				{"archive_entries", "shop_id = ?"}, {"steps", "shop_id = ?"},
			} {
				if n := in.count(t, q.table, q.where, in.shop.ID); n != 0 {
					t.Errorf("%s still holds %d rows of the shop", q.table, n)
				}
			}
			if n := in.count(t, "webhook_deliveries", "shop_domain = ?", dom); n != 0 {
				t.Errorf("webhook_deliveries still holds %d rows of the shop", n)
			}
			if n := in.count(t, "requests", "shop_id = ?", in.other.ID); n != otherRequests || n == 0 {
				t.Errorf("the other shop lost requests: %d of %d", n, otherRequests)
			}
		})
	}
}
