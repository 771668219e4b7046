package woocommerce

import (
	"context"
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/postcode"
	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
)

// Profile is what the store says about itself: its settings and the
// e-mail address of its first administrator (the merchant's login and,
// until the merchant sets one, the controller's contact address).
type Profile struct {
	Settings
	AdminEmail string
}

// ReadProfile reads the store's profile: /settings/general, /wp-json/,
// /system_status (language) and the administrators.
func ReadProfile(ctx context.Context, cl *Client) (Profile, error) {
	s, err := cl.Settings(ctx)
	if err != nil {
		return Profile{}, err
	}
	admins, err := cl.Administrators(ctx)
	if err != nil {
		return Profile{}, err
	}
	sort.Slice(admins, func(i, j int) bool { return admins[i].ID < admins[j].ID })
	p := Profile{Settings: s}
	for _, a := range admins {
		if e := strings.TrimSpace(a.Email); e != "" {
			p.AdminEmail = e
			break
		}
	}
	return p, nil
}

// applyProfile copies the store's profile into the shop as Shopify's
// profile is copied (shopify.applyShopInfo): the name, the contact e-mail,
// the postal address, the website, the IANA time zone, the country, the
// language (the WordPress locale where Lethe writes its language, else
// German for Germany and Austria and English elsewhere) and for Germany
// and Austria the state from the postcode. Values the store leaves empty
// and the fields the merchant edited keep what the row had.
func applyProfile(sh *store.Shop, p Profile) {
	edited := store.ShopSettings(sh).Edited
	keep := func(field string) bool { return slices.Contains(edited, field) }
	if name := strings.TrimSpace(p.Name); name != "" && !keep("name") {
		sh.Name = name
	}
	if e := strings.TrimSpace(p.AdminEmail); e != "" && !keep(requests.FieldEmail) && sh.Email == "" {
		sh.Email = e
	}
	cc := strings.ToUpper(strings.TrimSpace(p.Country))
	if (p.Address1 != "" || p.City != "" || p.Postcode != "") && !keep("address") {
		b, _ := json.Marshal(requests.PostalAddress{
			Street: strings.TrimSpace(p.Address1), Street2: strings.TrimSpace(p.Address2),
			Postcode: strings.TrimSpace(p.Postcode), City: strings.TrimSpace(p.City), Country: cc,
		})
		sh.Address = string(b)
	}
	if u := strings.TrimSpace(p.Home); u != "" && !keep("website") {
		sh.Website = u
	}
	if tz := strings.TrimSpace(p.Timezone); tz != "" {
		if _, err := time.LoadLocation(tz); err == nil {
			sh.Timezone = tz
		}
	}
	decided := keep("language")
	if lang := language(p.Language); lang != "" && !decided {
		sh.Locale, decided = lang, true
	}
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
		zip := p.Postcode
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

// language is the language of a WordPress locale ("de_DE_formal" → "de")
// when Lethe writes it, else "".
func language(locale string) string {
	lang, _, _ := strings.Cut(strings.ReplaceAll(strings.ToLower(strings.TrimSpace(locale)), "_", "-"), "-")
	if slices.Contains(mail.Languages, lang) {
		return lang
	}
	return ""
}
