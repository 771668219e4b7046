package woocommerce_test

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/plan"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/woocommerce"
	"github.com/lethe-gdpr/lethe/woocommerce/wctest"
)

// storeNow is the store's and Lethe's clock in these tests: the plan, the
// store's dates and the plugin's signed timestamps agree.
var storeNow = time.Date(2026, time.November, 28, 11, 0, 0, 0, time.UTC)

// eraseRig is a store seeded with Erika Lindemann, a connector with the
// companion plugin's secret, and the plan the rules core makes of what
// discovery found (with her comment and analytics row, which the plugin's
// find route reports).
type eraseRig struct {
	e       *wctest.Emulator
	s       wctest.ErasureSample
	c       connect.Eraser
	key     wctest.Key
	entries []plan.Entry
	secret  string
}

func newEraseRig(t *testing.T, plugin bool, mod ...func(*woocommerce.Config)) *eraseRig {
	t.Helper()
	e := wctest.StartTLS(t, wctest.Options{Now: func() time.Time { return storeNow }, HangFor: time.Second})
	s := e.SeedErasure()
	secret := woocommerce.NewPluginSecret()
	if plugin {
		e.InstallPlugin(secret)
	}
	mods := append([]func(*woocommerce.Config){func(c *woocommerce.Config) {
		c.PluginSecret, c.Now = secret, func() time.Time { return storeNow }
	}}, mod...)
	cl, k := client(t, e, mods...)
	conn := woocommerce.NewConnector(cl, wooShop())
	res, err := conn.Discover(ctx, connect.Subject{Email: s.Email})
	if err != nil || !res.Found {
		t.Fatalf("discover: found %v, %v", res.Found, err)
	}
	items := res.Items
	for _, it := range []gdpr.Item{
		{System: woocommerce.Platform, RecordType: retention.Comment, RecordID: "comment/" + itoa(s.Comment), Fields: map[string]any{"comment": "x"}},
		{System: woocommerce.Platform, RecordType: retention.TechnicalData, RecordID: "comment/" + itoa(s.Comment), Fields: map[string]any{"client_ip": "x"}},
		{System: woocommerce.Platform, RecordType: retention.AnalyticsRecord, RecordID: "analytics/" + itoa(s.Analytics), Fields: map[string]any{"email": "x"}},
	} {
		if !slices.ContainsFunc(items, func(f gdpr.Item) bool { return f.RecordType == it.RecordType && f.RecordID == it.RecordID }) {
			items = append(items, it) // what the plugin's find route reports, when discovery does not ask it yet
		}
	}
	entries, err := plan.Plan(items, gdpr.FromTime(storeNow, time.UTC), retention.DE())
	if err != nil {
		t.Fatal(err)
	}
	e.ResetStats()
	return &eraseRig{e: e, s: s, c: conn.(connect.Eraser), key: k, entries: entries, secret: secret}
}

func (g *eraseRig) erase(t *testing.T) (connect.ErasureResult, error) {
	t.Helper()
	return g.c.Erase(ctx, connect.ErasureRequest{Subject: connect.Subject{Email: g.s.Email}, Entries: g.entries})
}

// invoiceJSON is what a kept invoice must keep byte for byte: totals, tax
// lines, the lines' taxes, and the tax location of both addresses.
func invoiceJSON(t *testing.T, g *eraseRig, id int64) string {
	t.Helper()
	st, _, m := raw(t, g.e, g.key, "GET", "/wp-json/wc/v3/orders/"+itoa(id), "")
	if st != 200 {
		t.Fatalf("order %d: %d", id, st)
	}
	keep := map[string]any{}
	for _, k := range []string{"total", "total_tax", "cart_tax", "shipping_tax", "shipping_total", "discount_total", "tax_lines", "line_items", "shipping_lines", "currency", "number", "date_created_gmt"} {
		keep[k] = m[k]
	}
	for _, a := range []string{"billing", "shipping"} {
		addr := m[a].(map[string]any)
		keep[a] = []any{addr["country"], addr["state"], addr["postcode"]}
	}
	keep["billing_name"] = []any{m["billing"].(map[string]any)["first_name"], m["billing"].(map[string]any)["last_name"],
		m["billing"].(map[string]any)["address_1"], m["billing"].(map[string]any)["city"]}
	b, _ := json.Marshal(keep)
	return string(b)
}

func TestEraseFollowsThePlanAndKeepsInvoicesUntouched(t *testing.T) {
	g := newEraseRig(t, true)
	s := g.s
	before := map[int64]string{}
	for _, id := range s.Kept {
		before[id] = invoiceJSON(t, g, id)
	}
	// The plan: what is kept, what goes.
	actions := map[string]retention.Action{}
	for _, e := range g.entries {
		actions[string(e.RecordType)+" "+e.RecordID] = e.Action
	}
	for k, want := range map[string]retention.Action{
		"invoice " + itoa(s.Recent): retention.ActionRetain, "order_confirmation " + itoa(s.Recent): retention.ActionRetain,
		"invoice " + itoa(s.Lapsed): retention.ActionRetain, "order_confirmation " + itoa(s.Lapsed): retention.ActionErase,
		"invoice " + itoa(s.Old): retention.ActionErase, "order_confirmation " + itoa(s.GuestOld): retention.ActionErase,
		"open_order " + itoa(s.Open): retention.ActionDefer, "technical_data " + itoa(s.Open): retention.ActionErase,
		"business_letter " + itoa(s.Recent) + "/note/" + itoa(s.Letters[s.Recent]): retention.ActionRetain,
		"business_letter " + itoa(s.Lapsed) + "/note/" + itoa(s.Letters[s.Lapsed]): retention.ActionErase,
	} {
		if actions[k] != want {
			t.Fatalf("plan: %s is %q, want %q", k, actions[k], want)
		}
	}

	res, err := g.erase(t)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Left) != 0 || res.Requested || res.Unsupported {
		t.Fatalf("result %+v", res)
	}
	t.Logf("detail: %s", res.Detail)

	// Kept invoices: byte for byte, never recalculated.
	for _, id := range s.Kept {
		if after := invoiceJSON(t, g, id); after != before[id] {
			t.Errorf("order %d changed:\nbefore %s\nafter  %s", id, before[id], after)
		}
		o, _ := g.e.Order(id)
		if o.Recalculations != 0 {
			t.Errorf("order %d recalculated %d times", id, o.Recalculations)
		}
		if o.Billing.FirstName != "Erika" || o.Billing.Address1 == "" || o.Billing.City != "Leipzig" {
			t.Errorf("order %d: the invoice address changed: %+v", id, o.Billing)
		}
	}
	// Closed kept orders: e-mail, phone, IP, browser, note, private notes gone.
	for _, id := range []int64{s.Recent, s.Lapsed, s.GuestRecent} {
		o, _ := g.e.Order(id)
		if o.Billing.Email != "deleted@site.invalid" || o.Billing.Phone != "" || o.CustomerIPAddress != "0.0.0.0" || o.CustomerUserAgent != "" || o.CustomerNote != "" {
			t.Errorf("order %d still holds e-mail %q phone %q ip %q ua %q note %q", id, o.Billing.Email, o.Billing.Phone, o.CustomerIPAddress, o.CustomerUserAgent, o.CustomerNote)
		}
		for _, n := range g.e.Notes(id) {
			if !n.CustomerNote {
				t.Errorf("order %d: private note %d kept", id, n.ID)
			}
		}
		if o.CustomerID != 0 {
			t.Errorf("order %d still names customer %d", id, o.CustomerID)
		}
	}
	// Her own meta went by REST, the payer meta with it; the plugin's own stays.
	recent, _ := g.e.Order(s.Recent)
	if keys := metaKeys(recent.MetaData); !slices.Equal(keys, []string{"_wc_order_attribution_source_type"}) {
		t.Errorf("recent order meta %v", keys)
	}
	if guest, _ := g.e.Order(s.GuestRecent); len(metaKeys(guest.MetaData)) != 0 {
		t.Errorf("guest order meta %v", metaKeys(guest.MetaData))
	}
	// The gift address: kept with the order confirmation of last year; gone
	// from the one whose confirmation lapsed, its tax location kept.
	if recent.Shipping.FirstName != "Paul" || recent.Shipping.Address1 == "" {
		t.Errorf("recent order's shipping address (kept with its confirmation): %+v", recent.Shipping)
	}
	lapsed, _ := g.e.Order(s.Lapsed)
	if lapsed.Shipping.FirstName != "" || lapsed.Shipping.Address1 != "" || lapsed.Shipping.City != "" ||
		lapsed.Shipping.Country != "DE" || lapsed.Shipping.Postcode != "01099" {
		t.Errorf("lapsed order's shipping address: %+v", lapsed.Shipping)
	}
	// Letters: last year's kept, the lapsed one's deleted.
	if !hasNote(g.e.Notes(s.Recent), s.Letters[s.Recent]) || hasNote(g.e.Notes(s.Lapsed), s.Letters[s.Lapsed]) {
		t.Errorf("letters: recent kept %v, lapsed deleted %v", hasNote(g.e.Notes(s.Recent), s.Letters[s.Recent]), !hasNote(g.e.Notes(s.Lapsed), s.Letters[s.Lapsed]))
	}
	// The open order keeps everything but its IP address and browser.
	open, _ := g.e.Order(s.Open)
	if open.Billing.Email != s.Email || open.Billing.Phone == "" || open.CustomerIPAddress != "0.0.0.0" || open.CustomerUserAgent != "" {
		t.Errorf("open order: e-mail %q phone %q ip %q ua %q", open.Billing.Email, open.Billing.Phone, open.CustomerIPAddress, open.CustomerUserAgent)
	}
	// Past retention: deleted with their notes.
	for _, id := range s.Deleted {
		if _, ok := g.e.Order(id); ok {
			t.Errorf("order %d not deleted", id)
		}
		if len(g.e.Notes(id)) != 0 {
			t.Errorf("order %d's notes not deleted", id)
		}
	}
	// Account, reviews, comment, analytics.
	if _, ok := g.e.Customer(s.CustomerID); ok {
		t.Error("customer not deleted")
	}
	for _, r := range s.Reviews {
		if _, ok := g.e.Review(r); ok {
			t.Errorf("review %d not deleted", r)
		}
	}
	if c, _ := g.e.Comment(s.Comment); c.AuthorEmail != "" || c.Author != "Anonymous" || c.AuthorIP != "203.0.113.0" || c.UserAgent != "" {
		t.Errorf("comment %+v", c)
	}
	if a, _ := g.e.Analytics(s.Analytics); a.Email != "deleted@site.invalid" || a.FirstName != "[deleted]" || a.UserID != 0 {
		t.Errorf("analytics %+v", a)
	}
	// The bystander is untouched.
	if _, ok := g.e.Order(s.BystanderOrder); !ok {
		t.Error("bystander's order deleted")
	}
	if _, ok := g.e.Review(s.BystanderReview); !ok {
		t.Error("bystander's review deleted")
	}

	st := g.e.Stats()
	assertOnce(t, st, expectedEffects(s))
	for k := range st.Effects {
		if strings.Contains(k, "billing") && strings.HasPrefix(k, "update") || strings.HasPrefix(k, "recalculate") || strings.Contains(k, "update order") && strings.HasSuffix(k, "shipping") {
			t.Errorf("effect %q: a kept order was sent billing or shipping", k)
		}
	}
	// Discovery asked the plugin once (find), the erasure once (erase),
	// with only the protocol's fields.
	var calls []wctest.PluginCall
	for _, c := range g.e.PluginCalls() {
		if c.Route != "find" {
			calls = append(calls, c)
		}
	}
	if len(calls) != 1 || calls[0].Route != "erase" {
		t.Fatalf("plugin calls %+v", calls)
	}
	if body := string(calls[0].Body["orders"]); strings.Contains(body, "billing_address") || strings.Contains(body, "customer_note") {
		t.Errorf("plugin body %s", body)
	}

	// Again (a retried step): nothing is done twice, nothing is left.
	res, err = g.erase(t)
	if err != nil || len(res.Left) != 0 {
		t.Fatalf("second run: %+v %v", res, err)
	}
	assertOnce(t, g.e.Stats(), expectedEffects(s))

	// The store would have changed last year's invoice on a PUT with billing:
	// the check above is not vacuous.
	c, _ := client(t, g.e)
	changed, err := c.UpdateOrder(ctx, s.Recent, map[string]any{"billing": map[string]any{"phone": ""}})
	if err != nil {
		t.Fatal(err)
	}
	var was map[string]any
	_ = json.Unmarshal([]byte(before[s.Recent]), &was)
	if changed.Total == was["total"] {
		t.Errorf("a PUT with billing kept the 16 %% order's total %s: the rig does not model the recalculation", changed.Total)
	}
}

func metaKeys(ms []wctest.Meta) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Key)
	}
	slices.Sort(out)
	return out
}

func hasNote(ns []wctest.Note, id int64) bool {
	for _, n := range ns {
		if n.ID == id {
			return true
		}
	}
	return false
}

// expectedEffects are the changes the erasure of Erika makes, each once.
func expectedEffects(s wctest.ErasureSample) []string {
	out := []string{
		"delete order " + itoa(s.Old), "delete order " + itoa(s.GuestOld),
		"delete customer " + itoa(s.CustomerID),
		"delete review " + itoa(s.Reviews[0]), "delete review " + itoa(s.Reviews[1]),
		"delete note " + itoa(s.Letters[s.Lapsed]),
		"update order " + itoa(s.Recent) + " customer_note", "update order " + itoa(s.Recent) + " meta_data",
		"update order " + itoa(s.GuestRecent) + " meta_data",
		"erase order " + itoa(s.Lapsed) + " shipping_address",
		"erase order " + itoa(s.Open) + " ip_address", "erase order " + itoa(s.Open) + " user_agent",
		"anonymize comment " + itoa(s.Comment), "anonymize analytics " + itoa(s.Analytics),
	}
	for _, o := range []int64{s.Recent, s.Lapsed, s.GuestRecent} {
		out = append(out, "delete note "+itoa(s.PrivateNotes[o]))
		for _, f := range []string{"billing_email", "billing_phone", "ip_address", "user_agent"} {
			out = append(out, "erase order "+itoa(o)+" "+f)
		}
	}
	return out
}

// assertOnce checks that every expected effect happened exactly once and
// nothing else happened.
func assertOnce(t *testing.T, st wctest.Stats, want []string) {
	t.Helper()
	for _, k := range want {
		if st.Effects[k] != 1 {
			t.Errorf("%q happened %d times, want once", k, st.Effects[k])
		}
	}
	for k, n := range st.Effects {
		if !slices.Contains(want, k) {
			t.Errorf("unexpected effect %q (%d×)", k, n)
		}
	}
}

func TestEraseWithoutPluginLeavesWhatOnlyThePluginErases(t *testing.T) {
	for _, c := range []struct {
		name   string
		setup  func(g *eraseRig)
		reason string
	}{
		{"not installed", func(*eraseRig) {}, plan.LeftNoPlugin},
		{"wrong secret", func(g *eraseRig) { g.e.InstallPlugin(woocommerce.NewPluginSecret()) }, plan.LeftPluginFailed},
		{"no secret saved in the plugin", func(g *eraseRig) { g.e.InstallPlugin("") }, plan.LeftPluginFailed},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := newEraseRig(t, false)
			c.setup(g)
			s := g.s
			res, err := g.erase(t)
			if err != nil {
				t.Fatal(err)
			}
			left := map[string][]string{}
			for _, l := range res.Left {
				if l.Reason != c.reason || l.System != "woocommerce" {
					t.Errorf("left %+v, want reason %s", l, c.reason)
				}
				left[string(l.RecordType)+" "+l.RecordID] = l.Fields
			}
			want := map[string][]string{
				"technical_data " + itoa(s.Recent): {"client_ip", "user_agent"}, "order_confirmation " + itoa(s.Recent): {"billing_phone", "email"},
				"technical_data " + itoa(s.Lapsed): {"client_ip", "user_agent"}, "order_confirmation " + itoa(s.Lapsed): {"billing_phone", "email", "shipping_address"},
				"technical_data " + itoa(s.GuestRecent): {"client_ip", "user_agent"}, "order_confirmation " + itoa(s.GuestRecent): {"billing_phone", "email"},
				"technical_data " + itoa(s.Open):     {"client_ip", "user_agent"},
				"comment comment/" + itoa(s.Comment): nil, "technical_data comment/" + itoa(s.Comment): nil,
				"analytics_record analytics/" + itoa(s.Analytics): nil,
			}
			for k, fs := range want {
				got, ok := left[k]
				if !ok || !slices.Equal(got, fs) {
					t.Errorf("left %s: %v (%v), want %v", k, got, ok, fs)
				}
			}
			if len(left) != len(want) {
				t.Errorf("left %v", left)
			}
			// What REST can do was done; what only the plugin can, untouched.
			o, _ := g.e.Order(s.Recent)
			if o.CustomerNote != "" || o.Billing.Email != s.Email || o.CustomerIPAddress == "0.0.0.0" || o.Recalculations != 0 {
				t.Errorf("recent order: note %q e-mail kept %v ip %q recalculations %d", o.CustomerNote, o.Billing.Email == s.Email, o.CustomerIPAddress, o.Recalculations)
			}
			for _, id := range s.Deleted {
				if _, ok := g.e.Order(id); ok {
					t.Errorf("order %d not deleted", id)
				}
			}
			if _, ok := g.e.Customer(s.CustomerID); ok {
				t.Error("customer not deleted")
			}
			for k := range g.e.Stats().Effects {
				if strings.HasPrefix(k, "erase ") || strings.HasPrefix(k, "anonymize ") {
					t.Errorf("effect %q without a working plugin", k)
				}
			}
			if strings.Contains(res.Detail, s.Email) || strings.Contains(plan.EncodeLeft(res.Left), "erika") {
				t.Errorf("personal data in %q", res.Detail)
			}
			// The confirmation's summary says what is not erased yet.
			sum := mail.SummarizeOutcome(g.entries, mail.Outcome{Left: res.Left})
			if sum.AllCarriedOut() || !sum.RemainingPartly || !slices.Contains(sum.RemainingAt, "woocommerce") {
				t.Fatalf("summary %+v", sum)
			}
			// Technical data: those of the deleted orders are erased, the
			// kept orders' and the comment's remain.
			count := func(cs []mail.RecordCount, rt gdpr.RecordType) int {
				for _, rc := range cs {
					if rc.RecordType == string(rt) {
						return rc.Count
					}
				}
				return 0
			}
			if count(sum.Erased, retention.TechnicalData) != len(s.Deleted) || count(sum.Remaining, retention.TechnicalData) != len(s.Kept)+1 {
				t.Errorf("technical data erased %+v, remaining %+v", sum.Erased, sum.Remaining)
			}
			if !slices.Equal(sum.RemainingFields, []string{"billing_phone", "email"}) {
				t.Errorf("remaining fields of kept records %v", sum.RemainingFields)
			}
		})
	}
}

// A kept order whose shipping address is kept (its order confirmation) but
// whose shipping phone is not: the plugin blanks the phone only with the
// address, so the phone is left for the merchant.
func TestEraseLeavesAShippingPhoneItCannotEraseAlone(t *testing.T) {
	e := wctest.StartTLS(t, wctest.Options{Now: func() time.Time { return storeNow }})
	b := wctest.ErikaBilling()
	sh := wctest.Shipping{FirstName: "Paul", LastName: "Lindemann", Address1: "Königsbrücker Straße 40", City: "Dresden", Postcode: "01099", Country: "DE", Phone: "+49 351 5550123"}
	id := e.AddOrder(wctest.Order{Billing: b, Shipping: sh, PaymentMethod: "bacs", DateCreated: storeNow.AddDate(-1, 0, 0),
		LineItems: []wctest.LineItem{{Name: "Kaffee", Quantity: 1, Total: 1290}}})
	secret := woocommerce.NewPluginSecret()
	e.InstallPlugin(secret)
	cl, _ := client(t, e, func(c *woocommerce.Config) { c.PluginSecret, c.Now = secret, func() time.Time { return storeNow } })
	conn := woocommerce.NewConnector(cl, wooShop())
	res, err := conn.Discover(ctx, connect.Subject{Email: b.Email})
	if err != nil {
		t.Fatal(err)
	}
	entries, err := plan.Plan(res.Items, gdpr.FromTime(storeNow, time.UTC), retention.DE())
	if err != nil {
		t.Fatal(err)
	}
	out, err := conn.(connect.Eraser).Erase(ctx, connect.ErasureRequest{Subject: connect.Subject{Email: b.Email}, Entries: entries})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Left) != 1 || out.Left[0].RecordType != retention.OrderConfirmation || !slices.Equal(out.Left[0].Fields, []string{"shipping_phone"}) || out.Left[0].Reason != plan.LeftInvoice {
		t.Fatalf("left %+v", out.Left)
	}
	o, _ := e.Order(id)
	if o.Shipping != sh || o.Billing.Email != "deleted@site.invalid" || o.Recalculations != 0 {
		t.Fatalf("order: shipping %+v e-mail %q recalculations %d", o.Shipping, o.Billing.Email, o.Recalculations)
	}
}

func TestEraseRevokedKeyNeedsReauth(t *testing.T) {
	g := newEraseRig(t, true)
	g.e.RevokeKey(g.key.ConsumerKey)
	_, err := g.erase(t)
	if !errors.Is(err, connect.ErrReauth) || !fault.IsPermanent(err) {
		t.Fatalf("err %v", err)
	}
	if sys, ok := connect.FailedSystem(err); !ok || sys != "woocommerce" {
		t.Fatalf("system %q", sys)
	}
	if len(g.e.Stats().Effects) != 0 {
		t.Fatalf("effects with a revoked key: %v", g.e.Stats().Effects)
	}
}

// A store that fails: answers lost after the change was made, 5xx, a hang,
// a step that gives up midway and runs again. The erasure completes, and
// nothing is done twice.
func TestEraseUnderFaultsDoesNothingTwice(t *testing.T) {
	short := func(c *woocommerce.Config) { c.AttemptTimeout = 300 * time.Millisecond; c.MaxAttempts = 3 }
	t.Run("lost answers and 5xx", func(t *testing.T) {
		g := newEraseRig(t, true, short)
		// Every fourth call is made but its answer lost; every seventh fails.
		for n := 1; n <= 80; n++ {
			switch {
			case n%4 == 0:
				g.e.FailRequest(n, wctest.FaultAfterCommit)
			case n%7 == 0:
				g.e.FailRequest(n, wctest.FaultBadGateway)
			}
		}
		res, err := g.erase(t)
		if err != nil || len(res.Left) != 0 {
			t.Fatalf("%+v %v", res, err)
		}
		st := g.e.Stats()
		assertOnce(t, st, expectedEffects(g.s))
		if st.Faults == 0 {
			t.Fatal("no fault was injected")
		}
		t.Logf("%d requests, %d faults", st.Requests, st.Faults)
	})
	t.Run("the plugin's answer is lost", func(t *testing.T) {
		g := newEraseRig(t, true, short)
		// Fail the plugin's call after it erased: find its request number.
		probe := newEraseRig(t, true, short)
		if _, err := probe.erase(t); err != nil {
			t.Fatal(err)
		}
		n := 0
		for k, v := range probe.e.Stats().ByRoute {
			if k == "POST lethe/erase" {
				n = v
			}
		}
		if n != 1 {
			t.Fatalf("probe: %d plugin calls", n)
		}
		// The plugin is the call after every REST call of the probe but the
		// account's deletion.
		st := probe.e.Stats()
		at := st.Requests - st.ByRoute["DELETE customers/{id}"]
		g.e.FailRequest(at, wctest.FaultAfterCommit)
		res, err := g.erase(t)
		if err != nil || len(res.Left) != 0 {
			t.Fatalf("%+v %v", res, err)
		}
		if gs := g.e.Stats(); gs.ByRoute["POST lethe/erase"] != 2 {
			t.Fatalf("plugin calls %d, want 2 (the first answer lost)", gs.ByRoute["POST lethe/erase"])
		}
		assertOnce(t, g.e.Stats(), expectedEffects(g.s))
	})
	t.Run("a hang", func(t *testing.T) {
		g := newEraseRig(t, true, short)
		g.e.FailRequest(3, wctest.FaultHang)
		g.e.FailRequest(9, wctest.FaultHang)
		res, err := g.erase(t)
		if err != nil || len(res.Left) != 0 {
			t.Fatalf("%+v %v", res, err)
		}
		assertOnce(t, g.e.Stats(), expectedEffects(g.s))
	})
	t.Run("gives up midway, runs again", func(t *testing.T) {
		g := newEraseRig(t, true, short)
		// Request 6 and its retries fail: the step fails, not for good.
		for n := 6; n < 6+3; n++ {
			g.e.FailRequest(n, wctest.FaultUnavailable)
		}
		_, err := g.erase(t)
		if err == nil || fault.IsPermanent(err) || errors.Is(err, connect.ErrReauth) {
			t.Fatalf("first run: %v, want a failure worth retrying", err)
		}
		if len(g.e.Stats().Effects) == 0 {
			t.Fatal("nothing was done before the failure")
		}
		res, err := g.erase(t)
		if err != nil || len(res.Left) != 0 {
			t.Fatalf("second run: %+v %v", res, err)
		}
		assertOnce(t, g.e.Stats(), expectedEffects(g.s))
	})
}

// The shop's own administrator asks for erasure: the account (whose key
// Lethe may use) is not deleted, but left for the merchant.
func TestEraseLeavesAnAdministratorsAccount(t *testing.T) {
	e := wctest.StartTLS(t, wctest.Options{Now: func() time.Time { return storeNow }})
	cl, _ := client(t, e)
	conn := woocommerce.NewConnector(cl, wooShop())
	res, err := conn.Discover(ctx, connect.Subject{Email: "inhaber@kaffee-lindner.example"})
	if err != nil || !res.Found {
		t.Fatalf("found %v %v", res.Found, err)
	}
	entries, err := plan.Plan(res.Items, gdpr.FromTime(storeNow, time.UTC), retention.DE())
	if err != nil {
		t.Fatal(err)
	}
	out, err := conn.(connect.Eraser).Erase(ctx, connect.ErasureRequest{Subject: connect.Subject{Email: "inhaber@kaffee-lindner.example"}, Entries: entries})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Left) != 1 || out.Left[0].RecordID != "1" || out.Left[0].Reason != plan.LeftStaffAccount || len(out.Left[0].Fields) != 0 {
		t.Fatalf("left %+v", out.Left)
	}
	if _, ok := e.Customer(1); !ok {
		t.Fatal("the administrator was deleted")
	}
}
