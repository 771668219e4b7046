package wctest

import (
	"encoding/json"
	"net"
	"net/http"
	"sort"
	"strings"
)

// The anonymized values of wp_privacy_anonymize_data.
const (
	anonymousEmail = "deleted@site.invalid"
	anonymousIP    = "0.0.0.0"
	anonymousText  = "[deleted]"
)

// PersonalOrderMeta is the order meta WooCommerce lists as personal by
// default (the filter woocommerce_privacy_remove_order_personal_data_meta:
// PayPal Standard's payer details) with their wp_privacy_anonymize_data
// type; a type without an anonymized value deletes the meta.
var PersonalOrderMeta = map[string]string{
	"Payer first name":     "text",
	"Payer last name":      "text",
	"Payer PayPal address": "email",
	"Transaction ID":       "numeric_id",
}

// pluginOrderFields are the order fields the erase route knows.
var pluginOrderFields = map[string]bool{
	"ip_address": true, "user_agent": true, "billing_email": true, "billing_phone": true,
	"shipping_address": true, "customer_note": true, "meta": true,
}

type eraseOrder struct {
	ID     int64     `json:"id"`
	Fields *[]string `json:"fields"` // required: nil when absent or null
}

type erasedOrder struct {
	ID     int64    `json:"id"`
	Erased []string `json:"erased"`
	Empty  []string `json:"empty"`
}

// pluginErase answers the plugin's erase route (PROTOCOL.md) as the plugin
// does it inside WordPress: each order's fields set with WooCommerce's CRUD
// setters and saved — never calculate_totals, so totals, tax lines and the
// tax location stay as they are; the billing name, address, country, state,
// postcode and company are never touched; the analytics customer row of the
// e-mail anonymized as CustomersDataStore::anonymize_customer does; the
// person's comments (not product reviews) anonymized as WordPress's
// comment eraser does. Running it twice erases nothing twice: the second
// answer lists the fields as empty. e.mu is held.
func (e *Emulator) pluginErase(body map[string]json.RawMessage) (int, any, *wpError) {
	invalid := func(msg string) *wpError { return &wpError{Status: 400, Code: "lethe_invalid", Message: msg} }
	var orders []eraseOrder
	if raw, ok := body["orders"]; ok && string(raw) != "null" {
		if json.Unmarshal(raw, &orders) != nil {
			return 0, nil, invalid("orders must be a list.")
		}
	}
	var analytics, comments bool
	for name, dst := range map[string]*bool{"analytics": &analytics, "comments": &comments} {
		if raw, ok := body[name]; ok && string(raw) != "null" && json.Unmarshal(raw, dst) != nil {
			return 0, nil, invalid("analytics and comments must be true or false.")
		}
	}
	email := strings.ToLower(rawString(body, "email"))
	if (analytics || comments) && !isEmail(email) {
		return 0, nil, errPluginEmail()
	}
	for _, o := range orders {
		if o.ID <= 0 || o.Fields == nil {
			return 0, nil, invalid("Each order needs an id and a list of fields.")
		}
		for _, f := range *o.Fields {
			if !pluginOrderFields[f] {
				return 0, nil, invalid("An order field is not one the plugin erases.")
			}
		}
	}
	out := map[string]any{}
	done, missing := []erasedOrder{}, []int64{}
	for _, in := range orders {
		o := e.orders[in.ID]
		if o == nil {
			missing = append(missing, in.ID)
			continue
		}
		res := erasedOrder{ID: o.ID, Erased: []string{}, Empty: []string{}}
		fields := append([]string(nil), *in.Fields...)
		sort.Strings(fields)
		changed := false
		for _, f := range uniq(fields) {
			if e.eraseOrderField(o, f) {
				res.Erased = append(res.Erased, f)
				e.effect("erase order %d %s", o.ID, f)
				changed = true
			} else {
				res.Empty = append(res.Empty, f)
			}
		}
		if changed {
			o.DateModified = e.now().UTC() // $order->save(), no recalculation
		}
		done = append(done, res)
	}
	out["orders"], out["missing"] = done, missing
	if analytics {
		out["analytics"] = e.anonymizeAnalytics(email)
	}
	if comments {
		out["comments"] = map[string]int{"removed": e.anonymizeComments(email), "retained": 0}
	}
	return http.StatusOK, out, nil
}

func uniq(ss []string) []string {
	var out []string
	for i, s := range ss {
		if i == 0 || s != ss[i-1] {
			out = append(out, s)
		}
	}
	return out
}

// eraseOrderField blanks one field of an order; it reports whether the
// field held something.
func (e *Emulator) eraseOrderField(o *Order, field string) bool {
	set := func(dst *string, anon string) bool {
		if *dst == "" || *dst == anon {
			return false
		}
		*dst = anon
		return true
	}
	switch field {
	case "ip_address":
		return set(&o.CustomerIPAddress, anonymousIP)
	case "user_agent":
		return set(&o.CustomerUserAgent, "")
	case "billing_email":
		return set(&o.Billing.Email, anonymousEmail)
	case "billing_phone":
		return set(&o.Billing.Phone, "")
	case "customer_note":
		return set(&o.CustomerNote, "")
	case "shipping_address":
		s := &o.Shipping
		held := false
		for _, dst := range []*string{&s.FirstName, &s.LastName, &s.Company, &s.Address1, &s.Address2, &s.City, &s.Phone} {
			held = set(dst, "") || held
		}
		return held // country, state and postcode stay: they may be the tax location
	case "meta":
		return e.erasePersonalMeta(o)
	}
	return false
}

// erasePersonalMeta anonymizes the meta of PersonalOrderMeta as
// WC_Privacy_Erasers does: the anonymized value, or the meta deleted when
// its type has none.
func (e *Emulator) erasePersonalMeta(o *Order) bool {
	held := false
	var kept []Meta
	for _, m := range o.MetaData {
		typ, personal := PersonalOrderMeta[m.Key]
		v, _ := metaValue(m.Value).(string)   // get_meta: what WordPress stored
		if !personal || v == "" || v == "0" { // PHP's empty()
			kept = append(kept, m)
			continue
		}
		anon := map[string]string{"text": anonymousText, "email": anonymousEmail}[typ]
		switch {
		case anon == "":
			held = true // deleted
		case v == anon:
			kept = append(kept, m)
		default:
			m.Value = anon
			kept = append(kept, m)
			held = true
		}
	}
	o.MetaData = kept
	return held
}

// anonymizeAnalytics anonymizes the analytics customer rows of email.
func (e *Emulator) anonymizeAnalytics(email string) string {
	result := "absent"
	for _, a := range e.pluginState().analytics {
		if strings.ToLower(a.Email) != email {
			continue
		}
		a.UserID = 0
		a.Username, a.FirstName, a.LastName = anonymousText, anonymousText, anonymousText
		a.Email, a.Country = anonymousEmail, ""
		a.Postcode, a.City, a.State = anonymousText, anonymousText, anonymousText
		e.effect("anonymize analytics %d", a.CustomerID)
		result = "anonymized"
	}
	return result
}

// anonymizeComments is wp_comments_personal_data_eraser for email: the
// author becomes "Anonymous", e-mail, URL and user agent are emptied, the
// IP address is cut to its network (wp_privacy_anonymize_ip) and the user
// unlinked. It returns how many comments it anonymized.
func (e *Emulator) anonymizeComments(email string) int {
	n := 0
	for _, c := range e.pluginState().comments {
		if !c.visible() || strings.ToLower(c.AuthorEmail) != email {
			continue
		}
		c.Author, c.AuthorEmail, c.AuthorURL, c.UserAgent, c.UserID = "Anonymous", "", "", "", 0
		c.AuthorIP = anonymizeIP(c.AuthorIP)
		e.effect("anonymize comment %d", c.ID)
		n++
	}
	return n
}

// anonymizeIP is wp_privacy_anonymize_ip: IPv4 to its /24, IPv6 to its /64.
func anonymizeIP(s string) string {
	ip := net.ParseIP(s)
	switch {
	case ip == nil:
		return anonymousIP
	case ip.To4() != nil:
		return ip.Mask(net.CIDRMask(24, 32)).String()
	}
	return ip.Mask(net.CIDRMask(64, 128)).String()
}
