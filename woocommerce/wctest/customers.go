package wctest

import (
	"encoding/json"
	"net/http"
	"net/mail"
	"sort"
	"strings"
)

func (e *Emulator) customerJSON(c *Customer) map[string]any {
	m := map[string]any{
		"id": c.ID, "email": c.Email, "first_name": c.FirstName, "last_name": c.LastName,
		"role": c.Role, "username": c.Username, "billing": c.Billing, "shipping": c.Shipping,
		"is_paying_customer": c.IsPayingCustomer,
		"avatar_url":         "https://secure.gravatar.com/avatar/?s=96&d=mm&r=g",
		"meta_data":          metaJSON(c.MetaData),
	}
	e.dates(m, "date_created", c.DateCreated)
	e.dates(m, "date_modified", c.DateModified)
	return m
}

func metaJSON(ms []Meta) []Meta {
	if ms == nil {
		return []Meta{}
	}
	return ms
}

// listCustomers is GET customers: email is an exact match on user_email,
// search a substring of e-mail, login and name; role defaults to customer.
func (e *Emulator) listCustomers(c *call) (int, any, *wpError) {
	p, err := parsePage(c.q)
	if err != nil {
		return 0, nil, err
	}
	role := c.q.Get("role")
	if role == "" {
		role = "customer"
	}
	email := strings.ToLower(strings.TrimSpace(c.q.Get("email")))
	search := strings.ToLower(c.q.Get("search"))
	var list []*Customer
	for _, cu := range e.customers {
		if role != "all" && cu.Role != role {
			continue
		}
		if email != "" && strings.ToLower(cu.Email) != email {
			continue
		}
		if search != "" && !strings.Contains(strings.ToLower(cu.Email+" "+cu.Username+" "+cu.FirstName+" "+cu.LastName), search) {
			continue
		}
		list = append(list, cu)
	}
	sort.Slice(list, func(i, j int) bool {
		a, b := list[i].FirstName+" "+list[i].LastName, list[j].FirstName+" "+list[j].LastName
		if a != b {
			return a < b
		}
		return list[i].ID < list[j].ID
	})
	if c.q.Get("order") == "desc" {
		for i, j := 0, len(list)-1; i < j; i, j = i+1, j-1 {
			list[i], list[j] = list[j], list[i]
		}
	}
	out := []map[string]any{}
	for _, cu := range paginate(c.w, c.r, p, list) {
		out = append(out, e.customerJSON(cu))
	}
	return http.StatusOK, out, nil
}

func errCustomerID() *wpError {
	return &wpError{Status: 404, Code: "woocommerce_rest_invalid_id", Message: "Invalid resource ID."}
}

func (e *Emulator) getCustomer(c *call) (int, any, *wpError) {
	cu := e.customers[c.ids[0]]
	if cu == nil {
		return 0, nil, errCustomerID()
	}
	return http.StatusOK, e.customerJSON(cu), nil
}

// putCustomer is PUT customers/<id>: email, names, billing and shipping
// (field by field), meta_data; id, username, role and dates are read-only
// and ignored.
func (e *Emulator) putCustomer(c *call) (int, any, *wpError) {
	cu := e.customers[c.ids[0]]
	if cu == nil {
		return 0, nil, errCustomerID()
	}
	next := *cu
	if c.has("email") {
		var s string
		if json.Unmarshal(c.body["email"], &s) != nil {
			return 0, nil, errInvalidParam("email", "email is not of type string.")
		}
		if _, err := mail.ParseAddress(s); err != nil || !strings.Contains(s, "@") {
			return 0, nil, errInvalidParam("email", "Invalid email address.")
		}
		for _, o := range e.customers {
			if o.ID != cu.ID && strings.EqualFold(o.Email, s) {
				return 0, nil, &wpError{Status: 400, Code: "existing_user_email", Message: "Sorry, that email address is already used!"}
			}
		}
		next.Email = s
	}
	for name, dst := range map[string]*string{"first_name": &next.FirstName, "last_name": &next.LastName} {
		if c.has(name) {
			if json.Unmarshal(c.body[name], dst) != nil {
				return 0, nil, errInvalidParam(name, name+" is not of type string.")
			}
		}
	}
	if c.has("billing") && json.Unmarshal(c.body["billing"], &next.Billing) != nil {
		return 0, nil, errInvalidParam("billing", "billing is not of type object.")
	}
	if c.has("shipping") && json.Unmarshal(c.body["shipping"], &next.Shipping) != nil {
		return 0, nil, errInvalidParam("shipping", "shipping is not of type object.")
	}
	if c.has("meta_data") {
		ms, err := e.mergeMeta(next.MetaData, c.body["meta_data"])
		if err != nil {
			return 0, nil, err
		}
		next.MetaData = ms
	}
	next.DateModified = e.now().UTC()
	*cu = next
	return http.StatusOK, e.customerJSON(cu), nil
}

// deleteCustomer is DELETE customers/<id>: only with force (users have no
// trash); the orders lose their customer id and keep their personal data.
func (e *Emulator) deleteCustomer(c *call) (int, any, *wpError) {
	if !c.force() {
		return 0, nil, &wpError{Status: 501, Code: "woocommerce_rest_trash_not_supported", Message: "Customers do not support trashing."}
	}
	cu := e.customers[c.ids[0]]
	if cu == nil {
		return 0, nil, &wpError{Status: 400, Code: "woocommerce_rest_invalid_id", Message: "Invalid resource id."}
	}
	prev := e.customerJSON(cu)
	e.deleteUser(cu.ID)
	e.effect("delete customer %d", cu.ID)
	return http.StatusOK, prev, nil
}

// mergeMeta applies a meta_data array as WC_Data::update_meta_data does:
// by id when given, else the first entry with the key, else a new entry;
// a null value deletes the entry when the object is saved
// (WC_Data::save_meta_data), and adds nothing where there was none.
func (e *Emulator) mergeMeta(ms []Meta, raw json.RawMessage) ([]Meta, *wpError) {
	var in []struct {
		ID    int64  `json:"id"`
		Key   string `json:"key"`
		Value any    `json:"value"`
	}
	if json.Unmarshal(raw, &in) != nil {
		return nil, errInvalidParam("meta_data", "meta_data is not of type array.")
	}
	out := append([]Meta(nil), ms...)
	for _, m := range in {
		done := false
		for i := range out {
			if m.ID != 0 && out[i].ID == m.ID || m.ID == 0 && out[i].Key == m.Key {
				if m.Value == nil {
					out = append(out[:i], out[i+1:]...)
				} else {
					out[i].Value = m.Value
					if m.Key != "" {
						out[i].Key = m.Key
					}
				}
				done = true
				break
			}
		}
		if !done && m.Key != "" && m.Value != nil {
			out = append(out, Meta{ID: e.newID(), Key: m.Key, Value: m.Value})
		}
	}
	return out, nil
}
