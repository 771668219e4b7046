package connect

import "slices"

// Identity is how a request's identifiers matched what one system holds:
// which of them belong to another person than the request's e-mail
// address, and the e-mail address the system holds for the person they
// name. A connector that cannot tell leaves it zero.
type Identity struct {
	// Mismatch names the identifiers (requests.Mismatch…: "customer_id",
	// "phone", "order_ids") that belong to a record with another e-mail
	// address (or with none); field names only, never their values.
	Mismatch []string
	// Contact is the e-mail address the system holds for the person the
	// identifiers name (the customer record's), "" when it holds none.
	Contact string
}

// Merge adds another system's identity: the mismatches of both, the first
// contact found.
func (i Identity) Merge(o Identity) Identity {
	for _, m := range o.Mismatch {
		if !slices.Contains(i.Mismatch, m) {
			i.Mismatch = append(i.Mismatch, m)
		}
	}
	if i.Contact == "" {
		i.Contact = o.Contact
	}
	return i
}
