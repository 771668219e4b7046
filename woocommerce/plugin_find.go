package woocommerce

import (
	"bytes"
	"context"
	"encoding/json"
	"sort"
	"strings"
)

// PluginFound is the companion plugin's answer to find (plugin/PROTOCOL.md):
// what the store holds about an e-mail address that its REST API does not
// show.
type PluginFound struct {
	// User is the WordPress user with the e-mail address, nil when none.
	User *PluginUser `json:"user"`
	// Comments are the person's comments that are not product reviews,
	// newest first (by date, then id).
	Comments []PluginComment `json:"comments"`
	// Analytics is WooCommerce's analytics row of the person
	// (wc_customer_lookup), nil when none.
	Analytics *PluginAnalytics `json:"analytics"`
}

// PluginUser is the WordPress user and the meta that plugins added
// (WordPress's and WooCommerce's internal keys left out by the plugin).
type PluginUser struct {
	ID   int64      `json:"id"`
	Meta PluginMeta `json:"meta"`
}

// PluginMeta is user meta by key; each value is the JSON the plugin sent
// (a string, or the unserialized array of a serialized value).
type PluginMeta map[string]json.RawMessage

// UnmarshalJSON takes an object, and PHP's empty array ([]) for no meta.
func (m *PluginMeta) UnmarshalJSON(b []byte) error {
	if t := bytes.TrimSpace(b); bytes.Equal(t, []byte("[]")) || bytes.Equal(t, []byte("null")) {
		*m = nil
		return nil
	}
	var v map[string]json.RawMessage
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*m = v
	return nil
}

// Keys returns the meta keys, sorted.
func (m PluginMeta) Keys() []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// PluginComment is a WordPress comment on a post or page.
type PluginComment struct {
	ID        int64  `json:"id"`
	PostID    int64  `json:"post_id"`
	PostTitle string `json:"post_title"`
	Date      Time   `json:"date_gmt"`
	Content   string `json:"content"`
	Author    string `json:"author"`
	AuthorURL string `json:"author_url"`
	AuthorIP  string `json:"author_ip"`
	UserAgent string `json:"user_agent"`
}

// PluginAnalytics is a row of WooCommerce's analytics customer table: a
// copy of the customer's name, e-mail address and location that the
// analytics reports are built from.
type PluginAnalytics struct {
	CustomerID     int64  `json:"customer_id"`
	UserID         int64  `json:"user_id"` // 0 for a guest
	Username       string `json:"username"`
	FirstName      string `json:"first_name"`
	LastName       string `json:"last_name"`
	Email          string `json:"email"`
	Country        string `json:"country"`
	Postcode       string `json:"postcode"`
	City           string `json:"city"`
	State          string `json:"state"`
	DateRegistered Time   `json:"date_registered"`
	DateLastActive Time   `json:"date_last_active"`
}

// PluginFind asks the companion plugin what the store holds about email
// (sent without surrounding space, as the plugin's is_email wants it)
// beyond REST. ErrPluginMissing when the store has no plugin (or Lethe no
// secret for it); any other failure is an error like a REST call's
// (retried when the store fails, never naming the e-mail address).
func (c *Client) PluginFind(ctx context.Context, email string) (PluginFound, error) {
	var f PluginFound
	err := c.plugin(ctx, "find", map[string]any{"email": strings.TrimSpace(email)}, &f)
	return f, err
}
