package main

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/mail/mailtest"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

// identityEmail is an e-mail of a request as the admin API lists it.
type identityEmail struct {
	ID       int64  `json:"id"`
	Kind     string `json:"kind"`
	To       string `json:"to"`
	Status   string `json:"status"`
	BodyText string `json:"body_text"`
	BodyHTML string `json:"body_html"`
}

func (s *stack) emailsOf(id int64) []identityEmail {
	s.t.Helper()
	var es struct{ Emails []identityEmail }
	if code := s.api("GET", fmt.Sprintf("/api/requests/%d/emails", id), "", &es); code != 200 {
		s.t.Fatalf("emails of %d: %d", id, code)
	}
	return es.Emails
}

// noMailTo fails when the SMTP server got anything for addr.
func noMailTo(t *testing.T, smtp *mailtest.Server, addr string) {
	t.Helper()
	for _, m := range smtp.Messages() {
		if slices.ContainsFunc(m.EnvelopeTo, func(to string) bool { return strings.EqualFold(to, addr) }) ||
			strings.Contains(strings.ToLower(strings.Join(m.To, ",")), strings.ToLower(addr)) {
			t.Fatalf("the SMTP server got a message to %s: %q", addr, m.Subject)
		}
	}
}

// A manual access request naming one customer's id and order with another
// person's address (issue 12): nothing of the customer reaches that
// address — no report, no draft, no link — until the merchant verifies the
// identity; then the answer goes to the customer's own address, and its
// link works once it is sent.
func TestMismatchedIdentityEndToEnd(t *testing.T) {
	s, smtp := startStack(t, testenv.MemoryRedis, nil)
	jane := seedJane(s.emu, s.domain)
	const attacker = "attacker@evil.example"

	body := fmt.Sprintf(`{"type":"access","email":%q,"name":"Jane Roe","customer_id":"%d","order_ids":["%d"],"locale":"de","channel":"e-mail"}`,
		attacker, jane.customerID, jane.orders[0])
	var created apiRequest
	if code := s.api("POST", "/api/requests", body, &created); code != 201 {
		t.Fatalf("intake: %d", code)
	}
	s.waitStatus(created.ID, store.StatusIdentityUnverified)

	// The mismatch is named for the merchant: which fields, no values.
	var r struct {
		Status           string   `json:"status"`
		IdentityMismatch []string `json:"identity_mismatch"`
		Extendable       bool     `json:"extendable"`
		Subject          struct {
			Email   string `json:"email"`
			AskedBy string `json:"asked_by"`
		} `json:"subject"`
	}
	s.api("GET", fmt.Sprintf("/api/requests/%d", created.ID), "", &r)
	if !slices.Equal(r.IdentityMismatch, []string{"customer_id", "order_ids"}) {
		t.Fatalf("identity_mismatch %v", r.IdentityMismatch)
	}
	// Nothing was built, nothing drafted to anyone but the merchant.
	if code := s.api("GET", fmt.Sprintf("/api/requests/%d/report.json", created.ID), "", nil); code != 409 {
		t.Errorf("report of a held request: %d, want 409 (no report yet)", code)
	}
	for _, e := range s.emailsOf(created.ID) {
		if e.Kind != "merchant_notice" || strings.EqualFold(e.To, attacker) {
			t.Errorf("a held request has the e-mail %s to %s", e.Kind, e.To)
		}
	}
	if n := s.count("SELECT count(*) FROM report_links WHERE request_id = $1", created.ID); n != 0 {
		t.Errorf("%d report links for a held request", n)
	}
	if n := s.count("SELECT count(*) FROM data_items WHERE request_id = $1", created.ID); n != 0 {
		t.Errorf("%d items kept for a held request", n)
	}
	// The merchant's notice names the mismatch and offers no draft.
	notice := smtp.WaitMessages(1, 30*time.Second)
	if len(notice) != 1 || notice[0].EnvelopeTo[0] != "datenschutz@moebel-mueller.de" {
		t.Fatalf("merchant notice: %+v", notice)
	}
	for _, want := range []string{"die Lethe angehalten hat", "passt nicht zu diesen Angaben im Shop: Kundennummer, Bestellnummern", "keine Antwort vorbereitet"} {
		if !strings.Contains(strings.Join(strings.Fields(notice[0].Text), " "), want) {
			t.Errorf("merchant notice lacks %q:\n%s", want, notice[0].Text)
		}
	}
	if strings.Contains(notice[0].Text, attacker) || strings.Contains(notice[0].Text, jane.email) {
		t.Error("the merchant notice carries an address")
	}
	// The audit trail names the fields, never an address.
	rows, err := s.db().Query("SELECT action, detail FROM request_events WHERE request_id = $1", created.ID)
	if err != nil {
		t.Fatal(err)
	}
	var trail []string
	for rows.Next() {
		var a, d string
		rows.Scan(&a, &d)
		trail = append(trail, a+" "+d)
	}
	rows.Close()
	all := strings.Join(trail, "\n")
	if !strings.Contains(all, "status.identity_unverified mismatch=customer_id,order_ids") {
		t.Errorf("audit trail:\n%s", all)
	}
	if strings.Contains(all, "attacker") || strings.Contains(all, "jane") || strings.Contains(all, "evil.example") {
		t.Errorf("the audit trail holds an address:\n%s", all)
	}
	// The panel's request page shows the mismatch and how to resolve it.
	for lang, wants := range map[string][]string{
		"de": {"Identität ungeklärt", "Die Angaben gehören nicht zur selben Person", "Die Kundennummer gehört zu einem Kundenkonto mit einer anderen E-Mail-Adresse",
			"Mindestens eine der genannten Bestellungen", "Identität als geprüft vermerken", "Anfrage schließen"},
		"en": {"Identity unverified", "The details do not belong to the same person", "The customer ID belongs to a customer account with another e-mail address",
			"At least one of the orders named", "Mark the identity verified", "Close the request"},
	} {
		code, _, page := s.panelGet(fmt.Sprintf("/app/requests/%d?lang=%s", created.ID, lang), s.token(s.domain), false)
		if code != 200 {
			t.Fatalf("request page (%s): %d", lang, code)
		}
		for _, w := range wants {
			if !strings.Contains(page, w) {
				t.Errorf("request page (%s) lacks %q", lang, w)
			}
		}
	}
	noMailTo(t, smtp, attacker)

	// The merchant verified the identity: discovery runs again, and the
	// answer goes to the address on Jane's customer record.
	var verified struct {
		Request struct {
			Status string `json:"status"`
		} `json:"request"`
	}
	if code := s.api("POST", fmt.Sprintf("/api/requests/%d/verify-identity", created.ID), "{}", &verified); code != 200 {
		t.Fatalf("verify-identity: %d", code)
	}
	s.waitStatus(created.ID, store.StatusReady)
	s.api("GET", fmt.Sprintf("/api/requests/%d", created.ID), "", &r)
	if r.Subject.Email != jane.email || r.Subject.AskedBy != attacker || len(r.IdentityMismatch) != 0 {
		t.Fatalf("after verifying: subject %+v, mismatch %v", r.Subject, r.IdentityMismatch)
	}
	var answer identityEmail
	for _, e := range s.emailsOf(created.ID) {
		if strings.EqualFold(e.To, attacker) {
			t.Fatalf("a %s to the asking address", e.Kind)
		}
		if e.Kind == "access_answer" {
			answer = e
		}
	}
	if answer.To != jane.email || answer.Status != store.EmailDraft {
		t.Fatalf("answer draft: %+v", answer)
	}
	if !strings.Contains(answer.BodyText, "Der Link funktioniert ab dem Versand dieser E-Mail 7 Tage lang") {
		t.Errorf("the draft does not say the link works from the sending:\n%s", answer.BodyText)
	}
	link := regexp.MustCompile(`http://[^\s"<>]+/r/[A-Za-z0-9_-]+`).FindString(answer.BodyText)
	if link == "" {
		t.Fatalf("no link in the draft:\n%s", answer.BodyText)
	}
	// Before the answer is sent, the link answers like an unknown one.
	_, _, unknown := get(t, s.base+"/r/"+strings.Repeat("A", 43))
	for _, p := range []string{"", "/report.html", "/report.json", "/report.zip"} {
		code, _, b := get(t, link+p)
		if code != 404 || string(b) != string(unknown) {
			t.Errorf("unsent link %q: %d, want the unknown link's 404", p, code)
		}
	}
	if code := s.api("POST", fmt.Sprintf("/api/requests/%d/emails/%d/send", created.ID, answer.ID), "", nil); code != 202 {
		t.Fatalf("send: %d", code)
	}
	s.waitStatus(created.ID, store.StatusAnswered)
	var got mailtest.Message
	for _, m := range smtp.Messages() {
		if m.EnvelopeTo[0] == jane.email {
			got = m
		}
	}
	if !strings.Contains(got.Text, link) {
		t.Fatalf("the answer to %s lacks the link:\n%s", jane.email, got.Text)
	}
	noMailTo(t, smtp, attacker)
	code, _, html := get(t, link+"/report.html")
	if code != 200 || !strings.Contains(string(html), "Jane") {
		t.Fatalf("report.html through the sent link: %d", code)
	}

	// A resend issues a new link and ends the old one; the new one works
	// from its sending.
	if code := s.api("POST", fmt.Sprintf("/api/requests/%d/answer/resend", created.ID), "", nil); code != 202 {
		t.Fatalf("resend: %d", code)
	}
	if code, _, _ := get(t, link+"/report.html"); code != 410 {
		t.Errorf("the old link after a resend: %d, want 410", code)
	}
	msgs := smtp.WaitMessages(3, 30*time.Second) // the notice, the answer, the resent answer
	if len(msgs) != 3 || msgs[2].EnvelopeTo[0] != jane.email {
		t.Fatalf("after the resend: %d messages", len(msgs))
	}
	fresh := regexp.MustCompile(`http://[^\s"<>]+/r/[A-Za-z0-9_-]+`).FindString(msgs[2].Text)
	if fresh == "" || fresh == link || msgs[2].MessageID == got.MessageID {
		t.Fatalf("the resent answer: link %q (old %q), Message-ID %q", fresh, link, msgs[2].MessageID)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		code, _, _ := get(t, fresh+"/report.json")
		if code == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the new link answers %d after its sending", code)
		}
		time.Sleep(50 * time.Millisecond)
	}
	noMailTo(t, smtp, attacker)
}
