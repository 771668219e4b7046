package shopify

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/postcode"
	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/shopify/admin"
)

// readShop reads what Shopify says about the shop: its details and its
// primary locale. A grant without read_locales (a shop installed before
// Lethe asked for it) reads no locale: the country decides the language.
func readShop(ctx context.Context, cl *admin.Client) (*admin.Shop, error) {
	info, err := cl.Shop(ctx)
	if err != nil {
		return nil, err
	}
	info.PrimaryLocale, err = cl.PrimaryLocale(ctx)
	if err != nil && !errors.Is(err, admin.ErrForbidden) {
		return nil, err
	}
	return info, nil
}

// applyShopInfo copies what Shopify says about the shop into its profile:
// the name, the contact e-mail, the postal address (the legal name is its
// company), the website (the primary domain, not the myshopify one), the
// IANA time zone, the country, the language (the shop's primary locale
// where Lethe writes its language, else German for Germany and Austria and
// English elsewhere), and for Germany the state,
// derived from the postcode (Shopify keeps no province for German
// addresses; a postcode that does not decide it leaves the state for the
// merchant to choose, and a state the merchant chose stands while the shop
// stays in its country). Values Shopify leaves empty, and the profile
// fields the merchant edited, keep what the row had.
func applyShopInfo(sh *store.Shop, info *admin.Shop) {
	edited := store.ShopSettings(sh).Edited
	keep := func(field string) bool { return slices.Contains(edited, field) }
	if name := strings.TrimSpace(info.Name); name != "" && !keep("name") {
		sh.Name = name
	}
	// The customer-facing contact address names the controller in answers;
	// the account e-mail is the fallback.
	if e := firstOf(info.ContactEmail, info.Email); e != "" && !keep(requests.FieldEmail) {
		sh.Email = e
	}
	a := info.Address
	if (a.Address1 != "" || a.City != "" || a.Zip != "") && !keep("address") {
		b, _ := json.Marshal(requests.PostalAddress{
			Company: strings.TrimSpace(a.Company), Street: strings.TrimSpace(a.Address1), Street2: strings.TrimSpace(a.Address2),
			Postcode: strings.TrimSpace(a.Zip), City: strings.TrimSpace(a.City), Country: strings.ToUpper(strings.TrimSpace(a.CountryCode)),
		})
		sh.Address = string(b)
	}
	if u := strings.TrimSpace(info.PrimaryDomain.URL); u != "" && !keep("website") {
		sh.Website = u
	}
	if tz := strings.TrimSpace(info.IanaTimezone); tz != "" {
		if _, err := time.LoadLocation(tz); err == nil {
			sh.Timezone = tz
		}
	}
	// The language: the merchant's choice, else the shop's primary locale,
	// else (below) the country's.
	decided := keep("language")
	if lang := language(info.PrimaryLocale); lang != "" && !decided {
		sh.Locale, decided = lang, true
	}
	cc := strings.ToUpper(strings.TrimSpace(a.CountryCode))
	if cc == "" {
		return
	}
	was := requests.Place(sh)
	current := postcode.Choice{Place: gdpr.Place{Country: sh.Country, Region: sh.Region}, Source: postcode.Source(sh.RegionSource)}
	if sh.Country == "" {
		current.Place.Country = was.Country
	}
	sh.Country = cc
	switch cc {
	case gdpr.CountryDE, gdpr.CountryAT:
		zip := a.Zip
		if keep("address") {
			zip = requests.Address(sh).Postcode
		}
		if c, _, ok := postcode.Refresh(current, cc, zip); ok {
			sh.Region, sh.RegionSource = c.Place.Region, string(c.Source)
		} else {
			sh.Region, sh.RegionSource = "", "" // ask the merchant
		}
		if !decided {
			sh.Locale = "de"
		}
	default:
		sh.Region, sh.RegionSource = "", ""
		if sh.Locale == "" {
			sh.Locale = "en"
		}
	}
}

// language is the language of a Shopify locale ("de-AT" → "de") when Lethe
// writes it, else "".
func language(locale string) string {
	lang, _, _ := strings.Cut(strings.ReplaceAll(strings.ToLower(strings.TrimSpace(locale)), "_", "-"), "-")
	if slices.Contains(mail.Languages, lang) {
		return lang
	}
	return ""
}

func firstOf(vs ...string) string {
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}
