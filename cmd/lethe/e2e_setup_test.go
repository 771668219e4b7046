package main

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/mail/mailtest"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

// installShop seeds a shop in the emulator and installs it the way the
// merchant does (opening the app: token exchange); s then speaks as it.
func (s *stack) installShop(domain string, o shopifytest.ShopOptions) {
	s.t.Helper()
	s.emu.AddShop(domain, o)
	s.domain = domain
	if code := s.api("GET", "/api/requests", "", nil); code != 200 {
		s.t.Fatalf("install %s: %d", domain, code)
	}
}

// dataRequest sends a customers/data_request for a new customer of the
// current shop and returns its request.
func (s *stack) dataRequest(n int64) apiRequest {
	s.t.Helper()
	r, _ := s.customerRequest(n, "de")
	return r
}

// reportText is the request's report as JSON text (every answer in it).
func (s *stack) reportText(id int64) string {
	s.t.Helper()
	var raw map[string]any
	if code := s.api("GET", fmt.Sprintf("/api/requests/%d/report.json", id), "", &raw); code != 200 {
		s.t.Fatalf("report.json: %d", code)
	}
	return fmt.Sprint(raw)
}

// A shop installed with no setting touched answers naming the authority of
// the state its postcode lies in; a shop whose postcode crosses a state
// line waits in needs_setup (never failed), its merchant told once, and
// continues by itself when the state is set, its due dates unchanged.
func TestSetupFromThePostcodeEndToEnd(t *testing.T) {
	s, smtp := startStack(t, testenv.RealRedis, nil)
	// Munich (80331): the stack's shop, installed with its address only.
	munich := s.dataRequest(1)
	s.waitStatus(munich.ID, store.StatusReady)
	if txt := s.reportText(munich.ID); !strings.Contains(txt, "BayLDA") || !strings.Contains(txt, "Promenade 18") {
		t.Errorf("Munich answer does not name the Bavarian authority with its address:\n%.2000s", txt)
	}
	var sj map[string]any
	s.api("GET", "/api/shop", "", &sj)
	if p := sj["profile"].(map[string]any); p["state"] != "BY" || p["state_source"] != "postcode" {
		t.Errorf("Munich profile: %v", p)
	}

	s.installShop("leipzig-laden.myshopify.com", shopifytest.ShopOptions{Name: "Leipzig Laden", Email: "info@leipzig-laden.de",
		Country: "DE", Address1: "Markt 1", Zip: "04109", City: "Leipzig"})
	leipzig := s.dataRequest(2)
	s.waitStatus(leipzig.ID, store.StatusReady)
	if txt := s.reportText(leipzig.ID); !strings.Contains(txt, "Sächsischer Datenschutz- und Transparenzbeauftragter") {
		t.Errorf("Leipzig answer does not name Saxony's authority:\n%.2000s", txt)
	}

	// 07919 lies in Saxony and Thuringia: the merchant must choose.
	const border = "grenz-shop@example.de"
	s.installShop("grenz-shop.myshopify.com", shopifytest.ShopOptions{Name: "Grenz-Shop", Email: border,
		Country: "DE", Address1: "Hauptstr. 1", Zip: "07919", City: "Mühltroff"})
	var waiting []apiRequest
	for n := int64(3); n <= 5; n++ {
		r := s.dataRequest(n)
		got := s.waitStatus(r.ID, store.StatusNeedsSetup)
		waiting = append(waiting, got)
	}
	var r0 struct {
		SetupMissing []string `json:"setup_missing"`
		Failure      string   `json:"failure"`
	}
	s.api("GET", fmt.Sprintf("/api/requests/%d", waiting[0].ID), "", &r0)
	if !slices.Contains(r0.SetupMissing, "state") || r0.Failure != "" {
		t.Errorf("waiting request: %+v", r0)
	}
	s.api("GET", "/api/shop", "", &sj)
	if rd := sj["readiness"].(map[string]any); rd["ready"] != false || !strings.Contains(fmt.Sprint(rd["missing"]), "state") {
		t.Errorf("readiness: %v", rd)
	}
	time.Sleep(2 * time.Second) // the notice has had its time; a second one would show now
	if n := setupMails(smtp, border); n != 1 {
		t.Fatalf("%d setup e-mails for three waiting requests, want 1", n)
	}
	if code := s.api("PATCH", "/api/shop", `{"state":"SN"}`, &sj); code != 200 {
		t.Fatalf("PATCH /api/shop: %d %v", code, sj)
	}
	if p := sj["profile"].(map[string]any); p["state"] != "SN" || p["state_source"] != "merchant" {
		t.Errorf("profile after PATCH: %v", p)
	}
	for _, w := range waiting {
		got := s.waitStatus(w.ID, store.StatusReady)
		if got.DueAt != w.DueAt || got.Received != w.Received {
			t.Errorf("request %d: due %s → %s", w.ID, w.DueAt, got.DueAt)
		}
		if txt := s.reportText(w.ID); !strings.Contains(txt, "Sächsischer Datenschutz") {
			t.Errorf("request %d does not name Saxony's authority", w.ID)
		}
	}
	if n := setupMails(smtp, border); n != 1 {
		t.Errorf("%d setup e-mails, want 1", n)
	}
}

func setupMails(smtp *mailtest.Server, to string) int {
	n := 0
	for _, m := range smtp.Messages() {
		if len(m.EnvelopeTo) > 0 && m.EnvelopeTo[0] == to && strings.Contains(m.Subject, "Einrichtung") {
			n++
		}
	}
	return n
}
