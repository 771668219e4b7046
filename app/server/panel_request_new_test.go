package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

func TestPanelNewRequestForm(t *testing.T) {
	g := newPanelRig(t, store.SQLite)
	de := g.page(t, "de", "/app/requests/new")
	for _, want := range []string{"<h1>Neue Anfrage erfassen</h1>", "Art. 12 Abs. 3 DSGVO", `method="post" action="/app/requests"`,
		`value="access" checked`, "Auskunft (Art. 15 DSGVO)", "Löschung (Art. 17 DSGVO)",
		`<label for="n-channel">Eingegangen per</label>`, `<option value="letter">Brief</option>`,
		`<label for="n-received">Eingangsdatum</label>`, `value="2026-11-10" min="2025-11-10" max="2026-11-10"`,
		`<label for="n-email">E-Mail-Adresse</label>`, `<label for="n-name">Name (freiwillig)</label>`,
		`<label for="n-customer">Kundennummer im Shop (freiwillig)</label>`, `<label for="n-orders">Bestell-IDs (freiwillig)</label>`,
		`<label for="n-locale">Sprache der Antwort</label>`, `<option value="de" selected>Deutsch</option>`,
		`<label for="n-note">Notiz (freiwillig)</label>`, `aria-current="page">Neue Anfrage</a>`} {
		if !strings.Contains(de, want) {
			t.Errorf("German form lacks %q", want)
		}
	}
	en := g.page(t, "en", "/app/requests/new")
	for _, want := range []string{"<h1>Enter a new request</h1>", "Art. 12(3) GDPR", `<label for="n-channel">Received by</label>`,
		`<label for="n-email">E-mail address</label>`, "Language of the answer", "Create the request"} {
		if !strings.Contains(en, want) {
			t.Errorf("English form lacks %q", want)
		}
	}
}

func TestPanelNewRequestValidation(t *testing.T) {
	g := newPanelRig(t, store.SQLite)
	form := url.Values{"type": {"delete"}, "email": {"not an address"}, "name": {"Jane Doe"}, "channel": {"pigeon"},
		"received_at": {"2026-12-24"}, "locale": {"de"}, "note": {"Brief mit Ausweiskopie"}, "order_ids": {"1001, 1002"}}
	status, _, body := g.do(t, g.a, http.MethodPost, "/app/requests?lang=de", form)
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("bad form: %d\n%s", status, body)
	}
	for _, want := range []string{
		`role="alert"`, "Bitte prüfen Sie die markierten Angaben.",
		`aria-describedby="type-err"`, `<p class="error" id="type-err">Bitte wählen Sie die Art der Anfrage.</p>`,
		`aria-invalid="true" aria-describedby="channel-err"`, `<p class="error" id="channel-err">`,
		`aria-describedby="received-hint received-err" aria-invalid="true"`, `<p class="error" id="received-err">Das Eingangsdatum liegt in der Zukunft.</p>`,
		`aria-describedby="email-hint email-err" aria-invalid="true"`, `<p class="error" id="email-err">Bitte geben Sie eine E-Mail-Adresse wie name@example.de an.</p>`,
		// What was typed is kept.
		`value="not an address"`, `value="Jane Doe"`, `value="2026-12-24"`, `>Brief mit Ausweiskopie</textarea>`, `value="1001, 1002"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("re-rendered form lacks %q", want)
		}
	}
	if strings.Contains(body, `id="name-err"`) || strings.Contains(body, `id="n-name-err"`) {
		t.Error("a good field is marked")
	}
	// A year ago and more, in English.
	form = url.Values{"type": {"access"}, "email": {"jane@example.com"}, "channel": {"e-mail"}, "received_at": {"2025-10-01"}, "locale": {"en"}}
	status, _, body = g.do(t, g.a, http.MethodPost, "/app/requests?lang=en", form)
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, `<p class="error" id="received-err">The date received is more than a year ago.</p>`) {
		t.Errorf("old date: %d", status)
	}
	if n, _ := g.st.CountRequests(context.Background(), g.a.ID, store.RequestFilter{}); n != 0 {
		t.Fatalf("a bad form created %d requests", n)
	}
}

func TestPanelNewRequestCreates(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			g := newPanelRig(t, dialect)
			ctx := context.Background()
			// A letter received on Saturday 31 Oct 2026 (Bavaria): due one
			// month later, Monday 30 Nov 2026.
			form := url.Values{"type": {"erasure"}, "email": {" Jane.Doe@Example.com "}, "name": {"Jane Doe"}, "phone": {"+49 89 1234"},
				"customer_id": {"77"}, "order_ids": {"1001, 1002;1003"}, "channel": {"letter"}, "received_at": {"31.10.2026"},
				"locale": {"en"}, "note": {"Came with a copy of her ID card."}}
			status, h, body := g.do(t, g.a, http.MethodPost, "/app/requests", form)
			if status != http.StatusSeeOther {
				t.Fatalf("create: %d\n%s", status, body)
			}
			id, err := strconv.ParseInt(strings.TrimPrefix(h.Get("Location"), "/app/requests/"), 10, 64)
			if err != nil {
				t.Fatalf("redirect to %q", h.Get("Location"))
			}
			r, err := g.st.Request(ctx, g.a.ID, id)
			if err != nil {
				t.Fatal(err)
			}
			berlin, _ := time.LoadLocation("Europe/Berlin")
			if r.Type != "erasure" || r.Source != "manual" || r.Channel != "letter" || r.Locale != "en" || r.Status != "received" ||
				r.ReceivedAt.In(berlin).Format(time.DateOnly) != "2026-10-31" || r.DueAt.String() != "2026-11-30" {
				t.Fatalf("request %+v", r)
			}
			if s := r.Subject; s.Email != "Jane.Doe@Example.com" || s.Name != "Jane Doe" || s.Phone != "+49 89 1234" || s.CustomerID != "77" ||
				strings.Join(s.OrderIDs, " ") != "1001 1002 1003" {
				t.Fatalf("subject %+v", s)
			}
			if r.Note != "Came with a copy of her ID card." {
				t.Fatalf("note %q", r.Note)
			}
			if len(g.enqueued) != 1 || g.enqueued[0].Kind != "request:discover" {
				t.Fatalf("enqueued %+v", g.enqueued)
			}
			evs, err := g.st.Events(ctx, g.a.ID, id)
			if err != nil || len(evs) != 2 || evs[1].Action != "request.entered" || evs[1].Actor != "merchant:7" {
				t.Fatalf("audit %+v %v", evs, err)
			}
			for _, e := range evs {
				if strings.Contains(e.Detail, "ID card") || strings.Contains(strings.ToLower(e.Detail), "jane") {
					t.Fatalf("audit entry carries personal data: %+v", e)
				}
			}

			// Today (the default), entered in the morning: received now,
			// not in the future.
			g.now = time.Date(2026, 11, 10, 6, 0, 0, 0, time.UTC) // 7:00 in Berlin
			form = url.Values{"type": {"access"}, "email": {"max@example.org"}, "channel": {"phone"}, "locale": {"de"}}
			status, h, body = g.do(t, g.a, http.MethodPost, "/app/requests", form)
			if status != http.StatusSeeOther {
				t.Fatalf("today: %d\n%s", status, body)
			}
			id, _ = strconv.ParseInt(strings.TrimPrefix(h.Get("Location"), "/app/requests/"), 10, 64)
			if r, err = g.st.Request(ctx, g.a.ID, id); err != nil || !r.ReceivedAt.Equal(g.now) || r.DueAt.String() != "2026-12-10" {
				t.Fatalf("today: %+v %v", r, err)
			}
			// The new request is in the inbox, masked.
			inbox := g.page(t, "de", "/app/requests?sort=-received")
			if !strings.Contains(inbox, `m•••@</span><wbr><span class="nowrap">e•••.org`) || strings.Contains(inbox, "max@example.org") || !strings.Contains(inbox, "Manuell · Telefon") {
				t.Error("the inbox does not list the new request masked")
			}
			// The API takes today's date in the morning too (shared intake).
			req, _ := http.NewRequest(http.MethodPost, g.url+"/api/requests",
				strings.NewReader(`{"type":"access","email":"early@example.org","received_at":"2026-11-10"}`))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer shop-"+strconv.FormatInt(g.a.ID, 10))
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusCreated {
				t.Errorf("API, today's date in the morning: %d", resp.StatusCode)
			}
		})
	}
}

// The API's intake is the form's: it takes order ids and the note too, and
// refuses a bad one with its code.
func TestIntakeAPIOrderIDsAndNote(t *testing.T) {
	g := newPanelRig(t, store.SQLite)
	post := func(body string) (int, map[string]any) {
		req, _ := http.NewRequest(http.MethodPost, g.url+"/api/requests", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer shop-"+strconv.FormatInt(g.a.ID, 10))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var m map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&m)
		return resp.StatusCode, m
	}
	code, m := post(`{"type":"access","email":"a@example.org","order_ids":["1001","gid://shopify/Order/2"],"note":"per Fax"}`)
	if code != http.StatusCreated {
		t.Fatalf("%d %v", code, m)
	}
	status, _, body := g.do(t, g.a, http.MethodGet, "/api/requests/"+strconv.FormatInt(int64(m["id"].(float64)), 10), nil)
	var got struct {
		Note    string `json:"note"`
		Subject struct {
			OrderIDs []string `json:"order_ids"`
		} `json:"subject"`
	}
	if err := json.Unmarshal([]byte(body), &got); status != 200 || err != nil || got.Note != "per Fax" ||
		strings.Join(got.Subject.OrderIDs, " ") != "1001 gid://shopify/Order/2" {
		t.Fatalf("GET: %d %s", status, body)
	}
	code, m = post(`{"type":"access","email":"a@example.org","order_ids":["10 01"]}`)
	if e, _ := m["error"].(map[string]any); code != 400 || e["code"] != "invalid_order_ids" {
		t.Errorf("bad order id: %d %v", code, m)
	}
	code, m = post(`{"type":"access","email":"a@example.org","note":"` + strings.Repeat("ü", 2001) + `"}`)
	if e, _ := m["error"].(map[string]any); code != 400 || e["code"] != "too_long" {
		t.Errorf("long note: %d %v", code, m)
	}
}
