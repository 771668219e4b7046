package shopifytest

import (
	"strings"
	"time"
)

// shopObject is the Shop object.
func (e *Emulator) shopObject(sh *shop) map[string]any {
	o := sh.opts
	var province any // Germany and Austria have no provinces in Shopify
	if hasProvinces(o.Country) {
		province = nullable(o.Province)
	}
	addr := map[string]any{
		"__typename":           "ShopAddress",
		"id":                   GID("ShopAddress", sh.id),
		"company":              nullable(o.Company),
		"address1":             nullable(o.Address1),
		"address2":             nil,
		"city":                 nullable(o.City),
		"zip":                  nullable(o.Zip),
		"province":             province,
		"provinceCode":         province,
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
		"primaryDomain":        e.primaryDomain(sh),
		"billingAddress":       addr,
		"description":          nil,
	}
}

// primaryDomain is the shop's primary Domain (the myshopify domain unless
// the shop has its own).
func (e *Emulator) primaryDomain(sh *shop) map[string]any {
	host := sh.opts.PrimaryDomain
	if host == "" {
		host = sh.domain
	}
	return map[string]any{
		"__typename": "Domain", "id": GID("Domain", sh.id), "host": host, "url": "https://" + host,
		"sslEnabled": true, "localization": nil, "marketWebPresence": nil,
	}
}
