package shopify

import (
	"encoding/json"
	"strings"
	"time"

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
	}
	f[k] = v
}

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
	out.set("name", name)
	out.set("company", a.Company)
	out.set("address1", a.Address1)
	out.set("address2", a.Address2)
	out.set("zip", a.Zip)
	out.set("city", a.City)
	out.set("province", a.Province)
	out.set("country", a.Country)
	out.set("country_code", a.CountryCode)
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
	out.set("company", str("company", "name"))
	out.set("address1", str("address1", "street"))
	out.set("address2", str("address2"))
	out.set("zip", str("zip", "postal_code", "postcode"))
	out.set("city", str("city"))
	out.set("province", str("province"))
	out.set("country", str("country"))
	out.set("country_code", str("countryCodeV2", "country_code", "countryCode"))
	if len(out) == 0 {
		return nil
	}
	return out
}
