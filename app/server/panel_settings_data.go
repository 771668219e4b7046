package server

import (
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/postcode"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/app/store"
)

// settingsData is what the onboarding and settings pages show: the shop as
// GET /api/shop shows it, the form's values (the stored ones, or those of a
// refused form, so nothing typed is lost), the field errors, and the
// choices the forms offer.
type settingsData struct {
	Shop        shopJSON
	Form        map[string]string // field name → value shown
	Errors      formErrors
	States      []stateOption
	StateChoice []string // the postcode lies in several states: their names
	Recipients  []recipientRow
	Retention   []retentionRow
	German      bool // a German shop (has a state)
	Overview    *settingsOverview
	Tokens      *tokensData
}

type stateOption struct{ Code, Name string }

type recipientRow struct {
	Index                                      int
	Name, Category, Country, Safeguards, Types string
}

// retentionRow is one retention rule the merchant may lengthen, with the
// override in force or typed.
type retentionRow struct {
	Index          int
	RecordType     string
	LegalReference string // the rule set's citation (English style)
	LawKey         string // the catalog's citation in the page's language, "" when it has none
	Policy         bool   // the period is Lethe's policy, not the law's
	Years          int    // the law's period
	Override       string // the override's years, "" when none
	Reason         string
	By, At         string
}

// emptyRows is how many blank rows a list editor offers (no JavaScript
// needed to add one).
const emptyRows = 3

// newSettingsData builds the pages' data for sh. With refused set, the
// form's values are those the merchant sent.
func (p *Panel) newSettingsData(c echo.Context, sh *store.Shop, refused formErrors) *settingsData {
	d := &settingsData{Shop: toShopJSON(sh), Errors: refused}
	country := strings.ToUpper(sh.Country)
	d.German = country == gdpr.CountryDE || country == ""
	for _, code := range gdpr.Regions(gdpr.CountryDE) {
		d.States = append(d.States, stateOption{code, gdpr.RegionName(code)})
	}
	pr := d.Shop.Profile
	d.Form = map[string]string{
		"legal_name": pr.LegalName, "street": pr.Street, "street2": pr.Street2, "postcode": pr.Postcode,
		"city": pr.City, "country": pr.Country, "email": pr.Email, "website": pr.Website, "language": pr.Language,
		"state": pr.State, "merchant_email": d.Shop.Settings.MerchantEmail,
	}
	if pr.DPO != nil {
		d.Form["dpo_name"], d.Form["dpo_email"], d.Form["dpo_phone"] = pr.DPO.Name, pr.DPO.Email, pr.DPO.Phone
	}
	if o := store.ShopSettings(sh).Authority; o != nil {
		d.Form["auth_name"], d.Form["auth_address"], d.Form["auth_website"] = o.Name, o.Address, o.Website
	}
	if r := postcode.State(country, pr.Postcode); r.Status == postcode.Ambiguous {
		for _, code := range r.States {
			d.StateChoice = append(d.StateChoice, gdpr.RegionName(code))
		}
	}
	for i, r := range d.Shop.Recipients {
		d.Recipients = append(d.Recipients, recipientRow{Index: i, Name: r.Name, Category: r.Category, Country: r.Country,
			Safeguards: r.Safeguards, Types: strings.Join(r.RecordTypes, ",")})
	}
	d.Retention = retentionRows(country, d.Shop.Retention)
	if refused != nil {
		p.keepTyped(c, d)
	}
	for i := len(d.Recipients); len(d.Recipients) < i+emptyRows; {
		d.Recipients = append(d.Recipients, recipientRow{Index: len(d.Recipients)})
	}
	return d
}

// keepTyped shows a refused form's values instead of the stored ones.
func (p *Panel) keepTyped(c echo.Context, d *settingsData) {
	form, _ := c.FormParams()
	for k, vs := range form {
		if len(vs) > 0 && !strings.Contains(k, ".") && k != "_csrf" {
			d.Form[k] = vs[0]
		}
	}
	if _, sent := form["rec.0.name"]; sent {
		d.Recipients = nil
		for i := 0; i < maxFormRows; i++ {
			pre := "rec." + strconv.Itoa(i) + "."
			if _, ok := form[pre+"name"]; !ok {
				continue
			}
			r := recipientRow{Index: len(d.Recipients), Name: form.Get(pre + "name"), Category: form.Get(pre + "category"),
				Country: form.Get(pre + "country"), Safeguards: form.Get(pre + "safeguards"), Types: form.Get(pre + "types")}
			if r.Name+r.Category+r.Country+r.Safeguards != "" {
				d.Recipients = append(d.Recipients, r)
			}
		}
	}
	for i := range d.Retention {
		pre := "ret." + strconv.Itoa(i) + "."
		if _, ok := form[pre+"years"]; ok {
			d.Retention[i].Override, d.Retention[i].Reason = form.Get(pre+"years"), form.Get(pre+"reason")
		}
	}
}

// retentionRows are the country's rules with a period (those an override
// may lengthen), each with its override.
func retentionRows(country string, ovs []store.RetentionOverride) []retentionRow {
	set, err := retention.ForCountry(country)
	if err != nil {
		return nil
	}
	var out []retentionRow
	for _, r := range set.Rules {
		if r.Action != retention.ActionRetain || r.Period.Years == 0 {
			continue
		}
		cite, _, _ := strings.Cut(r.LegalReference, " — ") // the citation, without the reviewer's note
		row := retentionRow{Index: len(out), RecordType: string(r.RecordType), LegalReference: cite, Years: r.Period.Years,
			Policy: r.Basis == retention.BasisPolicy}
		if k := "settings.law." + strings.ToUpper(country) + "." + row.RecordType; catalog[k] != [2]string{} {
			row.LawKey = k
		}
		if i := slices.IndexFunc(ovs, func(o store.RetentionOverride) bool { return o.RecordType == row.RecordType }); i >= 0 {
			o := ovs[i]
			row.Override, row.Reason, row.By, row.At = strconv.Itoa(o.Years), o.Reason, o.By, o.At
		}
		out = append(out, row)
	}
	return out
}
