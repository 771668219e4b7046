package wctest

import (
	"encoding/json"
	"net/mail"
	"sort"
	"strings"
	"time"
)

// pluginFind answers the plugin's find route (PROTOCOL.md): the WordPress
// user with the e-mail address and the user meta plugins added, the
// person's comments that are not product reviews (newest first, as
// get_comments orders them), and WooCommerce's analytics row. E-mail
// addresses compare as MySQL's collation does: without case.
func (e *Emulator) pluginFind(body map[string]json.RawMessage) (int, any, *wpError) {
	email := rawString(body, "email")
	if _, err := mail.ParseAddress(email); err != nil || strings.ContainsAny(email, "<> ") {
		return 0, nil, &wpError{Status: 400, Code: "lethe_invalid", Message: "email is not an e-mail address."}
	}
	p := e.pluginState()
	out := map[string]any{"user": nil, "comments": []map[string]any{}, "analytics": nil}
	var user *Customer
	for _, c := range e.customers {
		if strings.EqualFold(strings.TrimSpace(c.Email), email) {
			user = c
			break
		}
	}
	if user != nil {
		out["user"] = map[string]any{"id": user.ID, "meta": e.userMetaOf(user)}
	}
	var cs []*Comment
	for _, c := range p.comments {
		if strings.EqualFold(strings.TrimSpace(c.AuthorEmail), email) {
			cs = append(cs, c)
		}
	}
	sort.Slice(cs, func(i, j int) bool {
		if !cs[i].DateGMT.Equal(cs[j].DateGMT) {
			return cs[i].DateGMT.After(cs[j].DateGMT)
		}
		return cs[i].ID > cs[j].ID
	})
	list := make([]map[string]any, 0, len(cs))
	for _, c := range cs {
		list = append(list, map[string]any{
			"id": c.ID, "post_id": c.PostID, "post_title": c.PostTitle, "date_gmt": rfc3339(c.DateGMT),
			"content": c.Content, "author": c.Author, "author_url": c.AuthorURL, "author_ip": c.AuthorIP, "user_agent": c.UserAgent,
		})
	}
	out["comments"] = list
	if a := e.analyticsOf(email, user); a != nil {
		out["analytics"] = map[string]any{
			"customer_id": a.CustomerID, "user_id": a.UserID, "username": a.Username, "first_name": a.FirstName,
			"last_name": a.LastName, "email": a.Email, "country": a.Country, "postcode": a.Postcode, "city": a.City,
			"state": a.State, "date_registered": rfc3339(a.DateRegistered), "date_last_active": rfc3339(a.DateLastActive),
		}
	}
	return 200, out, nil
}

// analyticsOf is the analytics row of the user, else of the e-mail address
// (a guest's); e.mu is held.
func (e *Emulator) analyticsOf(email string, user *Customer) *AnalyticsCustomer {
	var best *AnalyticsCustomer
	for _, a := range e.pluginState().analytics {
		match := user != nil && a.UserID == user.ID || strings.EqualFold(strings.TrimSpace(a.Email), email)
		if match && (best == nil || a.CustomerID < best.CustomerID) {
			best = a
		}
	}
	return best
}

// userMetaOf is the user's meta as the plugin sends it: WordPress's own
// profile keys (nickname, first and last name, description …), what
// plugins stored (SetUserMeta, and the meta WooCommerce's REST shows as
// meta_data, which is user meta too), without the internal keys;
// e.mu is held.
func (e *Emulator) userMetaOf(c *Customer) map[string]any {
	out := map[string]any{}
	set := func(k string, v any) {
		if s, ok := v.(string); ok && strings.TrimSpace(s) == "" {
			return
		}
		if !internalUserMeta(k) {
			out[k] = v
		}
	}
	set("nickname", c.Username)
	set("first_name", c.FirstName)
	set("last_name", c.LastName)
	for _, m := range c.MetaData {
		set(m.Key, m.Value)
	}
	for k, v := range e.pluginState().userMeta[c.ID] {
		set(k, v)
	}
	return out
}

// internalUserMeta: keys the plugin leaves out — capabilities and user
// level, sessions, dismissed notices, screen settings, the addresses REST
// shows (billing_*, shipping_*) and WooCommerce's bookkeeping.
func internalUserMeta(k string) bool {
	switch k {
	case "session_tokens", "dismissed_wp_pointers", "rich_editing", "syntax_highlighting", "comment_shortcuts",
		"admin_color", "use_ssl", "show_admin_bar_front", "show_welcome_panel", "paying_customer", "last_update",
		"wc_last_active", "_order_count", "_money_spent", "_last_order", "_woocommerce_tracks_anon_id":
		return true
	}
	for _, p := range []string{"billing_", "shipping_", "_woocommerce_persistent_cart", "manageedit-", "closedpostboxes_", "metaboxhidden_"} {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return strings.HasSuffix(k, "capabilities") || strings.HasSuffix(k, "user_level") || strings.HasSuffix(k, "dashboard_quick_press_last_post_id")
}

// rfc3339 writes a plugin date: UTC, RFC 3339; null when unknown.
func rfc3339(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(time.RFC3339)
}
