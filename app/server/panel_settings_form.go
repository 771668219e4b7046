package server

import (
	"encoding/json"
	"errors"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
)

// The settings and onboarding forms are plain HTML forms that become one
// requests.ShopPatch, saved the way PATCH /api/shop saves (API.saveShop):
// the same validation, the same audit, the same continuation of waiting
// requests. A form sends every field it shows; only the fields that differ
// from what is stored go into the patch (so an untouched address stays the
// platform's and is kept fresh by the daily refresh), except fields the
// shop's readiness still lacks, which are always sent so an empty one is
// named.

// patchForm collects a form's changes into a patch.
type patchForm struct {
	c       echo.Context
	sh      *store.Shop
	missing []string
	patch   requests.ShopPatch
}

func newPatchForm(c echo.Context, sh *store.Shop) *patchForm {
	_ = c.Request().ParseForm()
	return &patchForm{c: c, sh: sh, missing: requests.Readiness(sh).Missing, patch: requests.ShopPatch{}}
}

func (f *patchForm) value(name string) string { return strings.TrimSpace(f.c.FormValue(name)) }

// text sets field name from the form field of the same name when it differs
// from cur (or the shop still lacks it).
func (f *patchForm) text(name, cur string) {
	if _, sent := f.c.Request().Form[name]; !sent {
		return
	}
	v := f.value(name)
	if v != strings.TrimSpace(cur) || slices.Contains(f.missing, name) {
		f.set(name, v)
	}
}

// set puts v into the patch as JSON.
func (f *patchForm) set(name string, v any) {
	b, _ := json.Marshal(v)
	f.patch[name] = b
}

// setIfChanged puts v into the patch when its JSON differs from cur's.
func (f *patchForm) setIfChanged(name string, v, cur any) {
	a, _ := json.Marshal(v)
	b, _ := json.Marshal(cur)
	if string(a) != string(b) {
		f.patch[name] = a
	}
}

// checkbox sets a boolean field from a checkbox (absent: false) when the
// form shows it (a hidden name+"_shown" field says so).
func (f *patchForm) checkbox(name string, cur bool) {
	if f.c.FormValue(name+"_shown") == "" {
		return
	}
	v := f.c.FormValue(name) != ""
	if v != cur {
		f.set(name, v)
	}
}

// dpo sets the data-protection officer from dpo_name, dpo_email and
// dpo_phone: all empty is no officer (null).
func (f *patchForm) dpo(cur *store.DPO) {
	if _, sent := f.c.Request().Form["dpo_name"]; !sent {
		return
	}
	d := &store.DPO{Name: f.value("dpo_name"), Email: f.value("dpo_email"), Phone: f.value("dpo_phone")}
	if *d == (store.DPO{}) {
		d = nil
	}
	f.setIfChanged("dpo", d, cur)
}

// rows are the indexed rows of a list editor (prefix.N.field), in order;
// a row whose fields are all empty, or whose remove box is ticked, is left
// out.
func (f *patchForm) rows(prefix string, fields ...string) []map[string]string {
	var out []map[string]string
	for i := 0; i < maxFormRows; i++ {
		p := prefix + "." + strconv.Itoa(i) + "."
		if _, sent := f.c.Request().Form[p+fields[0]]; !sent {
			continue
		}
		if f.c.FormValue(p+"remove") != "" {
			continue
		}
		row := map[string]string{}
		empty := true
		for _, k := range fields {
			row[k] = f.value(p + k)
			if row[k] != "" {
				empty = false
			}
		}
		if !empty {
			out = append(out, row)
		}
	}
	return out
}

// maxFormRows is the most rows a list editor takes.
const maxFormRows = 50

// formErrors are a refused save's field errors, in the page's language.
type formErrors map[string]string

// saveForm saves the form's patch for the session's shop. A patch the
// validation refuses is formErrors (nothing saved); other errors are
// returned as they are.
func (p *Panel) saveForm(c echo.Context, f *patchForm) (formErrors, error) {
	if len(f.patch) == 0 {
		return nil, nil
	}
	_, err := p.api.saveShop(c, session(c), f.patch)
	var fe *fault.Error
	if errors.As(err, &fe) && fe.Status == http.StatusUnprocessableEntity && len(fe.Fields) > 0 {
		v := p.newView(c, "", "", nil)
		out := formErrors{}
		for k, m := range fe.Fields {
			out[k] = fieldError(v.L, m)
		}
		return out, nil
	}
	return nil, err
}

// numbered are the validation's messages about one row of a list:
// "recipient 2: …", "override 1: …".
var numbered = regexp.MustCompile(`^(recipient|override) (\d+): (.*)$`)

// fieldErrorTexts map the validation's messages (requests.ShopPatch.Apply,
// in English; matched by their start or a part) to catalog keys.
var fieldErrorTexts = []struct{ match, key string }{
	{"must not be empty", "form.err.empty"},
	{"longer than", "form.err.long"},
	{"must be DE or AT", "form.err.country"},
	{"is not a German postcode", "form.err.postcode"},
	{"is not an Austrian postcode", "form.err.postcode"},
	{"must be an e-mail address", "form.err.email"},
	{"email must be an e-mail address", "form.err.email"},
	{"must be a web address", "form.err.url"},
	{"website must be a web address", "form.err.url"},
	{"only a German shop has a state", "form.err.state_de"},
	{"must be the two-letter code of a German state", "form.err.state"},
	{"name is required", "form.err.name"},
	{"address and website are required for an authority", "form.err.authority_contact"},
	{"a contact (email or phone) is required", "form.err.contact"},
	{"name and category are required", "form.err.name_category"},
	{"country must be a two-letter ISO code", "form.err.iso"},
	{"outside the EEA", "form.err.safeguard"},
	{"unknown record type", "form.err.record_type"},
	{"years must be from 1 to 30", "form.err.years"},
	{"needs who (by), why (reason)", "form.err.reason"},
	{"overrides can only lengthen", "form.err.shorter"},
	{"has no retention period to lengthen", "form.err.no_period"},
}

// fieldError is a validation message in the page's language: the known
// ones translated, any other as it is (after a German "Ungültig:").
func fieldError(l lang, msg string) string {
	if m := numbered.FindStringSubmatch(msg); m != nil {
		return l.T("form.err.row."+m[1], m[2]) + " " + fieldError(l, m[3])
	}
	for _, t := range fieldErrorTexts {
		if strings.Contains(msg, t.match) {
			return l.T(t.key)
		}
	}
	if l.DE() {
		return l.T("form.err.other") + " " + msg
	}
	return msg
}
