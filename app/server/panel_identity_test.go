package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/step"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

const (
	holder   = "jane.doe@kunde.example" // the address on the customer record
	attacker = "attacker@evil.example"
)

// askedBy takes in a manual access request of shop a that names Jane's
// customer id with addr, returning it and its discover step.
func (g *requestRig) askedBy(t *testing.T, addr string) (*store.Request, *store.Step) {
	t.Helper()
	var r *store.Request
	var first *store.Step
	err := g.st.Tx(context.Background(), func(tx *store.Store) error {
		var err error
		r, first, err = requests.Create(context.Background(), tx, g.shops["a"], requests.New{
			Type: store.TypeAccess, Source: "manual", Channel: "e-mail", ReceivedAt: time.Now().Add(-time.Hour), Locale: "de",
			Subject: store.Subject{Email: addr, Name: "Jane Doe", CustomerID: "777"},
		})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return r, first
}

// holdingShop makes the rig's shop report whether the request's address
// is the customer record's.
func holdingShop(g *requestRig) {
	g.fake.identity = func(s connect.Subject) connect.Identity {
		if strings.EqualFold(s.Email, holder) {
			return connect.Identity{Contact: holder}
		}
		return connect.Identity{Mismatch: []string{requests.MismatchCustomerID}, Contact: holder}
	}
}

// A request whose customer id belongs to another address waits with the
// mismatch and the way to resolve it shown in both languages; verifying
// it answers the customer record's address, and the page says so.
func TestPanelIdentityHeldThenVerified(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			g := newRequestRig(t, dialect)
			holdingShop(g)
			ctx := context.Background()
			r, first := g.askedBy(t, attacker)
			g.run(t, first)
			got, _ := g.st.Request(ctx, r.ShopID, r.ID)
			if got.Status != store.StatusIdentityUnverified || got.IdentityMismatch != "customer_id" {
				t.Fatalf("after discovery: %s %q", got.Status, got.IdentityMismatch)
			}
			for _, k := range g.enqueuedKinds() {
				if k != step.Send {
					t.Errorf("a held request enqueued %s", k)
				}
			}
			es, _ := g.st.EmailsOf(ctx, r.ShopID, r.ID)
			for _, e := range es {
				if e.Kind != "merchant_notice" {
					t.Errorf("a held request has a %s to %s", e.Kind, e.To)
				}
			}
			text, raw := g.page(t, "a", "de", r.ID)
			contains(t, "held de", text, "Identität ungeklärt", "Die Angaben gehören nicht zur selben Person",
				"Die E-Mail-Adresse der Anfrage passt nicht zu diesen Angaben in Ihrem Shop:",
				"Die Kundennummer gehört zu einem Kundenkonto mit einer anderen E-Mail-Adresse (oder ohne E-Mail-Adresse).",
				"Lethe hat deshalb keine Auskunft zusammengestellt, keinen Entwurf geschrieben und keinen Link erzeugt.",
				"(Art. 12 Abs. 6, Art. 15 Abs. 4 DSGVO)", "So klären Sie es:",
				"Die Antwort geht dann nur an die E-Mail-Adresse, die Ihr Shop für die Person gespeichert hat, nicht an die Adresse der Anfrage.",
				"schließen Sie sie mit einer Begründung", "Vermerken Sie die Identität erst, wenn Sie sicher sind", "Anfrage schließen")
			if strings.Contains(text, "Bestellungen wurde mit einer anderen") {
				t.Error("the page names a mismatch that is not there")
			}
			if !strings.Contains(raw, fmt.Sprintf(`action="/app/requests/%d/close"`, r.ID)) || !strings.Contains(raw, `<label for="close-reason">`) {
				t.Error("no close form")
			}
			text, _ = g.page(t, "a", "en", r.ID)
			contains(t, "held en", text, "Identity unverified", "The details do not belong to the same person",
				"The customer ID belongs to a customer account with another e-mail address (or none).",
				"Lethe has therefore compiled no answer, written no draft and made no link.", "(Art. 12(6), Art. 15(4) GDPR)",
				"The answer then goes only to the e-mail address your shop holds for the person, not to the request's address.",
				"Mark the identity verified only once you are sure", "Close the request")
			// The inbox shows the status.
			code, _, inbox := g.do(t, "GET", "a", "de", "/app", nil)
			if code != http.StatusOK || !strings.Contains(plain(inbox), "Identität ungeklärt") {
				t.Errorf("inbox (%d) does not show the status", code)
			}

			// The merchant verifies: discovery runs again with the held address.
			code, hdr, _ := g.do(t, "POST", "a", "de", fmt.Sprintf("/app/requests/%d/verify", r.ID), url.Values{})
			if code != http.StatusSeeOther {
				t.Fatalf("verify: %d", code)
			}
			text, _ = g.follow(t, "a", "de", hdr.Get("Location"))
			contains(t, "verified", text, "Die Identität ist als geprüft vermerkt.")
			g.run(t, g.next(t, step.Discover))
			g.run(t, g.next(t, step.Answer))
			got, _ = g.st.Request(ctx, r.ShopID, r.ID)
			if got.Status != store.StatusReady || got.Subject.Email != holder || got.Subject.AskedBy != attacker {
				t.Fatalf("after verifying: %s %+v", got.Status, got.Subject)
			}
			es, _ = g.st.EmailsOf(ctx, r.ShopID, r.ID)
			answered := false
			for _, e := range es {
				if strings.EqualFold(e.To, attacker) {
					t.Errorf("a %s to the asking address", e.Kind)
				}
				answered = answered || e.Kind == "access_answer" && e.To == holder
			}
			if !answered {
				t.Error("no answer draft to the customer record's address")
			}
			text, _ = g.page(t, "a", "de", r.ID)
			contains(t, "answered to the contact de", text, "Anfrage kam von "+attacker,
				"Die Antwort geht an die E-Mail-Adresse, die Ihr Shop für die Person gespeichert hat, nicht an die Adresse, von der die Anfrage kam.")
			if strings.Contains(text, "Die Angaben gehören nicht zur selben Person") {
				t.Error("the mismatch is still shown after verifying")
			}
			text, _ = g.page(t, "a", "en", r.ID)
			contains(t, "answered to the contact en", text, "Request came from "+attacker,
				"The answer goes to the e-mail address your shop holds for the person, not to the address the request came from.")
		})
	}
}

// A held request that did not come from the person is closed with a
// reason; nobody is written to.
func TestPanelIdentityHeldClosed(t *testing.T) {
	g := newRequestRig(t, store.SQLite)
	holdingShop(g)
	ctx := context.Background()
	r, first := g.askedBy(t, attacker)
	g.run(t, first)
	before, _ := g.st.EmailsOf(ctx, r.ShopID, r.ID)
	code, _, page := g.do(t, "POST", "a", "de", fmt.Sprintf("/app/requests/%d/close", r.ID), url.Values{})
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, `id="close-error"`) {
		t.Fatalf("close without a reason: %d", code)
	}
	code, hdr, _ := g.do(t, "POST", "a", "en", fmt.Sprintf("/app/requests/%d/close", r.ID), url.Values{"reason": {"Not from the customer."}})
	if code != http.StatusSeeOther {
		t.Fatalf("close: %d", code)
	}
	text, _ := g.follow(t, "a", "en", hdr.Get("Location"))
	contains(t, "closed", text, "The request is closed.", "Not from the customer.")
	got, _ := g.st.Request(ctx, r.ShopID, r.ID)
	after, _ := g.st.EmailsOf(ctx, r.ShopID, r.ID)
	if got.Status != store.StatusClosed || len(after) != len(before) {
		t.Fatalf("closed: %s, e-mails %d → %d", got.Status, len(before), len(after))
	}
}

// An overdue request offers no extension: where the form was, the page
// says since when and by how many days it is overdue (Art. 12(3) GDPR).
func TestPanelOverdueOffersNoExtension(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			g := newRequestRig(t, dialect)
			old, _ := g.request(t, store.TypeAccess, time.Now().AddDate(0, -3, 0))
			days := -store.DaysLeft(old, time.Now(), g.shops["a"].Location())
			if days < 2 {
				t.Fatalf("the old request is %d days overdue", days)
			}
			for lang, wants := range map[string][]string{
				"de": {"Überfällig", fmt.Sprintf("Die Frist ist am %s abgelaufen; die Anfrage ist seit %d Tagen überfällig. Bitte beantworten Sie sie jetzt.", longDate("de", old.DueAt.Time), days),
					"Verlängern lässt sich eine Frist nur vor ihrem Ablauf (Art. 12 Abs. 3 DSGVO)."},
				"en": {"Overdue", fmt.Sprintf("The deadline passed on %s; the request is overdue by %d days. Please answer it now.", longDate("en", old.DueAt.Time), days),
					"A deadline can only be extended before it ends (Art. 12(3) GDPR)."},
			} {
				text, raw := g.page(t, "a", lang, old.ID)
				contains(t, "overdue "+lang, text, wants...)
				if strings.Contains(raw, fmt.Sprintf(`/app/requests/%d/extend"`, old.ID)) || strings.Contains(text, "Frist verlängern") || strings.Contains(text, "Extend the deadline") {
					t.Errorf("an overdue request offers the extension (%s)", lang)
				}
			}
			fresh, _ := g.request(t, store.TypeAccess, time.Now().Add(-time.Hour))
			text, raw := g.page(t, "a", "en", fresh.ID)
			if !strings.Contains(raw, fmt.Sprintf(`/app/requests/%d/extend"`, fresh.ID)) || strings.Contains(text, "overdue by") {
				t.Error("a request in time lacks the extend form, or is called overdue")
			}
		})
	}
}

// The platform's own request (Shopify's customers/data_request: Shopify
// verified the customer) is not held, whatever its details.
func TestPlatformRequestIsNotHeld(t *testing.T) {
	g := newRequestRig(t, store.SQLite)
	holdingShop(g)
	ctx := context.Background()
	var r *store.Request
	var first *store.Step
	err := g.st.Tx(ctx, func(tx *store.Store) error {
		var err error
		r, first, err = requests.Create(ctx, tx, g.shops["a"], requests.New{
			Type: store.TypeAccess, Source: "shopify", Initiator: "shopify", ReceivedAt: time.Now(), Locale: "de",
			Subject: store.Subject{Email: "old.address@kunde.example", CustomerID: "777"},
		})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	g.run(t, first)
	g.run(t, g.next(t, step.Answer))
	got, _ := g.st.Request(ctx, r.ShopID, r.ID)
	if got.Status != store.StatusReady || got.IdentityMismatch != "" || got.Subject.Email != "old.address@kunde.example" || got.Subject.AskedBy != "" {
		t.Fatalf("platform request: %s %q %+v", got.Status, got.IdentityMismatch, got.Subject)
	}
}

// A sent access answer can go again with a new link: the old link ends at
// once, the new one is inactive until its e-mail is sent.
func TestPanelResendAnswer(t *testing.T) {
	g := newRequestRig(t, store.SQLite)
	ctx := context.Background()
	r, first := g.request(t, store.TypeAccess, time.Now().Add(-time.Hour))
	g.run(t, first)
	g.run(t, g.next(t, step.Answer))
	es, _ := g.st.EmailsOf(ctx, r.ShopID, r.ID)
	var answer store.Email
	for _, e := range es {
		if e.Kind == "access_answer" {
			answer = e
		}
	}
	_, raw := g.page(t, "a", "de", r.ID)
	if strings.Contains(raw, "/resend\"") {
		t.Fatal("an unsent answer offers the resend")
	}
	// Sent: the link works.
	err := g.st.Tx(ctx, func(tx *store.Store) error {
		if err := tx.MarkEmailSent(ctx, r.ShopID, answer.ID); err != nil {
			return err
		}
		if _, err := tx.ActivateReportLinks(ctx, r.ShopID, r.ID, time.Now()); err != nil {
			return err
		}
		cur, _ := tx.Request(ctx, r.ShopID, r.ID)
		return requests.Transition(ctx, tx, cur, "system", store.StatusAnswered, "")
	})
	if err != nil {
		t.Fatal(err)
	}
	text, _ := g.page(t, "a", "de", r.ID)
	contains(t, "resend de", text, "Antwort mit neuem Link erneut senden", "Der bisherige Link funktioniert ab sofort nicht mehr, der neue ab dem Versand der E-Mail.")
	text, _ = g.page(t, "a", "en", r.ID)
	contains(t, "resend en", text, "Send the answer again with a new link", "The current link stops working at once; the new one works from the sending of the e-mail.")
	code, hdr, _ := g.do(t, "POST", "a", "en", fmt.Sprintf("/app/requests/%d/resend", r.ID), url.Values{})
	if code != http.StatusSeeOther {
		t.Fatalf("resend: %d", code)
	}
	text, _ = g.follow(t, "a", "en", hdr.Get("Location"))
	contains(t, "resent", text, "The answer is being sent again with a new link; the previous link no longer works.")
	again, _ := g.st.Email(ctx, r.ShopID, answer.ID)
	if again.Status != store.EmailQueued || again.BodyText == answer.BodyText || again.MessageID != "" {
		t.Fatalf("resent e-mail: %s, new body %t, Message-ID %q", again.Status, again.BodyText != answer.BodyText, again.MessageID)
	}
	var live, inactive int
	g.st.SQL().QueryRow("SELECT count(*) FROM report_links WHERE request_id = ? AND revoked_at IS NULL AND activated_at IS NOT NULL", r.ID).Scan(&live)
	g.st.SQL().QueryRow("SELECT count(*) FROM report_links WHERE request_id = ? AND revoked_at IS NULL AND activated_at IS NULL", r.ID).Scan(&inactive)
	if live != 0 || inactive != 1 {
		t.Errorf("after the resend: %d working links, %d waiting for the sending; want 0 and 1", live, inactive)
	}
}
