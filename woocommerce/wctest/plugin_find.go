package wctest

import (
	"encoding/json"
	"regexp"
	"sort"
	"strconv"
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
	if !isEmail(email) {
		return 0, nil, errPluginEmail()
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
		if c.visible() && strings.EqualFold(strings.TrimSpace(c.AuthorEmail), email) {
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
	if a := e.analyticsOf(email); a != nil {
		out["analytics"] = map[string]any{
			"customer_id": a.CustomerID, "user_id": a.UserID, "username": a.Username, "first_name": a.FirstName,
			"last_name": a.LastName, "email": a.Email, "country": a.Country, "postcode": a.Postcode, "city": a.City,
			"state": a.State, "date_registered": rfc3339(a.DateRegistered), "date_last_active": rfc3339(a.DateLastActive),
		}
	}
	return 200, out, nil
}

// analyticsOf is the analytics row of the e-mail address as
// CustomersDataStore::get_customer_id_by_email finds it (ORDER BY user_id
// IS NOT NULL DESC LIMIT 1): a registered customer's row before a guest's,
// the first stored among equals; e.mu is held.
func (e *Emulator) analyticsOf(email string) *AnalyticsCustomer {
	var best *AnalyticsCustomer
	for _, a := range e.pluginState().analytics {
		if !strings.EqualFold(strings.TrimSpace(a.Email), email) {
			continue
		}
		switch {
		case best == nil:
			best = a
		case (a.UserID != 0) != (best.UserID != 0):
			if a.UserID != 0 {
				best = a
			}
		case a.CustomerID < best.CustomerID:
			best = a
		}
	}
	return best
}

// userMetaOf is the user's meta as the plugin sends it: WordPress's own
// profile keys (nickname, first and last name …), what plugins stored
// (SetUserMeta, and the meta WooCommerce's REST shows as meta_data, which
// is user meta too), without the internal keys; a value is a string (as
// WordPress stores every scalar) or an unserialized array, empty ones
// left out (Lethe_Privacy_Find::meta_value); e.mu is held.
func (e *Emulator) userMetaOf(c *Customer) map[string]any {
	out := map[string]any{}
	set := func(k string, v any) {
		if v = metaValue(v); v != nil && !internalUserMeta(k) {
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

// metaValue is a meta value as find sends it: scalars as the strings
// WordPress stores (true "1", false ""), arrays as they are; nil when
// empty.
func metaValue(v any) any {
	var s string
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		s = x
	case bool:
		if x {
			s = "1"
		}
	case float64:
		s = strconv.FormatFloat(x, 'f', -1, 64)
	case int:
		s = strconv.Itoa(x)
	case int64:
		s = strconv.FormatInt(x, 10)
	case json.Number:
		s = x.String()
	case []any:
		if len(x) == 0 {
			return nil
		}
		return x
	case map[string]any:
		if len(x) == 0 {
			return nil
		}
		return x
	default:
		return v
	}
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return s
}

// The user meta keys the plugin leaves out (PROTOCOL.md; the same lists as
// Lethe_Privacy_Find): WordPress's and WooCommerce's own bookkeeping,
// keys kept per site after the table prefix, screen options, dismissed
// notices, the addresses REST shows and the persistent cart.
var (
	internalMetaKeys = map[string]bool{
		"session_tokens": true, "dismissed_wp_pointers": true, "rich_editing": true, "syntax_highlighting": true,
		"comment_shortcuts": true, "admin_color": true, "use_ssl": true, "show_admin_bar_front": true, "show_welcome_panel": true,
		"default_password_nag": true, "last_update": true, "wc_last_active": true, "paying_customer": true, "_order_count": true,
		"_money_spent": true, "_last_order": true, "_woocommerce_tracks_anon_id": true, "_woocommerce_load_saved_cart_after_login": true,
		"woocommerce_admin_activity_panel_inbox_last_read": true,
	}
	siteMetaKey        = regexp.MustCompile(`^wp_([0-9]+_)?(capabilities|user_level|user-settings|user-settings-time|dashboard_quick_press_last_post_id|persisted_preferences|media_library_mode)$`)
	internalMetaPrefix = []string{"billing_", "shipping_", "closedpostboxes_", "metaboxhidden_", "meta-box-order_", "screen_layout_", "dismissed_", "_woocommerce_persistent_cart"}
	hiddenColumnsKey   = regexp.MustCompile(`^manage.+columnshidden$`)
)

// internalUserMeta reports whether the plugin leaves a user meta key out.
func internalUserMeta(k string) bool {
	if internalMetaKeys[k] || siteMetaKey.MatchString(k) || hiddenColumnsKey.MatchString(k) {
		return true
	}
	for _, p := range internalMetaPrefix {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// isEmail is WordPress's is_email.
func isEmail(s string) bool {
	if len(s) < 6 || strings.Index(s, "@") < 1 {
		return false
	}
	local, domain, _ := strings.Cut(s, "@")
	if !emailLocal.MatchString(local) || strings.Contains(domain, "..") || strings.Trim(domain, " \t\n\r\x00\x0b.") != domain {
		return false
	}
	subs := strings.Split(domain, ".")
	if len(subs) < 2 {
		return false
	}
	for _, sub := range subs {
		if strings.Trim(sub, " \t\n\r\x00\x0b-") != sub || !emailSub.MatchString(sub) {
			return false
		}
	}
	return true
}

var (
	emailLocal = regexp.MustCompile("^[a-zA-Z0-9!#$%&'*+/=?^_`{|}~.-]+$")
	emailSub   = regexp.MustCompile(`^(?i)[a-z0-9-]+$`)
)

// errPluginEmail is the plugin's answer to a body without an e-mail
// address.
func errPluginEmail() *wpError {
	return &wpError{Status: 400, Code: "lethe_invalid", Message: "email must be an e-mail address."}
}

// rfc3339 writes a plugin date: UTC, RFC 3339; null when unknown.
func rfc3339(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(time.RFC3339)
}
