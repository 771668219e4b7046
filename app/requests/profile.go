package requests

import (
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/postcode"
	"github.com/lethe-gdpr/lethe/app/store"
)

// Profile is what a platform says about a shop, as its connector reads it
// (shopify.applyShopInfo, woocommerce.applyProfile): the one way a platform's
// profile becomes the shop's.
type Profile struct {
	Name  string
	Email string
	// EmailFillsOnly: the platform's address only fills an empty contact
	// e-mail (it is an account's, not the shop's published contact).
	EmailFillsOnly bool
	Address        PostalAddress // Country as the platform gives it
	Website        string
	Timezone       string // IANA
	// Language is the shop's language where Lethe writes it ("de"), else "".
	Language string
}

// ApplyProfile copies p into sh: the name, the contact e-mail, the postal
// address, the website, the IANA time zone, the country, the language (the
// platform's where Lethe writes it, else German for Germany and Austria
// and English elsewhere), and for Germany and Austria the state, derived
// from the postcode (a postcode that does not decide it leaves the state
// for the merchant to choose, and a state the merchant chose stands while
// the shop stays in its country). Values the platform leaves empty, and
// the profile fields the merchant edited, keep what the row had.
func ApplyProfile(sh *store.Shop, p Profile) {
	edited := store.ShopSettings(sh).Edited
	keep := func(field string) bool { return slices.Contains(edited, field) }
	if name := strings.TrimSpace(p.Name); name != "" && !keep("name") {
		sh.Name = name
	}
	if e := strings.TrimSpace(p.Email); e != "" && !keep(FieldEmail) && (!p.EmailFillsOnly || sh.Email == "") {
		sh.Email = e
	}
	a := p.Address
	cc := strings.ToUpper(strings.TrimSpace(a.Country))
	if (a.Street != "" || a.City != "" || a.Postcode != "") && !keep("address") {
		b, _ := json.Marshal(PostalAddress{
			Company: strings.TrimSpace(a.Company), Street: strings.TrimSpace(a.Street), Street2: strings.TrimSpace(a.Street2),
			Postcode: strings.TrimSpace(a.Postcode), City: strings.TrimSpace(a.City), Country: cc,
		})
		sh.Address = string(b)
	}
	if u := strings.TrimSpace(p.Website); u != "" && !keep("website") {
		sh.Website = u
	}
	if tz := strings.TrimSpace(p.Timezone); tz != "" {
		if _, err := time.LoadLocation(tz); err == nil {
			sh.Timezone = tz
		}
	}
	// The language: the merchant's choice, else the platform's, else
	// (below) the country's.
	decided := keep("language")
	if p.Language != "" && !decided {
		sh.Locale, decided = p.Language, true
	}
	if cc == "" {
		return
	}
	was := Place(sh)
	current := postcode.Choice{Place: gdpr.Place{Country: sh.Country, Region: sh.Region}, Source: postcode.Source(sh.RegionSource)}
	if sh.Country == "" {
		current.Place.Country = was.Country
	}
	sh.Country = cc
	switch cc {
	case gdpr.CountryDE, gdpr.CountryAT:
		zip := a.Postcode
		if keep("address") {
			zip = Address(sh).Postcode
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
