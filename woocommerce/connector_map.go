package woocommerce

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/app/store"
)

// mapper turns WooCommerce records into items. Dates are days in the
// shop's zone; field names are the retention keep-list names (package
// retention, Field…) for what a duty covers, so an erasure plan keeps
// exactly those.
type mapper struct {
	loc           *time.Location
	sellerName    string
	sellerAddress map[string]any
}

func newMapper(sh *store.Shop) *mapper {
	return &mapper{loc: sh.Location(), sellerName: strings.TrimSpace(sh.Name), sellerAddress: shopAddress(sh.Address)}
}

func (m *mapper) date(t Time) gdpr.Date {
	if t.IsZero() {
		return gdpr.Date{}
	}
	return gdpr.FromTime(t.Time, m.loc)
}

func (m *mapper) datePtr(t Time) *gdpr.Date {
	if t.IsZero() {
		return nil
	}
	d := m.date(t)
	return &d
}

func (m *mapper) day(t Time) string {
	if t.IsZero() {
		return ""
	}
	return m.date(t).String()
}

func (m *mapper) stamp(t Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(m.loc).Format(time.RFC3339)
}

// fields drops empty values, so an item lists what the record holds.
type fields map[string]any

func (f fields) set(k string, v any) {
	switch v := v.(type) {
	case nil:
		return
	case string:
		if strings.TrimSpace(v) == "" {
			return
		}
	case []string:
		if len(v) == 0 {
			return
		}
	case []map[string]any:
		if len(v) == 0 {
			return
		}
	case map[string]any:
		if len(v) == 0 {
			return
		}
	case fields:
		if len(v) == 0 {
			return
		}
		f[k] = map[string]any(v)
		return
	}
	f[k] = v
}

// address is a postal address without phone and e-mail (separate,
// erasable fields).
func address(a Address) map[string]any {
	out := fields{}
	out.set("name", strings.TrimSpace(a.FirstName+" "+a.LastName))
	out.set("company", a.Company)
	out.set("address1", a.Address1)
	out.set("address2", a.Address2)
	out.set("zip", a.Postcode)
	out.set("city", a.City)
	out.set("province", a.State)
	out.set("country_code", a.Country)
	if len(out) == 0 {
		return nil
	}
	return out
}

func personName(a Address) string {
	if n := strings.TrimSpace(a.FirstName + " " + a.LastName); n != "" {
		return n
	}
	return strings.TrimSpace(a.Company)
}

// shopAddress reads the shop's postal address (shops.address, JSON) into
// the keys address() uses.
func shopAddress(raw string) map[string]any {
	var in map[string]any
	if json.Unmarshal([]byte(raw), &in) != nil || len(in) == 0 {
		return nil
	}
	str := func(keys ...string) string {
		for _, k := range keys {
			if s, ok := in[k].(string); ok && strings.TrimSpace(s) != "" {
				return strings.TrimSpace(s)
			}
		}
		return ""
	}
	out := fields{}
	out.set("company", str("company", "name"))
	out.set("address1", str("address1", "address_1", "street"))
	out.set("address2", str("address2", "address_2"))
	out.set("zip", str("zip", "postcode", "postal_code"))
	out.set("city", str("city"))
	out.set("province", str("province", "state"))
	out.set("country_code", str("country_code", "countryCode", "country"))
	if len(out) == 0 {
		return nil
	}
	return out
}

func metaRows(ms []Meta) []map[string]any {
	var out []map[string]any
	for _, mt := range ms {
		var v any
		if json.Unmarshal(mt.Value, &v) != nil {
			v = string(mt.Value)
		}
		out = append(out, map[string]any{"key": mt.Key, "value": v})
	}
	return out
}

func id(n int64) string { return strconv.FormatInt(n, 10) }

// accountItem is the WordPress user with its profile, addresses and meta.
func (m *mapper) accountItem(c *Customer) gdpr.Item {
	f := fields{}
	f.set("first_name", c.FirstName)
	f.set("last_name", c.LastName)
	f.set("username", c.Username)
	f.set("email", c.Email)
	f.set("role", c.Role)
	f.set("phone", c.Billing.Phone)
	if !strings.EqualFold(strings.TrimSpace(c.Billing.Email), strings.TrimSpace(c.Email)) {
		f.set("billing_email", c.Billing.Email)
	}
	f.set(retention.FieldBuyerAddress, address(c.Billing))
	f.set(retention.FieldShippingAddress, address(c.Shipping))
	f.set("shipping_phone", c.Shipping.Phone)
	f["is_paying_customer"] = c.IsPayingCustomer
	f.set("avatar_url", c.AvatarURL)
	f.set("created_at", m.stamp(c.DateCreated))
	f.set("updated_at", m.stamp(c.DateModified))
	f.set("metafields", metaRows(c.MetaData))
	return gdpr.Item{System: Platform, RecordType: retention.CustomerAccount, RecordID: id(c.ID), Fields: f, Date: m.date(c.DateCreated)}
}

// reviewItem is a product review. The rules core has no record type for
// reviews; they are the person's own contributions to the shop without a
// duty to keep them, which the customer account's rule (erase on request,
// no retention duty) fits: kind says what it is.
func (m *mapper) reviewItem(r *Review) gdpr.Item {
	f := fields{"kind": "product_review"}
	f.set("reviewer", r.Reviewer)
	f.set("reviewer_email", r.ReviewerEmail)
	f.set("review", r.Review)
	f["rating"] = r.Rating
	f["verified_owner"] = r.Verified
	f.set("status", r.Status)
	f.set("product_id", id(r.ProductID))
	f.set("product_name", r.ProductName)
	f.set("created_at", m.stamp(r.DateCreated))
	return gdpr.Item{System: Platform, RecordType: retention.CustomerAccount, RecordID: "review/" + id(r.ID), Fields: f, Date: m.date(r.DateCreated)}
}
