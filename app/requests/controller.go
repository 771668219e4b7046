package requests

import (
	"strings"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/store"
)

// Controller is the shop as the controller every answer names (Art. 4(7),
// 13(1)(a) GDPR): the legal name, the full postal address, the contact
// e-mail, the website (the shop's primary domain, else its platform
// domain) and the data-protection officer from the settings.
func Controller(sh *store.Shop) answer.Controller {
	a := Address(sh)
	c := answer.Controller{
		Name: LegalName(sh), Street: strings.TrimSpace(a.Street), Street2: strings.TrimSpace(a.Street2),
		Postcode: strings.TrimSpace(a.Postcode), City: strings.TrimSpace(a.City),
		Country: countryCode(a.Country), Email: strings.TrimSpace(sh.Email),
		Website: strings.TrimSpace(sh.Website),
	}
	if c.Name == "" {
		c.Name = sh.Domain
	}
	if c.Country == "" {
		c.Country = countryCode(sh.Country)
	}
	if c.Website == "" && sh.Domain != "" {
		c.Website = "https://" + sh.Domain
	}
	if d := store.ShopSettings(sh).DPO; d != nil && strings.TrimSpace(d.Name+d.Email+d.Phone) != "" {
		c.DPO = &answer.DPO{Name: strings.TrimSpace(d.Name), Email: strings.TrimSpace(d.Email), Phone: strings.TrimSpace(d.Phone)}
	}
	return c
}

// countryCode is a stored country as its ISO code: "de" → "DE",
// "Deutschland" → "DE"; a name it does not know stays as given.
func countryCode(s string) string {
	s = strings.TrimSpace(s)
	if len(s) == 2 {
		return strings.ToUpper(s)
	}
	if code, ok := gdpr.CountryCode(s); ok {
		return code
	}
	return s
}
