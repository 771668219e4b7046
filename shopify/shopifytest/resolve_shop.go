package shopifytest

import (
	"strings"
	"time"
)

// shopObject is the Shop object.
func (e *Emulator) shopObject(sh *shop) map[string]any {
	o := sh.opts
	addr := map[string]any{
		"__typename":           "ShopAddress",
		"id":                   GID("ShopAddress", sh.id),
		"company":              nil,
		"address1":             nullable(o.Address1),
		"address2":             nil,
		"city":                 nullable(o.City),
		"zip":                  nullable(o.Zip),
		"province":             nullable(o.Province),
		"provinceCode":         nullable(o.Province),
		"country":              countryName(o.Country),
		"countryCodeV2":        strings.ToUpper(o.Country),
		"countryCode":          strings.ToUpper(o.Country),
		"phone":                nil,
		"coordinatesValidated": false,
		"latitude":             nil,
		"longitude":            nil,
		"formattedArea":        nullable(strings.TrimSpace(o.City + " " + countryName(o.Country))),
	}
	abbrev := ""
	if loc, err := time.LoadLocation(o.Timezone); err == nil {
		abbrev, _ = e.now().In(loc).Zone()
	}
	return map[string]any{
		"__typename":           "Shop",
		"id":                   GID("Shop", sh.id),
		"name":                 o.Name,
		"email":                o.Email,
		"contactEmail":         o.Email,
		"myshopifyDomain":      sh.domain,
		"url":                  "https://" + sh.domain,
		"ianaTimezone":         o.Timezone,
		"timezoneAbbreviation": abbrev,
		"currencyCode":         o.Currency,
		"shopAddress":          addr,
		"billingAddress":       addr,
		"description":          nil,
	}
}
