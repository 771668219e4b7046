package answer

import (
	"strings"

	"github.com/lethe-gdpr/lethe/app/gdpr"
)

// Controller is who answers (Art. 4(7), 13(1)(a), 12(1) GDPR): the legal
// name, the full postal address, e-mail and website, and the
// data-protection officer's contact where one is appointed (§ 38 BDSG).
type Controller struct {
	Name     string `json:"name"`
	Street   string `json:"street"`
	Street2  string `json:"street2,omitempty"`
	Postcode string `json:"postcode"`
	City     string `json:"city"`
	Country  string `json:"country"` // ISO 3166-1 alpha-2
	Email    string `json:"email"`
	Website  string `json:"website,omitempty"`
	DPO      *DPO   `json:"dpo,omitempty"`
}

// DPO is the data-protection officer's contact (Art. 13(1)(b), 37(7)).
type DPO struct {
	Name  string `json:"name"`
	Email string `json:"email,omitempty"`
	Phone string `json:"phone,omitempty"`
}

// Lines is the postal address as printed in lang, one line per element,
// the country written out: "Hauptstraße 5", "90402 Nürnberg",
// "Deutschland".
func (c Controller) Lines(lang string) []string {
	var out []string
	for _, l := range []string{c.Street, c.Street2, strings.TrimSpace(c.Postcode + " " + c.City), gdpr.CountryName(c.Country, lang)} {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// AddressIn is the authority's postal address on one line with the country
// written out in lang: "Promenade 18, 91522 Ansbach, Deutschland".
func (a Authority) AddressIn(lang string) string {
	s := a.Address()
	if s == "" || a.Country == "" {
		return s
	}
	return s + ", " + gdpr.CountryName(a.Country, lang)
}
