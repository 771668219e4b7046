package mail

import (
	"strings"

	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
)

// mismatchLabels name a request's identifiers that belong to another
// person than its e-mail address (requests.Mismatch…), for the merchant.
var mismatchLabels = map[string][2]string{ // de, en
	requests.MismatchCustomerID: {"Kundennummer", "customer id"},
	requests.MismatchPhone:      {"Telefonnummer", "phone number"},
	requests.MismatchOrderIDs:   {"Bestellnummern", "order numbers"},
}

// mismatchText lists the mismatched identifiers of a request held in
// identity_unverified in lang ("Kundennummer, Bestellnummern"); "" for
// any other request.
func mismatchText(r *store.Request, lang string) string {
	if r.Status != store.StatusIdentityUnverified || r.IdentityMismatch == "" {
		return ""
	}
	var out []string
	for _, f := range strings.Split(r.IdentityMismatch, ",") {
		out = append(out, label(mismatchLabels, f, lang))
	}
	return strings.Join(out, ", ")
}

// overdueDays is how many days the request's effective due date lies
// behind the shop's today when the e-mail is written (0 when it has not
// passed): an overdue request is never offered an extension (Art. 12(3)
// GDPR: only within the first month).
func overdueDays(tx *store.Store, sh *store.Shop, r *store.Request) int {
	if !r.ReceiptKnown() { // the legal deadline is not known yet: the notice asks for the day
		return 0
	}
	if n := store.DaysLeft(r, tx.Now(), sh.Location()); n < 0 {
		return -n
	}
	return 0
}
