package server

import (
	"strconv"
	"strings"

	"github.com/lethe-gdpr/lethe/app/store"
)

// The forms' fields, each section's into the patch (patchForm).

// fillProfile: the controller's identity and the data-protection officer.
func fillProfile(f *patchForm, sh *store.Shop) {
	d := toShopJSON(sh).Profile
	for _, fv := range []struct{ name, cur string }{
		{"legal_name", d.LegalName}, {"street", d.Street}, {"street2", d.Street2}, {"postcode", d.Postcode},
		{"city", d.City}, {"country", d.Country}, {"email", d.Email}, {"website", d.Website}, {"language", d.Language},
	} {
		f.text(fv.name, fv.cur)
	}
	f.dpo(d.DPO)
}

// fillAuthority: the federal state and the correction of the authority.
func fillAuthority(f *patchForm, sh *store.Shop) {
	f.text("state", sh.Region)
	if _, sent := f.c.Request().Form["auth_name"]; !sent {
		return
	}
	a := &store.AuthorityOverride{Name: f.value("auth_name"), Address: f.value("auth_address"), Website: f.value("auth_website")}
	if *a == (store.AuthorityOverride{}) {
		a = nil
	}
	f.setIfChanged("authority", a, store.ShopSettings(sh).Authority)
}

// fillRecipients: the list of recipients (rec.N.name, …).
func fillRecipients(f *patchForm, sh *store.Shop) {
	if _, sent := f.c.Request().Form["rec.0.name"]; !sent {
		return
	}
	recs := []store.Recipient{}
	for _, r := range f.rows("rec", "name", "category", "country", "safeguards", "types") {
		rec := store.Recipient{Name: r["name"], Category: r["category"], Country: strings.ToUpper(r["country"]), Safeguards: r["safeguards"]}
		if r["types"] != "" {
			rec.RecordTypes = strings.Split(r["types"], ",")
		}
		if rec.Name+rec.Category+rec.Country+rec.Safeguards == "" {
			continue
		}
		recs = append(recs, rec)
	}
	cur := []store.Recipient{}
	for _, r := range store.ShopSettings(sh).Recipients {
		r.ThirdCountry = false
		cur = append(cur, r)
	}
	f.setIfChanged("recipients", recs, cur)
}

// fillAutomation: the switches and the address of the merchant's notices.
func fillAutomation(f *patchForm, sh *store.Shop) {
	set := store.ShopSettings(sh)
	f.checkbox("auto_send", set.AutoSend)
	f.checkbox("auto_erase", set.AutoErase)
	f.text("merchant_email", set.MerchantEmail)
}

// overrideForm is a retention override as the form and the patch carry it.
type overrideForm struct {
	RecordType string `json:"record_type"`
	Years      int    `json:"years"`
	Reason     string `json:"reason"`
}

// fillRetention: the overrides (ret.N.record_type, years, reason); a row
// without years has none.
func fillRetention(f *patchForm, sh *store.Shop) {
	if _, sent := f.c.Request().Form["ret.0.record_type"]; !sent {
		return
	}
	ovs := []overrideForm{}
	for i := 0; i < maxFormRows; i++ {
		pre := "ret." + strconv.Itoa(i) + "."
		rt := f.value(pre + "record_type")
		if rt == "" {
			continue
		}
		y := f.value(pre + "years")
		if y == "" || f.c.FormValue(pre+"remove") != "" {
			continue
		}
		n, err := strconv.Atoi(y)
		if err != nil {
			n = 0 // refused as out of range, next to the field
		}
		ovs = append(ovs, overrideForm{RecordType: rt, Years: n, Reason: f.value(pre + "reason")})
	}
	cur := []overrideForm{}
	for _, o := range store.ShopSettings(sh).RetentionOverrides {
		cur = append(cur, overrideForm{o.RecordType, o.Years, o.Reason})
	}
	f.setIfChanged("retention_overrides", ovs, cur)
}
