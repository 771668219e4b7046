package requests

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/mail"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/answer"
	"github.com/lethe-gdpr/lethe/app/gdpr/postcode"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/app/store"
)

// ShopPatch is a change of a shop's profile and settings (PATCH /api/shop):
// only the fields present in the JSON object change.
type ShopPatch map[string]json.RawMessage

// ProfileFields are the profile fields a patch may set; a refresh from the
// platform keeps those the merchant set (Settings.Edited).
var profileFields = []string{FieldLegalName, FieldStreet, "street2", FieldPostcode, FieldCity, FieldCountry, FieldEmail, "website", "language"}

// settingsFields are the other fields a patch may set.
var settingsFields = []string{FieldState, "dpo", FieldAuthority, "recipients", "auto_send", "auto_erase", "retention_overrides", "merchant_email"}

// maxText is the longest text a field takes.
const maxText = 300

// eea are the countries a transfer to needs no safeguard (EU, EEA).
var eea = strings.Fields("AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK IS LI NO")

// Apply validates every field of the patch and applies it to a copy of sh:
// the changed shop, the names of the fields set (sorted as given in the
// tables), and for every bad field why. With any bad field, nothing is to
// be saved. by names who changes it (recorded on retention overrides), now
// is when.
func (p ShopPatch) Apply(sh *store.Shop, by string, now time.Time) (*store.Shop, []string, map[string]string) {
	out := *sh
	set := store.ShopSettings(sh)
	addr := Address(sh)
	bad := map[string]string{}
	var fields []string
	for name := range p {
		if !slices.Contains(profileFields, name) && !slices.Contains(settingsFields, name) {
			bad[name] = "unknown field"
		}
	}
	str := func(name string, required bool, check func(string) string) (string, bool) {
		raw, ok := p[name]
		if !ok {
			return "", false
		}
		var v string
		if err := json.Unmarshal(raw, &v); err != nil {
			bad[name] = "must be a string"
			return "", false
		}
		v = strings.TrimSpace(v)
		switch {
		case v == "" && required:
			bad[name] = "must not be empty"
		case len(v) > maxText:
			bad[name] = fmt.Sprintf("longer than %d characters", maxText)
		case v != "" && check != nil && check(v) != "":
			bad[name] = check(v)
		default:
			fields = append(fields, name)
			return v, true
		}
		return "", false
	}
	country := strings.ToUpper(out.Country)
	if v, ok := str(FieldCountry, true, func(v string) string {
		if !slices.Contains(gdpr.Countries(), strings.ToUpper(v)) {
			return "must be DE or AT (the countries Lethe has rules for)"
		}
		return ""
	}); ok {
		country = strings.ToUpper(v)
		out.Country, addr.Country = country, country
	}
	if v, ok := str(FieldLegalName, true, nil); ok {
		addr.Company, out.Name = v, firstNonEmpty(out.Name, v)
	}
	if v, ok := str(FieldStreet, true, nil); ok {
		addr.Street = v
	}
	if v, ok := str("street2", false, nil); ok {
		addr.Street2 = v
	}
	if v, ok := str(FieldCity, true, nil); ok {
		addr.City = v
	}
	newPostcode := false
	if v, ok := str(FieldPostcode, true, func(v string) string {
		if r := postcode.State(country, v); r.Status == postcode.Invalid || r.Status == postcode.Unsupported {
			return r.Reason()
		}
		return ""
	}); ok {
		addr.Postcode, newPostcode = v, true
	}
	if v, ok := str(FieldEmail, true, validEmail); ok {
		out.Email = v
	}
	if v, ok := str("website", false, validURL); ok {
		out.Website = v
	}
	if v, ok := str("language", true, func(v string) string {
		if v != "de" && v != "en" {
			return "must be de or en"
		}
		return ""
	}); ok {
		out.Locale = v
	}
	if v, ok := str("merchant_email", false, validEmail); ok {
		set.MerchantEmail = v
	}
	// The state: the merchant's choice, else the postcode decides anew when
	// it or the country changed.
	if v, ok := str(FieldState, true, func(v string) string {
		if country != gdpr.CountryDE {
			return "only a German shop has a state"
		}
		if !slices.Contains(gdpr.Regions(gdpr.CountryDE), strings.ToUpper(v)) {
			return "must be the two-letter code of a German state: " + strings.Join(gdpr.Regions(gdpr.CountryDE), ", ")
		}
		return ""
	}); ok {
		out.Region, out.RegionSource = strings.ToUpper(v), string(postcode.SourceMerchant)
	} else if _, given := p[FieldState]; !given && (newPostcode || country != strings.ToUpper(sh.Country)) {
		if c, _, ok := postcode.FromPostcode(country, addr.Postcode); ok {
			out.Region, out.RegionSource = c.Place.Region, string(c.Source)
		} else {
			out.Region, out.RegionSource = "", ""
		}
	}
	decode := func(name string, into any) bool {
		raw, ok := p[name]
		if !ok {
			return false
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(into); err != nil {
			bad[name] = "malformed: " + jsonReason(err)
			return false
		}
		return true
	}
	var dpo *store.DPO
	if decode("dpo", &dpo) {
		if why := checkDPO(dpo); why != "" {
			bad["dpo"] = why
		} else {
			set.DPO, fields = dpo, append(fields, "dpo")
		}
	}
	var auth *store.AuthorityOverride
	if decode(FieldAuthority, &auth) {
		if why := checkAuthority(auth, gdpr.Place{Country: country, Region: out.Region}); why != "" {
			bad[FieldAuthority] = why
		} else {
			set.Authority, fields = auth, append(fields, FieldAuthority)
		}
	}
	var recs []store.Recipient
	if decode("recipients", &recs) {
		if why := checkRecipients(recs); why != "" {
			bad["recipients"] = why
		} else {
			set.Recipients, fields = recs, append(fields, "recipients")
		}
	}
	for _, name := range []string{"auto_send", "auto_erase"} {
		var b *bool
		if decode(name, &b) {
			if b == nil {
				bad[name] = "must be true or false"
				continue
			}
			if name == "auto_send" {
				set.AutoSend = *b
			} else {
				set.AutoErase = *b
			}
			fields = append(fields, name)
		}
	}
	var ovs []store.RetentionOverride
	if decode("retention_overrides", &ovs) {
		if why := checkOverrides(ovs, country, by, now); why != "" {
			bad["retention_overrides"] = why
		} else {
			for i := range ovs {
				ovs[i].By, ovs[i].At = by, now.UTC().Format(time.RFC3339)
			}
			set.RetentionOverrides, fields = ovs, append(fields, "retention_overrides")
		}
	}
	if len(bad) > 0 {
		return sh, nil, bad
	}
	for _, f := range fields {
		edited := f
		switch f {
		case FieldLegalName, FieldStreet, "street2", FieldPostcode, FieldCity, FieldCountry:
			edited = "address"
		case "merchant_email":
			continue
		}
		if slices.Contains(profileFields, f) && !slices.Contains(set.Edited, edited) {
			set.Edited = append(set.Edited, edited)
		}
	}
	b, _ := json.Marshal(addr)
	out.Address = string(b)
	sb, _ := json.Marshal(set)
	out.Settings = string(sb)
	return &out, fields, nil
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

func validEmail(v string) string {
	if a, err := mail.ParseAddress(v); err != nil || a.Address != v {
		return "must be an e-mail address (name@example.com)"
	}
	return ""
}

func validURL(v string) string {
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return "must be a web address (https://…)"
	}
	return ""
}

func jsonReason(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		return fmt.Sprintf("%s must be a %s", te.Field, te.Type)
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

func checkDPO(d *store.DPO) string {
	if d == nil {
		return ""
	}
	d.Name, d.Email, d.Phone = strings.TrimSpace(d.Name), strings.TrimSpace(d.Email), strings.TrimSpace(d.Phone)
	switch {
	case d.Name == "":
		return "name is required"
	case d.Email == "" && d.Phone == "":
		return "a contact (email or phone) is required"
	case d.Email != "" && validEmail(d.Email) != "":
		return "email must be an e-mail address"
	}
	return ""
}

// checkAuthority checks the merchant's correction of the authority for a
// shop in place. An authority other than the one Lethe names for the place
// needs its postal address and website: the answer names both (Art. 15(1)(f),
// 77 GDPR), and Lethe knows them only of its own authorities. The default's
// own name (another spelling of case aside) keeps the default's address and
// website unless the correction gives others.
func checkAuthority(a *store.AuthorityOverride, place gdpr.Place) string {
	if a == nil {
		return ""
	}
	a.Name, a.Address, a.Website = strings.TrimSpace(a.Name), strings.TrimSpace(a.Address), strings.TrimSpace(a.Website)
	switch {
	case a.Name == "":
		return "name is required"
	case a.Website != "" && validURL(a.Website) != "":
		return "website must be a web address (https://…)"
	case !AuthorityComplete(a, place):
		return "address and website are required for an authority other than the one of the shop's state"
	}
	return ""
}

// AuthorityComplete reports whether the correction a, for a shop in place,
// leaves the answer the authority's postal address and website: it gives
// both, or it names the default authority of the place (whose address and
// website stay).
func AuthorityComplete(a *store.AuthorityOverride, place gdpr.Place) bool {
	if a == nil {
		return true
	}
	if strings.TrimSpace(a.Address) != "" && strings.TrimSpace(a.Website) != "" {
		return true
	}
	d, err := answer.DefaultAuthorities().For(place)
	return err == nil && strings.EqualFold(strings.TrimSpace(a.Name), d.Name)
}

func checkRecipients(rs []store.Recipient) string {
	for i := range rs {
		r := &rs[i]
		r.Name, r.Category, r.Country = strings.TrimSpace(r.Name), strings.TrimSpace(r.Category), strings.ToUpper(strings.TrimSpace(r.Country))
		switch {
		case r.Name == "" || r.Category == "":
			return fmt.Sprintf("recipient %d: name and category are required", i+1)
		case len(r.Country) != 2 || strings.Trim(r.Country, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "":
			return fmt.Sprintf("recipient %d: country must be a two-letter ISO code", i+1)
		}
		r.ThirdCountry = !slices.Contains(eea, r.Country)
		if r.ThirdCountry && strings.TrimSpace(r.Safeguards) == "" {
			return fmt.Sprintf("recipient %d: a transfer to %s (outside the EEA) needs its safeguard (Art. 46 GDPR: e.g. adequacy decision, standard contractual clauses)", i+1, r.Country)
		}
	}
	return ""
}

func checkOverrides(ovs []store.RetentionOverride, country, by string, now time.Time) string {
	rules, err := retention.ForCountry(country)
	if err != nil {
		return "the shop's country has no retention rules"
	}
	for i, o := range ovs {
		rule, err := rules.Rule(retention.RecordType(o.RecordType))
		if err != nil {
			return fmt.Sprintf("override %d: unknown record type %q", i+1, o.RecordType)
		}
		if o.Years < 1 || o.Years > 30 {
			return fmt.Sprintf("override %d: years must be from 1 to 30", i+1)
		}
		_, err = retention.ApplyOverride(rule, retention.Override{RecordType: rule.RecordType, Period: retention.Period{Years: o.Years},
			By: by, Reason: strings.TrimSpace(o.Reason), At: now})
		if err != nil {
			return fmt.Sprintf("override %d: %v", i+1, err)
		}
	}
	return ""
}
