package shopify

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/shopify/admin"
)

// mapper turns Shopify records into items. Dates are days in the shop's
// zone (an order placed at 23:30 UTC on 31 Dec is a January document in
// Berlin); field names are the retention keep-list names (package
// retention, Field…) for what a duty covers, so the erasure plan keeps
// exactly those.
type mapper struct {
	loc           *time.Location
	sellerName    string
	sellerAddress map[string]any
}

func newMapper(sh *store.Shop) *mapper {
	return &mapper{loc: sh.Location(), sellerName: strings.TrimSpace(sh.Name), sellerAddress: shopAddress(sh.Address)}
}

// date is the day of t in the shop's zone; the zero time is no date.
func (m *mapper) date(t time.Time) gdpr.Date {
	if t.IsZero() {
		return gdpr.Date{}
	}
	return gdpr.FromTime(t, m.loc)
}

func (m *mapper) datePtr(t time.Time) *gdpr.Date {
	if t.IsZero() {
		return nil
	}
	d := m.date(t)
	return &d
}

// day is the YYYY-MM-DD of t in the shop's zone, "" for the zero time.
func (m *mapper) day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return m.date(t).String()
}

// stamp is t in the shop's zone as RFC 3339, "" for the zero time.
func (m *mapper) stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(m.loc).Format(time.RFC3339)
}

// fields are an item's fields (connect.Fields: empty values are dropped).
type fields = connect.Fields

// address is a postal address without its phone number: the keep lists'
// addresses are postal, the phone is a separate (erasable) field.
func address(a *admin.Address) map[string]any {
	if a == nil {
		return nil
	}
	out := fields{}
	name := strings.TrimSpace(a.Name)
	if name == "" {
		name = strings.TrimSpace(a.FirstName + " " + a.LastName)
	}
	out.Set("name", name)
	out.Set("company", a.Company)
	out.Set("address1", a.Address1)
	out.Set("address2", a.Address2)
	out.Set("zip", a.Zip)
	out.Set("city", a.City)
	out.Set("province", a.Province)
	out.Set("country", a.Country)
	out.Set("country_code", a.CountryCode)
	if len(out) == 0 {
		return nil
	}
	return out
}

// personName is the name on an address (company when there is no name).
func personName(a *admin.Address) string {
	if a == nil {
		return ""
	}
	if n := strings.TrimSpace(a.Name); n != "" {
		return n
	}
	if n := strings.TrimSpace(a.FirstName + " " + a.LastName); n != "" {
		return n
	}
	return strings.TrimSpace(a.Company)
}

// shopAddress reads the shop's postal address (shops.address, JSON with
// Shopify's or snake_case keys) into the keys address() uses.
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
	out.Set("address1", str("address1", "street"))
	out.Set("address2", str("address2"))
	out.Set("zip", str("zip", "postal_code", "postcode"))
	out.Set("city", str("city"))
	out.Set("province", str("province"))
	out.Set("country", str("country"))
	out.Set("country_code", str("countryCodeV2", "country_code", "countryCode"))
	if len(out) == 0 {
		return nil
	}
	return out
}
