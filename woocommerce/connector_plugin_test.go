package woocommerce_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/classify"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/app/pipeline"
	"github.com/lethe-gdpr/lethe/woocommerce"
	"github.com/lethe-gdpr/lethe/woocommerce/wctest"
)

func itemOf(items []gdpr.Item, rt gdpr.RecordType, recordID string) *gdpr.Item {
	for i := range items {
		if items[i].RecordType == rt && items[i].RecordID == recordID {
			return &items[i]
		}
	}
	return nil
}

// With the companion plugin the WordPress user meta plugins added, her
// comments (with their IP address and browser as technical data) and her
// analytics row join what REST found; Johanna's comment does not; the
// rules core classifies all of it.
func TestConnectorDiscoverWithPlugin(t *testing.T) {
	e := wctest.StartTLS(t)
	s := e.SeedGerman()
	c := woocommerce.NewConnector(pluginClient(t, e), wooShop())
	res, err := c.Discover(ctx, connect.Subject{Email: s.AnnaEmail})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Limits) != 0 {
		t.Fatalf("limits %+v with the plugin", res.Limits)
	}
	acc := itemOf(res.Items, retention.CustomerAccount, itoa(s.AnnaID))
	if acc == nil {
		t.Fatal("no account item")
	}
	meta, _ := acc.Fields["wordpress_meta"].(map[string]any)
	if meta["description"] != "Kaffeeliebhaberin aus Leipzig, am liebsten Espresso." || meta["instagram"] != "https://instagram.com/anna.roestet" || meta["locale"] != "de_DE" {
		t.Fatalf("wordpress_meta %v", acc.Fields["wordpress_meta"])
	}
	// What REST shows already is not repeated: her meta_data, her name,
	// the nickname that is her username; internal keys never arrive.
	for _, k := range []string{"geburtstag", "_newsletter_optin", "first_name", "last_name", "nickname", "session_tokens", "wp_capabilities", "billing_title"} {
		if _, ok := meta[k]; ok {
			t.Errorf("wordpress_meta repeats %s", k)
		}
	}
	for _, id := range s.AnnaComments {
		cm := itemOf(res.Items, retention.Comment, "comment/"+itoa(id))
		if cm == nil || cm.Fields["kind"] != nil || cm.Fields["post_title"] == nil || cm.Fields["comment"] == nil || cm.Date.IsZero() {
			t.Fatalf("comment %d: %+v", id, cm)
		}
		if _, ok := cm.Fields["client_ip"]; ok {
			t.Errorf("comment %d keeps its IP address with the text", id)
		}
		tech := itemOf(res.Items, retention.TechnicalData, "comment/"+itoa(id))
		if tech == nil || tech.Fields["client_ip"] == nil || !strings.Contains(tech.Fields["user_agent"].(string), "Mozilla/5.0") {
			t.Fatalf("comment %d technical data: %+v", id, tech)
		}
	}
	for _, id := range s.DecoyComments {
		if itemOf(res.Items, retention.Comment, "comment/"+itoa(id)) != nil {
			t.Errorf("decoy comment %d found", id)
		}
	}
	an := itemOf(res.Items, retention.AnalyticsRecord, "analytics/"+itoa(s.AnnaAnalytics))
	if an == nil || an.Fields["kind"] != nil || an.Fields["city"] != "Leipzig" || an.Fields["email"] != s.AnnaEmail || an.Fields["registered_at"] == nil {
		t.Fatalf("analytics item %+v", an)
	}
	// REST's findings are all still there.
	if n := len(recordIDs(res.Items, retention.OrderConfirmation)); n != len(s.AnnaOrders)+len(s.AnnaGuestOrders) {
		t.Fatalf("%d orders", n)
	}

	cctx, err := pipeline.ClassifyContext(wooShop(), res.Recipients, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	entries, err := classify.Classify(res.Items, cctx)
	if err != nil || len(entries) != len(res.Items) {
		t.Fatalf("%d entries for %d items: %v", len(entries), len(res.Items), err)
	}
	if calls := e.PluginCalls(); len(calls) != 1 || calls[0].Route != "find" {
		t.Fatalf("plugin calls %+v", calls)
	}
}

// Without the plugin (not installed, or no secret held) discovery reads
// what REST shows and says what it could not search.
func TestConnectorDiscoverWithoutPlugin(t *testing.T) {
	for _, secret := range []bool{true, false} {
		e := wctest.StartTLS(t)
		s := e.SeedGerman()
		cl, _ := client(t, e, func(c *woocommerce.Config) {
			if secret {
				c.PluginSecret = woocommerce.NewPluginSecret()
			}
		})
		res, err := woocommerce.NewConnector(cl, wooShop()).Discover(ctx, connect.Subject{Email: s.AnnaEmail})
		if err != nil {
			t.Fatalf("secret %v: %v", secret, err)
		}
		if len(res.Limits) != 1 || res.Limits[0].Code != woocommerce.LimitPluginMissing ||
			!strings.Contains(res.Limits[0].DE, "Kommentare") || !strings.Contains(res.Limits[0].EN, "comments") {
			t.Fatalf("secret %v: limits %+v", secret, res.Limits)
		}
		if !res.Found || len(recordIDs(res.Items, retention.OrderConfirmation)) != len(s.AnnaOrders)+len(s.AnnaGuestOrders) {
			t.Fatalf("secret %v: found %v", secret, res.Found)
		}
		for _, it := range res.Items {
			if it.RecordType == retention.Comment || it.RecordType == retention.AnalyticsRecord || it.Fields["wordpress_meta"] != nil {
				t.Fatalf("secret %v: plugin data without the plugin: %+v", secret, it)
			}
		}
		if st := e.Stats(); st.ByRoute["POST lethe/find"] != map[bool]int{true: 1, false: 0}[secret] {
			t.Fatalf("secret %v: find called %d times", secret, st.ByRoute["POST lethe/find"])
		}
	}
}

// A person the store knows only from a comment is found.
func TestConnectorDiscoverCommentOnly(t *testing.T) {
	e := wctest.StartTLS(t)
	e.SeedGerman()
	id := e.AddComment(wctest.Comment{PostID: 3, PostTitle: "Neue Sorte", Author: "Lea", AuthorEmail: "lea@example.de", Content: "Lecker!", DateGMT: time.Now().AddDate(0, -1, 0)})
	res, err := woocommerce.NewConnector(pluginClient(t, e), wooShop()).Discover(ctx, connect.Subject{Email: "lea@example.de"})
	if err != nil || !res.Found || len(res.Items) != 1 || res.Items[0].RecordID != "comment/"+itoa(id) {
		t.Fatalf("found %v items %+v err %v", res.Found, res.Items, err)
	}
}

// Another failure of the plugin fails discovery like a REST call's: named,
// without the e-mail address, not a reason to connect again.
func TestConnectorPluginErrorFailsDiscovery(t *testing.T) {
	cases := map[string]func(e *wctest.Emulator){
		"wrong secret":   func(e *wctest.Emulator) { e.InstallPlugin("the merchant pasted another secret") },
		"not configured": func(e *wctest.Emulator) { e.InstallPlugin("") },
	}
	for name, setup := range cases {
		e := wctest.StartTLS(t)
		s := e.SeedGerman()
		cl := pluginClient(t, e)
		setup(e)
		_, err := woocommerce.NewConnector(cl, wooShop()).Discover(ctx, connect.Subject{Email: s.AnnaEmail})
		if err == nil || !strings.Contains(err.Error(), "asking the companion plugin") || errors.Is(err, connect.ErrReauth) {
			t.Fatalf("%s: err %v", name, err)
		}
		if sys, ok := connect.FailedSystem(err); !ok || sys != "woocommerce" {
			t.Fatalf("%s: system %q", name, sys)
		}
		if strings.Contains(strings.ToLower(err.Error()), "anna") {
			t.Fatalf("%s: personal data in %q", name, err)
		}
	}
}
