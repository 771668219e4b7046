package requests

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/store"
)

// The setup fields an answer must name (Art. 13(1)(a), 15(1)(f), 77 GDPR);
// Readiness lists the missing ones by these names, the names of the
// settings API.
const (
	FieldLegalName = "legal_name"
	FieldStreet    = "street"
	FieldPostcode  = "postcode"
	FieldCity      = "city"
	FieldCountry   = "country"
	FieldEmail     = "email"
	FieldState     = "state"
	FieldAuthority = "authority"
)

// Ready says whether a shop's requests can be answered, and if not, which
// setup fields are missing.
type Ready struct {
	Ready   bool     `json:"ready"`
	Missing []string `json:"missing"`
}

// PostalAddress is the shop's address as stored in shops.address (Lethe's
// keys; Shopify's older spellings are read too).
type PostalAddress struct {
	Company  string `json:"company,omitempty"`
	Street   string `json:"street,omitempty"`
	Street2  string `json:"street2,omitempty"`
	Postcode string `json:"postcode,omitempty"`
	City     string `json:"city,omitempty"`
	Region   string `json:"region,omitempty"`
	Country  string `json:"country,omitempty"`
}

// Address reads the shop's stored address; what it cannot read is empty.
func Address(sh *store.Shop) PostalAddress {
	var raw struct {
		PostalAddress
		Address1 string `json:"address1"`
		Address2 string `json:"address2"`
		Zip      string `json:"zip"`
	}
	_ = json.Unmarshal([]byte(sh.Address), &raw)
	a := raw.PostalAddress
	for _, f := range []struct {
		to  *string
		alt string
	}{{&a.Street, raw.Address1}, {&a.Street2, raw.Address2}, {&a.Postcode, raw.Zip}} {
		if strings.TrimSpace(*f.to) == "" {
			*f.to = f.alt
		}
	}
	return a
}

// LegalName is the controller's name: the address's company, else the
// shop's name.
func LegalName(sh *store.Shop) string {
	if c := strings.TrimSpace(Address(sh).Company); c != "" {
		return c
	}
	return strings.TrimSpace(sh.Name)
}

// Readiness says whether everything an answer must name is known for the
// shop: the legal name, the full postal address, the contact e-mail, a
// supported country, for Germany the state, and a supervisory authority
// (the default for the place, or the merchant's correction). It is pure.
func Readiness(sh *store.Shop) Ready {
	var missing []string
	need := func(field, v string) {
		if strings.TrimSpace(v) == "" {
			missing = append(missing, field)
		}
	}
	a := Address(sh)
	need(FieldLegalName, LegalName(sh))
	need(FieldStreet, a.Street)
	need(FieldPostcode, a.Postcode)
	need(FieldCity, a.City)
	need(FieldEmail, sh.Email)
	country := strings.ToUpper(strings.TrimSpace(sh.Country))
	if !slices.Contains(gdpr.Countries(), country) {
		missing = append(missing, FieldCountry)
	} else if country == gdpr.CountryDE && !slices.Contains(gdpr.Regions(gdpr.CountryDE), sh.Region) {
		missing = append(missing, FieldState)
	}
	if !HasAuthority(sh) {
		missing = append(missing, FieldAuthority)
	}
	return Ready{Ready: len(missing) == 0, Missing: missing}
}

// HasAuthority reports whether a supervisory authority can be named for the
// shop with its postal address and website: the default one of its place,
// or the merchant's correction when it gives both (or names the default).
func HasAuthority(sh *store.Shop) bool {
	if o := store.ShopSettings(sh).Authority; o != nil && strings.TrimSpace(o.Name) != "" {
		return AuthorityComplete(o, Place(sh))
	}
	country := strings.ToUpper(strings.TrimSpace(sh.Country))
	if !slices.Contains(gdpr.Countries(), country) {
		return false
	}
	_, err := answer.DefaultAuthorities().For(gdpr.Place{Country: country, Region: sh.Region})
	return err == nil
}
