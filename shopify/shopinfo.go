package shopify

import (
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/shopify/admin"
)

// applyShopInfo copies what Shopify says about the shop into its row: the
// name, the IANA time zone, the country, and for Germany the state (its
// public holidays count for deadlines). A shop outside DE and AT keeps its
// country code; the rules core falls back to German national holidays for
// it. Values Shopify leaves empty keep what the row had.
func applyShopInfo(sh *store.Shop, info *admin.Shop) {
	if name := strings.TrimSpace(info.Name); name != "" {
		sh.Name = name
	}
	// The customer-facing contact address names the controller in answers;
	// the account e-mail is the fallback.
	if e := strings.TrimSpace(info.ContactEmail); e != "" {
		sh.Email = e
	} else if e := strings.TrimSpace(info.Email); e != "" {
		sh.Email = e
	}
	if a := info.Address; a.Address1 != "" || a.City != "" {
		b, _ := json.Marshal(map[string]string{
			"company": a.Company, "street": a.Address1, "street2": a.Address2, "postcode": a.Zip,
			"city": a.City, "region": a.Province, "country": a.CountryCode,
		})
		sh.Address = string(b)
	}
	if tz := strings.TrimSpace(info.IanaTimezone); tz != "" {
		if _, err := time.LoadLocation(tz); err == nil {
			sh.Timezone = tz
		}
	}
	cc := strings.ToUpper(strings.TrimSpace(info.Address.CountryCode))
	if cc == "" {
		return
	}
	was := sh.Country
	sh.Country = cc
	switch cc {
	case gdpr.CountryDE:
		if r := germanState(info.Address.ProvinceCode); r != "" {
			sh.Region = r
		} else if was != gdpr.CountryDE {
			sh.Region = "" // a region of another country means nothing here
		} // else: keep the state the merchant chose
		sh.Locale = "de"
	case gdpr.CountryAT:
		sh.Region = ""
		sh.Locale = "de"
	default:
		sh.Region = ""
		if sh.Locale == "" {
			sh.Locale = "en"
		}
	}
}

// germanState normalizes a Shopify province code ("BE", "DE-BE") to one of
// the 16 state codes, or "" when it is none.
func germanState(code string) string {
	code = strings.ToUpper(strings.TrimSpace(code))
	code = strings.TrimPrefix(code, "DE-")
	if slices.Contains(gdpr.Regions(gdpr.CountryDE), code) {
		return code
	}
	return ""
}
