package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
)

// Issue 12, point 4: an access request's records past their retention
// period are shown as overdue for deletion before the answer goes out, in
// both languages, with one step to an erasure request for the person.
func TestPanelRequestOverdueRecords(t *testing.T) {
	g := newRequestRig(t, store.SQLite)
	ctx := context.Background()
	r, _ := g.request(t, store.TypeAccess, time.Now())
	sh := g.shops["a"]
	err := g.st.ReplaceItems(ctx, sh.ID, r.ID, []gdpr.Item{
		{System: "testshop", RecordType: "customer_account", RecordID: "C-1", Date: gdpr.MustDate(2015, 5, 2), Fields: map[string]any{"first_name": "Jane"}},
		{System: "testshop", RecordType: "invoice", RecordID: "INV-1", Date: gdpr.MustDate(2015, 3, 10), Fields: map[string]any{"invoice_number": "INV-1"}},
		{System: "testshop", RecordType: "technical_data", RecordID: "O-1", Date: gdpr.MustDate(2015, 3, 10), Fields: map[string]any{"client_ip": "203.0.113.5"}},
		{System: "testshop", RecordType: "technical_data", RecordID: "O-2", Date: gdpr.MustDate(2016, 3, 10), Fields: map[string]any{"client_ip": "203.0.113.6"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	for lang, want := range map[string][]string{
		"de": {"Aufbewahrungsfrist abgelaufen: Daten zur Löschung fällig", "Bei dieser Person sind 3 Datensätze gespeichert, deren Aufbewahrungsfrist abgelaufen ist",
			"(Art. 5 Abs. 1 lit. e, Art. 17 Abs. 1 lit. a DSGVO)", "Rechnung 1 1. Januar 2025", "Technische Daten 2 9. Juli 2015",
			"nicht als aufbewahrt", "Löschantrag für diese Person anlegen", "auch das Kundenkonto"},
		"en": {"Retention period ended: data due for erasure", "3 records of this person are stored whose retention period has ended",
			"(Art. 5(1)(e), 17(1)(a) GDPR)", "Invoice 1 1 January 2025", "Technical data 2 9 July 2015",
			"not as kept", "Create an erasure request for this person", "the customer account too"},
	} {
		text, raw := g.page(t, "a", lang, r.ID)
		contains(t, lang+" page", text, want...)
		contains(t, lang+" page", raw, fmt.Sprintf(`action="/app/requests/%d/erase-overdue"`, r.ID))
	}

	code, hdr, body := g.do(t, "POST", "a", "de", fmt.Sprintf("/app/requests/%d/erase-overdue", r.ID), url.Values{})
	if code != http.StatusSeeOther {
		t.Fatalf("erase-overdue: %d %s", code, body)
	}
	loc := hdr.Get("Location")
	id, err := strconv.ParseInt(strings.TrimPrefix(loc, "/app/requests/"), 10, 64)
	if err != nil || id == r.ID {
		t.Fatalf("redirect to %q", loc)
	}
	e, err := g.st.Request(ctx, sh.ID, id)
	if err != nil || e.Type != store.TypeErasure || e.Subject.Email != r.Subject.Email || e.Source != "manual" || e.Channel != requests.ChannelShop {
		t.Fatalf("erasure request %+v (%v)", e, err)
	}
	// The erasure's own page says the shop started it, not the person.
	eraseDE, _ := g.page(t, "a", "de", id)
	contains(t, "erasure page", eraseDE, "vom Shop selbst veranlasst (Aufbewahrungsfrist abgelaufen, Art. 5 Abs. 1 lit. e DSGVO)")
	// No person asked: nothing to extend or refuse, neither offered nor
	// accepted.
	_, eraseRaw := g.page(t, "a", "de", id)
	for _, form := range []string{"/extend\"", "/refuse\""} {
		if strings.Contains(eraseRaw, form) {
			t.Errorf("the shop's own erasure offers the form %s", form)
		}
	}
	for act, ground := range map[string]string{"extend": "complexity", "refuse": "unfounded"} {
		if code, _, _ := g.do(t, "POST", "a", "de", fmt.Sprintf("/app/requests/%d/%s", id, act), url.Values{"reason": {"Eine ausreichende Begründung."}, "ground": {ground}}); code != http.StatusConflict {
			t.Errorf("%s of the shop's own erasure: %d, want 409", act, code)
		}
	}
	eraseEN, _ := g.page(t, "a", "en", id)
	contains(t, "erasure page (en)", eraseEN, "started by the shop itself (retention period ended, Art. 5(1)(e) GDPR)")
	text, _ := g.page(t, "a", "de", r.ID)
	contains(t, "page after", text, fmt.Sprintf("Löschantrag Nr. %d wurde angelegt", id), fmt.Sprintf("Löschantrag Nr. %d für die abgelaufenen Daten angelegt", id))
	textEN, _ := g.page(t, "a", "en", r.ID)
	contains(t, "page after (en)", textEN, fmt.Sprintf("Erasure request no. %d was created", id))
	if strings.Contains(text, "Löschantrag für diese Person anlegen") {
		t.Error("the button is still offered after the erasure request was created")
	}
	// A second post goes to the same erasure request.
	if code, hdr, _ := g.do(t, "POST", "a", "de", fmt.Sprintf("/app/requests/%d/erase-overdue", r.ID), url.Values{}); code != http.StatusSeeOther || hdr.Get("Location") != loc {
		t.Fatalf("second post: %d %s", code, hdr.Get("Location"))
	}
	// Another shop's request is not found.
	if code, _, _ := g.do(t, "POST", "b", "de", fmt.Sprintf("/app/requests/%d/erase-overdue", r.ID), url.Values{}); code != http.StatusNotFound {
		t.Fatalf("other shop: %d", code)
	}
}
