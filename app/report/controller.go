package report

import (
	"strings"

	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
)

// controller is the shop's identity as the report names it: the legal
// name, the address as the settings hold it, e-mail, website and the DPO.
func controller(sh *store.Shop) Controller {
	id := requests.Controller(sh)
	a := requests.Address(sh)
	c := Controller{Name: id.Name, Email: id.Email, Website: id.Website, Address: Address{
		Company: a.Company, Street: id.Street, Street2: id.Street2, Postcode: id.Postcode, City: id.City, Region: a.Region, Country: id.Country,
	}}
	if id.DPO != nil {
		c.DPO = &DPO{Name: id.DPO.Name, Email: id.DPO.Email, Phone: id.DPO.Phone}
	}
	return c
}

// identity is the controller as the rules core models it.
func (c Controller) identity() answer.Controller {
	out := answer.Controller{
		Name: c.Name, Street: c.Address.Street, Street2: c.Address.Street2, Postcode: c.Address.Postcode,
		City: c.Address.City, Country: c.Address.Country, Email: c.Email, Website: c.Website,
	}
	if c.DPO != nil {
		out.DPO = &answer.DPO{Name: c.DPO.Name, Email: c.DPO.Email, Phone: c.DPO.Phone}
	}
	return out
}

// text is the controller as lang writes it.
func (c Controller) text(lang string) ControllerText {
	return ControllerText{Name: c.Name, Address: nonNil(c.identity().Lines(lang)), Email: c.Email, Website: c.Website, DPO: c.DPO}
}

// Lines is the address as printed, one line per element (the country as
// stored; a statement's controller writes it out).
func (a Address) Lines() []string {
	var out []string
	for _, l := range []string{a.Company, a.Street, a.Street2, strings.TrimSpace(a.Postcode + " " + a.City), a.Region, a.Country} {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}
