package woocommerce

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/lethe-gdpr/lethe/app/connect"
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

// fields are an item's fields (connect.Fields: empty values are dropped).
type fields = connect.Fields

// address is a postal address without phone and e-mail (separate,
// erasable fields).
func address(a Address) map[string]any {
	out := fields{}
	out.Set("name", strings.TrimSpace(a.FirstName+" "+a.LastName))
	out.Set("company", a.Company)
	out.Set("address1", a.Address1)
	out.Set("address2", a.Address2)
	out.Set("zip", a.Postcode)
	out.Set("city", a.City)
	out.Set("province", a.State)
	out.Set("country_code", a.Country)
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
	out.Set("company", str("company", "name"))
	out.Set("address1", str("address1", "address_1", "street"))
	out.Set("address2", str("address2", "address_2"))
	out.Set("zip", str("zip", "postcode", "postal_code"))
	out.Set("city", str("city"))
	out.Set("province", str("province", "state"))
	out.Set("country_code", str("country_code", "countryCode", "country"))
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
	f.Set("first_name", c.FirstName)
	f.Set("last_name", c.LastName)
	f.Set("username", c.Username)
	f.Set("email", c.Email)
	f.Set("role", c.Role)
	f.Set("phone", c.Billing.Phone)
	if !strings.EqualFold(strings.TrimSpace(c.Billing.Email), strings.TrimSpace(c.Email)) {
		f.Set("billing_email", c.Billing.Email)
	}
	f.Set(retention.FieldBuyerAddress, address(c.Billing))
	f.Set(retention.FieldShippingAddress, address(c.Shipping))
	f.Set("shipping_phone", c.Shipping.Phone)
	f["is_paying_customer"] = c.IsPayingCustomer
	f.Set("avatar_url", c.AvatarURL)
	f.Set("created_at", m.stamp(c.DateCreated))
	f.Set("updated_at", m.stamp(c.DateModified))
	f.Set("metafields", metaRows(c.MetaData))
	return gdpr.Item{System: Platform, RecordType: retention.CustomerAccount, RecordID: id(c.ID), Fields: f, Date: m.date(c.DateCreated)}
}

// reviewItem is a product review the person published on the shop:
// retention.ProductReview, erased on request (no duty keeps it), never
// deferred with an order. Its record id is "review/<id>".
func (m *mapper) reviewItem(r *Review) gdpr.Item {
	f := fields{}
	f.Set("reviewer", r.Reviewer)
	f.Set("reviewer_email", r.ReviewerEmail)
	f.Set("review", r.Review)
	f["rating"] = r.Rating
	f["verified_owner"] = r.Verified
	f.Set("status", r.Status)
	f.Set("product_id", id(r.ProductID))
	f.Set("product_name", r.ProductName)
	f.Set("created_at", m.stamp(r.DateCreated))
	return gdpr.Item{System: Platform, RecordType: retention.ProductReview, RecordID: "review/" + id(r.ID), Fields: f, Date: m.date(r.DateCreated)}
}

// noteRecordID is the record id of an order's note, sent or private:
// "<order id>/note/<note id>" (DELETE /orders/<order id>/notes/<note id>).
func noteRecordID(o *Order, n *Note) string { return id(o.ID) + "/note/" + id(n.ID) }

// orderNoteItem is a private note on the order, one the shop's staff or
// WooCommerce itself wrote and did not send to the customer: neither sent
// nor received, it is no business letter (a note sent to the customer is,
// noteItem), so retention.OrderNote, erased on request and deferred with
// the order while it is being performed. The order number says which order
// it belongs to.
func (m *mapper) orderNoteItem(o *Order, n *Note) gdpr.Item {
	f := fields{}
	f.Set(retention.FieldOrderNumber, number(o))
	f.Set("note", n.Note)
	f.Set("author", n.Author)
	f.Set("created_at", m.stamp(n.DateCreated))
	date := m.date(n.DateCreated)
	if date.IsZero() {
		date = m.date(o.DateCreated)
	}
	return gdpr.Item{System: Platform, RecordType: retention.OrderNote, RecordID: noteRecordID(o, n), Fields: f, Date: date}
}
