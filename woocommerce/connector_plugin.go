package woocommerce

import (
	"encoding/json"
	"strings"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
)

// What the companion plugin's find route adds to discovery (PROTOCOL.md):
// the user meta plugins keep, comments, WooCommerce's analytics row.

// LimitPluginMissing is the code of the limit a store without the
// companion plugin puts on discovery.
const LimitPluginMissing = "plugin_missing"

// pluginMissing tells the merchant what was not searched without the
// plugin.
var pluginMissing = connect.Limit{
	Code: LimitPluginMissing,
	DE: "Das Plugin „Lethe Privacy“ ist in diesem Shop nicht installiert oder nicht eingerichtet. Deshalb wurden nicht durchsucht: " +
		"Kommentare der Person (außer Produktbewertungen), ihre Daten in WooCommerce Analytics und die Angaben, die andere " +
		"Plugins in ihrem WordPress-Konto speichern. Prüfen Sie diese Daten im WordPress-Adminbereich, bevor Sie die Antwort " +
		"senden, oder installieren Sie das Plugin (Einstellungen → Verbundene Systeme).",
	EN: "The “Lethe Privacy” plugin is not installed or not set up in this store, so these were not searched: the person's comments " +
		"(other than product reviews), their data in WooCommerce Analytics and the details other plugins keep in their " +
		"WordPress account. Check them in the WordPress admin before you send the answer, or install the plugin " +
		"(Settings → Connected systems).",
}

// userMeta is the plugin's user meta that REST did not already show: keys
// outside the customer's meta_data, and WordPress's name fields only when
// they differ from the customer's. Values as the plugin sent them (JSON).
func userMeta(u *PluginUser, c *Customer) map[string]any {
	inREST := map[string]bool{}
	sameAs := map[string]string{}
	if c != nil {
		for _, m := range c.MetaData {
			inREST[m.Key] = true
		}
		sameAs["first_name"], sameAs["last_name"], sameAs["nickname"] = c.FirstName, c.LastName, c.Username
	}
	out := fields{}
	for _, k := range u.Meta.Keys() {
		if inREST[k] {
			continue
		}
		var v any
		if json.Unmarshal(u.Meta[k], &v) != nil {
			v = string(u.Meta[k])
		}
		if s, ok := v.(string); ok {
			if rest, known := sameAs[k]; known && strings.TrimSpace(rest) == strings.TrimSpace(s) {
				continue
			}
		}
		out.Set(k, v)
	}
	return out
}

// pluginUserItem is the WordPress user when REST showed no customer for
// it: the account as the plugin knows it.
func (m *mapper) pluginUserItem(u *PluginUser, meta map[string]any) gdpr.Item {
	f := fields{}
	f.Set("wordpress_meta", meta)
	return gdpr.Item{System: Platform, RecordType: retention.CustomerAccount, RecordID: id(u.ID), Fields: f}
}

// commentItems are a comment on the shop's posts and pages: the person's
// own published contribution without a duty to keep it (a comment item);
// the IP address and browser WordPress stored with it are technical data,
// as an order's are.
func (m *mapper) commentItems(c *PluginComment) []gdpr.Item {
	f := fields{}
	f.Set("post_title", c.PostTitle)
	if c.PostID != 0 {
		f.Set("post_id", id(c.PostID))
	}
	f.Set("comment", c.Content)
	f.Set("author", c.Author)
	f.Set("author_url", c.AuthorURL)
	f.Set("created_at", m.stamp(c.Date))
	items := []gdpr.Item{{System: Platform, RecordType: retention.Comment, RecordID: "comment/" + id(c.ID), Fields: f, Date: m.date(c.Date)}}
	if strings.TrimSpace(c.AuthorIP) != "" || strings.TrimSpace(c.UserAgent) != "" {
		t := fields{}
		t.Set("client_ip", c.AuthorIP)
		t.Set("user_agent", c.UserAgent)
		t.Set("post_title", c.PostTitle)
		items = append(items, gdpr.Item{System: Platform, RecordType: retention.TechnicalData, RecordID: "comment/" + id(c.ID), Fields: t, Date: m.date(c.Date)})
	}
	return items
}

// analyticsItem is WooCommerce's analytics row: a copy of the customer's
// name, e-mail address and location that the reports are built from. No
// duty keeps it (an analytics_record item, erased on request).
func (m *mapper) analyticsItem(a *PluginAnalytics) gdpr.Item {
	f := fields{}
	f.Set("username", a.Username)
	f.Set("first_name", a.FirstName)
	f.Set("last_name", a.LastName)
	f.Set("email", a.Email)
	f.Set("zip", a.Postcode)
	f.Set("city", a.City)
	f.Set("province", a.State)
	f.Set("country", a.Country)
	f.Set("registered_at", m.stamp(a.DateRegistered))
	f.Set("last_active_at", m.stamp(a.DateLastActive))
	date := a.DateRegistered
	if date.IsZero() {
		date = a.DateLastActive
	}
	return gdpr.Item{System: Platform, RecordType: retention.AnalyticsRecord, RecordID: "analytics/" + id(a.CustomerID), Fields: f, Date: m.date(date)}
}

// pluginItems maps what the plugin found: the user meta onto the account
// item of the same user REST found (accounts[i] is customers[i]'s), else
// an account item of its own; the comments; the analytics row when it is
// the person's (their e-mail address or user).
func (m *mapper) pluginItems(f *PluginFound, accounts []gdpr.Item, customers []Customer, email string) []gdpr.Item {
	var items []gdpr.Item
	users := map[int64]bool{}
	for _, c := range customers {
		users[c.ID] = true
	}
	if u := f.User; u != nil {
		users[u.ID] = true
		merged := false
		for i := range customers {
			if customers[i].ID == u.ID {
				connect.Fields(accounts[i].Fields).Set("wordpress_meta", userMeta(u, &customers[i]))
				merged = true
			}
		}
		if meta := userMeta(u, nil); !merged && len(meta) > 0 {
			items = append(items, m.pluginUserItem(u, meta))
		}
	}
	for i := range f.Comments {
		items = append(items, m.commentItems(&f.Comments[i])...)
	}
	if a := f.Analytics; a != nil && (strings.EqualFold(strings.TrimSpace(a.Email), strings.TrimSpace(email)) || a.UserID != 0 && users[a.UserID]) {
		items = append(items, m.analyticsItem(a))
	}
	return items
}
