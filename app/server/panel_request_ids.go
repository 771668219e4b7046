package server

import (
	"strings"

	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/app/report"
)

// What the merchant knows a record by. The platforms' ids are for machines
// (Shopify's "gid://shopify/Order/5502112345"); the merchant knows an
// order by its name ("#1004", the order_number the connector maps, or the
// invoice's number) and a customer by the number in the shop's admin. The
// request page shows those: the name where the records found carry one,
// else the id shortened to its number; an id of another form (WooCommerce's
// numbers, what the merchant typed) as it is.

// recordNames maps record ids to the order names the records found carry.
type recordNames map[string]string

// namesOf reads the order names of the records found.
func namesOf(items []report.Item) recordNames {
	n := recordNames{}
	for _, it := range items {
		if it.RecordID == "" || n[it.RecordID] != "" {
			continue
		}
		if s := fieldString(it.Fields, retention.FieldOrderNumber); s != "" {
			n[it.RecordID] = s
		} else if s := fieldString(it.Fields, retention.FieldInvoiceNumber); s != "" &&
			(it.RecordType == string(retention.Invoice) || it.RecordType == string(retention.CreditNote)) {
			n[it.RecordID] = s
		}
	}
	return n
}

func fieldString(f map[string]any, k string) string {
	s, _ := f[k].(string)
	return strings.TrimSpace(s)
}

// of is what the page shows for the record id: its name, else the id
// shortened (shortID).
func (n recordNames) of(id string) string {
	if s := n[id]; s != "" {
		return s
	}
	return shortID(id)
}

// shortID is a platform id without its machine part: the number at the end
// of a Shopify GID ("gid://shopify/Customer/207119551" → "207119551",
// a query after it dropped); any other id as it is.
func shortID(id string) string {
	rest, ok := strings.CutPrefix(strings.TrimSpace(id), "gid://")
	if !ok {
		return id
	}
	rest, _, _ = strings.Cut(rest, "?")
	if i := strings.LastIndexByte(rest, '/'); i >= 0 && i+1 < len(rest) {
		return rest[i+1:]
	}
	return id
}

// labelFound names the listed records of the data found.
func labelFound(groups []dataGroup, n recordNames) {
	for i := range groups {
		for j := range groups[i].Types {
			for k, id := range groups[i].Types[j].Records {
				groups[i].Types[j].Records[k] = n.of(id)
			}
		}
	}
}

// labelPlan names the plan's records.
func labelPlan(v *planView, n recordNames) {
	if v == nil {
		return
	}
	for i := range v.Rows {
		v.Rows[i].RecordID = n.of(v.Rows[i].RecordID)
	}
}

// PersonCustomer is the customer number the request names.
func (d *requestData) PersonCustomer() string { return shortID(d.Person.CustomerID) }

// PersonOrders are the orders the request names, by their names where the
// records found carry them.
func (d *requestData) PersonOrders() []string {
	out := make([]string, len(d.Person.OrderIDs))
	for i, id := range d.Person.OrderIDs {
		out[i] = d.names.of(id)
	}
	return out
}

func init() {
	panelFuncs["recordID"] = shortID
}
