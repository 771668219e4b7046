package woocommerce_test

import (
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/woocommerce"
	"github.com/lethe-gdpr/lethe/woocommerce/plugin"
	"github.com/lethe-gdpr/lethe/woocommerce/wctest"
)

// The emulator answers every golden exchange of woocommerce/plugin/testdata
// (the ones that need WooCommerce too) for the seed, Lethe's client sends
// exactly the golden requests and decodes every golden answer; the
// emulator's webhook is the golden one and Lethe answers it as golden. The
// same files run against the PHP plugin in real WordPress
// (cmd/lethe/wordpress_contract_test.go).
func TestPluginContractEmulator(t *testing.T) {
	p := newPluginEnv(t, store.SQLite)
	seed, err := plugin.LoadSeed()
	if err != nil {
		t.Fatal(err)
	}
	vars := plugin.Vars{"order_id": seedEmulator(t, p.emu, seed)}

	// The seed's privacy request, confirmed: the plugin's delivery.
	id := p.emu.CreatePrivacyRequest(seed.PrivacyRequest.Action, seed.PrivacyRequest.Email)
	d, ok := p.emu.ConfirmPrivacyRequest(id)
	if !ok || d.Err != nil {
		t.Fatalf("delivery %+v", d)
	}
	plugin.CheckWebhook(t, d.SentHeader, d.Sent, p.secret, time.Now(), vars)
	plugin.CheckWebhookAnswer(t, []byte(d.Body), true, vars)
	if again := p.emu.DeliverQueued(); len(again) != 0 {
		t.Fatalf("still queued: %+v", again)
	}
	_, answer := p.postRaw(t, d.Sent, d.DeliveryID)
	plugin.CheckWebhookAnswer(t, answer, false, vars)

	plugin.Run(t, plugin.Target{
		URL: p.emu.URL, HTTPClient: p.emu.Client, Secret: p.secret, WooCommerce: true,
		Unconfigure: func() { p.emu.InstallPlugin("") }, Reconfigure: func() { p.emu.InstallPlugin(p.secret) },
		Vars: plugin.Vars{"request_id": id, "order_id": vars["order_id"]},
	})
	if pr, _ := p.emu.PrivacyRequest(id); pr.Status != wctest.RequestCompleted {
		t.Errorf("request %+v, want completed", pr)
	}
	o, _ := p.emu.Order(vars["order_id"].(int64))
	if o.Billing.FirstName != "Johanna" || o.Billing.Email != "deleted@site.invalid" || o.Shipping.Postcode != "10623" || o.Shipping.City != "" {
		t.Errorf("order after erase: billing %+v shipping %+v", o.Billing, o.Shipping)
	}
}

// seedEmulator stores the seed in the emulator and returns the order's id.
func seedEmulator(t *testing.T, e *wctest.Emulator, s plugin.Seed) int64 {
	t.Helper()
	u := s.User
	uid := e.AddCustomer(wctest.Customer{Email: u.Email, Username: u.Login, FirstName: u.FirstName, LastName: u.LastName})
	for _, m := range []map[string]any{u.Meta, u.InternalMeta} {
		for k, v := range m {
			e.SetUserMeta(uid, k, v)
		}
	}
	gmt := func(s string) time.Time {
		at, err := time.ParseInLocation("2006-01-02 15:04:05", s, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		return at
	}
	const postID = 12
	for _, c := range s.Comments {
		status := c.Status
		if status == "approved" {
			status = ""
		}
		e.AddComment(wctest.Comment{PostID: postID, PostTitle: s.Post.Title, Author: c.Author, AuthorEmail: c.Email, AuthorURL: c.URL,
			AuthorIP: c.IP, UserAgent: c.Agent, Content: c.Content, DateGMT: gmt(c.DateGMT), Status: status})
	}
	product := e.AddProduct(wctest.Product{Name: "Espresso Bohnen"})
	e.AddReview(wctest.Review{ProductID: product, Status: "approved", Reviewer: s.Review.Author, ReviewerEmail: s.Review.Email,
		Review: s.Review.Content, Rating: 5, DateCreated: gmt(s.Review.DateGMT)})

	w := s.WooCommerce
	last, err := time.Parse(time.RFC3339, w.Analytics.DateLastActive)
	if err != nil {
		t.Fatal(err)
	}
	e.AddAnalytics(wctest.AnalyticsCustomer{FirstName: w.Analytics.FirstName, LastName: w.Analytics.LastName, Email: w.GuestEmail,
		Country: w.Analytics.Country, Postcode: w.Analytics.Postcode, City: w.Analytics.City, State: w.Analytics.State, DateLastActive: last})
	var sh wctest.Shipping
	b, _ := json.Marshal(w.Order.Shipping)
	if err := json.Unmarshal(b, &sh); err != nil {
		t.Fatal(err)
	}
	var meta []wctest.Meta
	for k, v := range w.Order.Meta {
		meta = append(meta, wctest.Meta{Key: k, Value: v})
	}
	sort.Slice(meta, func(i, j int) bool { return meta[i].Key < meta[j].Key })
	return e.AddOrder(wctest.Order{Status: "completed", CustomerIPAddress: w.Order.CustomerIPAddress, CustomerUserAgent: w.Order.CustomerUserAgent,
		CustomerNote: w.Order.CustomerNote, Shipping: sh, MetaData: meta,
		Billing: wctest.Billing{FirstName: "Johanna", LastName: "Schmidt", Address1: "Kantstraße 5", City: "Berlin", Postcode: "10623",
			Country: "DE", State: "BE", Email: w.GuestEmail, Phone: w.Order.BillingPhone},
		LineItems: []wctest.LineItem{{Name: "Espresso Bohnen", ProductID: product, Quantity: 1, Subtotal: 1299, Total: 1299}}})
}

// Every field of the client's answer types appears in the golden answers,
// and nothing else: a field renamed on one side fails here or in Run.
func TestPluginContractCoversClientTypes(t *testing.T) {
	exs, err := plugin.Exchanges()
	if err != nil {
		t.Fatal(err)
	}
	golden := map[string]map[string]bool{}
	for _, ex := range exs {
		if ex.Status != 200 {
			continue
		}
		if golden[ex.Route] == nil {
			golden[ex.Route] = map[string]bool{}
		}
		for k := range plugin.Keys(ex.Answer) {
			golden[ex.Route][k] = true
		}
	}
	for route, mk := range plugin.Answers {
		want := map[string]bool{}
		dynamic := jsonPaths(reflect.TypeOf(mk()).Elem(), "", want)
		for k := range golden[route] {
			if under(k, dynamic) {
				delete(golden[route], k)
			}
		}
		if g, w := sortedSet(golden[route]), sortedSet(want); strings.Join(g, " ") != strings.Join(w, " ") {
			t.Errorf("%s: golden answers hold %v,\nthe client's type %v", route, g, w)
		}
	}
}

// jsonPaths collects the JSON key paths of a type into out and returns the
// paths whose keys are data (maps: user.meta).
func jsonPaths(ty reflect.Type, prefix string, out map[string]bool) []string {
	for ty.Kind() == reflect.Pointer || ty.Kind() == reflect.Slice {
		ty = ty.Elem()
	}
	if ty == reflect.TypeOf(woocommerce.Time{}) || ty.Kind() != reflect.Struct {
		return nil
	}
	var dynamic []string
	for i := 0; i < ty.NumField(); i++ {
		f := ty.Field(i)
		name := strings.Split(f.Tag.Get("json"), ",")[0]
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[prefix+name] = true
		if f.Type.Kind() == reflect.Map {
			dynamic = append(dynamic, prefix+name)
			continue
		}
		dynamic = append(dynamic, jsonPaths(f.Type, prefix+name+".", out)...)
	}
	return dynamic
}

func under(k string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(k, p+".") {
			return true
		}
	}
	return false
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
