package report

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/lethe-gdpr/lethe/app/store"
)

// controller is the shop's identity as the report names it.
func controller(sh *store.Shop) Controller {
	c := Controller{Name: strings.TrimSpace(sh.Name), Email: strings.TrimSpace(sh.Email), Address: address(sh.Address)}
	if sh.Website != "" { // the primary domain, from the shop's profile
		c.Website = sh.Website
	} else if sh.Domain != "" {
		c.Website = "https://" + sh.Domain
	}
	if c.Name == "" {
		c.Name = sh.Domain
	}
	if c.Address.Country == "" {
		c.Address.Country = sh.Country
	}
	return c
}

// addressKeys are the names a stored shop address may use for each part
// (Lethe's own, Shopify's and WooCommerce's spellings).
var addressKeys = []struct {
	set  func(*Address, string)
	keys []string
}{
	{func(a *Address, v string) { a.Company = v }, []string{"company", "name"}},
	{func(a *Address, v string) { a.Street = v }, []string{"street", "address1", "address_1", "line1"}},
	{func(a *Address, v string) { a.Street2 = v }, []string{"street2", "address2", "address_2", "line2"}},
	{func(a *Address, v string) { a.Postcode = v }, []string{"postcode", "zip", "postal_code"}},
	{func(a *Address, v string) { a.City = v }, []string{"city"}},
	{func(a *Address, v string) { a.Region = v }, []string{"region", "province", "state", "province_code"}},
	{func(a *Address, v string) { a.Country = v }, []string{"country", "country_code", "countryCode"}},
}

// address reads the shop's stored address JSON; what it cannot read stays
// empty.
func address(raw string) Address {
	var m map[string]any
	var a Address
	if json.Unmarshal([]byte(raw), &m) != nil {
		return a
	}
	for _, k := range addressKeys {
		for _, key := range k.keys {
			if v, ok := m[key]; ok && v != nil {
				if s := strings.TrimSpace(fmt.Sprint(v)); s != "" {
					k.set(&a, s)
					break
				}
			}
		}
	}
	return a
}

// Lines is the address as printed, one line per element.
func (a Address) Lines() []string {
	var out []string
	for _, l := range []string{a.Company, a.Street, a.Street2, strings.TrimSpace(a.Postcode + " " + a.City), a.Region, a.Country} {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}
