package main

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/woocommerce/wctest"
)

// TestE2EWooCommerceAccessRequest connects the German sample store to the
// running binary (as TestE2EWooCommerceConnect does) and answers a manual
// access request for Anna Schmidt made with an API token of the shop: it
// reaches ready, report.json lists her registered and guest orders (not
// the decoys the store's fuzzy search also finds), her reviews as product
// reviews and the shop's private notes as order notes, and the HTML answer
// names her guest orders' numbers, one row each, and the new document
// types in both languages.
func TestE2EWooCommerceAccessRequest(t *testing.T) {
	addr := freeAddr(t)
	proxy := behindTLS{host: addr}
	emu := wctest.Start(t, wctest.Options{CallbackClient: &http.Client{Transport: proxy}})
	anna := emu.SeedGerman()
	clearEnv(t)
	for k, v := range map[string]string{
		"LETHE_ADDR": addr, "LETHE_PUBLIC_URL": "https://" + addr, "LETHE_DATA_DIR": t.TempDir(),
		"LETHE_SECRET_KEY": testKey, "LETHE_DATABASE_URL": testenv.DatabaseURL(t, store.Postgres), "LETHE_AUTO_MIGRATE": "true",
		"LETHE_REDIS_URL": testenv.Redis(t, testenv.MemoryRedis), "LETHE_MAIL_FROM": "Lethe <no-reply@lethe.test>",
	} {
		t.Setenv(k, v)
	}
	_, stop := started(t, "serve")
	t.Cleanup(func() { stop() })
	public := "https://" + addr

	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar, Transport: proxy, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := browser.Get(public + "/woocommerce/connect?store_url=" + url.QueryEscape(emu.URL))
	if err != nil || resp.StatusCode != http.StatusFound {
		t.Fatalf("connect: %v %v", resp, err)
	}
	resp.Body.Close()
	res := emu.Approve(resp.Header.Get("Location"))
	if res.Status != http.StatusFound {
		t.Fatalf("approve: %+v", res)
	}
	if resp, err = browser.Get(res.Location); err != nil || resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("return: %v %v", resp, err)
	}
	resp.Body.Close()

	u, _ := url.Parse(emu.URL)
	code, token, stderr := runCmd(t, "token", "create", "--platform", "woocommerce", "--shop", u.Host, "--name", "e2e")
	token = strings.TrimSpace(token)
	if code != 0 || !strings.HasPrefix(token, "lethe_") {
		t.Fatalf("token create: %d %q", code, stderr)
	}
	call := func(method, path, body string, out any) (int, []byte) {
		t.Helper()
		req, _ := http.NewRequest(method, public+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		resp, err := (&http.Client{Transport: proxy}).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if out != nil && resp.StatusCode < 300 {
			if err := json.Unmarshal(b, out); err != nil {
				t.Fatalf("%s %s: %v: %s", method, path, err, b)
			}
		}
		return resp.StatusCode, b
	}

	var created apiRequest
	if code, b := call("POST", "/api/requests", `{"type":"access","email":"`+anna.AnnaEmail+`","locale":"de","channel":"e-mail"}`, &created); code != http.StatusCreated {
		t.Fatalf("intake: %d %s", code, b)
	}
	deadline := time.Now().Add(90 * time.Second)
	var r apiRequest
	for time.Now().Before(deadline) {
		call("GET", fmt.Sprintf("/api/requests/%d", created.ID), "", &r)
		if r.Status == store.StatusReady || r.Status == "failed" {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if r.Status != store.StatusReady {
		t.Fatalf("request is %q (failure %q), want ready", r.Status, r.Failure)
	}

	var full struct {
		Copy struct {
			Items []struct {
				System     string `json:"system"`
				RecordType string `json:"record_type"`
				RecordID   string `json:"record_id"`
			} `json:"items"`
		} `json:"copy"`
	}
	if code, b := call("GET", fmt.Sprintf("/api/requests/%d/report.json", created.ID), "", &full); code != 200 {
		t.Fatalf("report.json: %d %s", code, b)
	}
	orders := map[string]bool{}
	for _, it := range full.Copy.Items {
		if it.System == "woocommerce" && it.RecordType == "order_confirmation" {
			orders[it.RecordID] = true
		}
	}
	for _, o := range append(append([]int64{}, anna.AnnaOrders...), anna.AnnaGuestOrders...) {
		if !orders[strconv.FormatInt(o, 10)] {
			t.Errorf("order %d missing from report.json: %v", o, orders)
		}
	}
	for _, o := range anna.DecoyOrders {
		if orders[strconv.FormatInt(o, 10)] {
			t.Errorf("decoy order %d in report.json", o)
		}
	}
	// Her reviews are product reviews, the shop's private notes order notes
	// of their own (one per note), the notes sent to her business letters;
	// the only customer account is hers.
	byType := map[string]map[string]bool{}
	for _, it := range full.Copy.Items {
		if it.System != "woocommerce" {
			continue
		}
		if byType[it.RecordType] == nil {
			byType[it.RecordType] = map[string]bool{}
		}
		byType[it.RecordType][it.RecordID] = true
	}
	wantReviews := map[string]bool{}
	for _, r := range anna.AnnaReviews {
		wantReviews["review/"+strconv.FormatInt(r, 10)] = true
	}
	wantNotes, wantLetters := map[string]bool{}, map[string]bool{}
	for i, o := range append(append([]int64{}, anna.AnnaGuestOrders...), anna.AnnaOrders...) {
		oid := strconv.FormatInt(o, 10)
		wantNotes[oid+"/note/"+strconv.FormatInt(anna.AnnaNotes[2*i], 10)] = true
		wantLetters[oid+"/note/"+strconv.FormatInt(anna.AnnaNotes[2*i+1], 10)] = true
	}
	for rt, want := range map[string]map[string]bool{
		"product_review": wantReviews, "order_note": wantNotes, "business_letter": wantLetters,
		"customer_account": {strconv.FormatInt(anna.AnnaID, 10): true},
	} {
		if !maps.Equal(byType[rt], want) {
			t.Errorf("report.json %s items %v, want %v", rt, byType[rt], want)
		}
	}
	labels := map[string][]string{
		"de": {"Rezension", "Ihre Bewertungen und Kommentare", "Produktbewertungen", "Interne Notizen zu Ihren Bestellungen", "Interne Notiz zur Bestellung",
			"Wir speichern Ihre Produktbewertungen, bis Sie Ihre Einwilligung in die Veröffentlichung widerrufen oder uns um Löschung bitten"},
		"en": {"Review", "Your reviews and comments", "Product reviews", "Internal notes on your orders", "Internal order note",
			"We keep your product reviews until you withdraw your consent to their publication or ask us to erase them"},
	}
	for _, lang := range []string{"de", "en"} {
		code, html := call("GET", fmt.Sprintf("/api/requests/%d/report.html?lang=%s", created.ID, lang), "", nil)
		if code != 200 {
			t.Fatalf("report.html %s: %d", lang, code)
		}
		for _, o := range anna.AnnaGuestOrders {
			if !strings.Contains(string(html), ">"+strconv.FormatInt(o, 10)+"<") {
				t.Errorf("report.html (%s) lacks guest order %d", lang, o)
			}
		}
		if !strings.Contains(string(html), "mein Lieblingsespresso") {
			t.Errorf("report.html (%s) lacks her review", lang)
		}
		for _, l := range labels[lang] {
			if !strings.Contains(string(html), l) {
				t.Errorf("report.html (%s) lacks %q", lang, l)
			}
		}
		for _, o := range append(append([]int64{}, anna.AnnaGuestOrders...), anna.AnnaOrders...) {
			if n := strings.Count(string(html), "<tr><td>"+strconv.FormatInt(o, 10)+"</td>"); n != 1 {
				t.Errorf("report.html (%s) has %d rows for order %d, want one (its notes in its row)", lang, n, o)
			}
		}
		if !strings.Contains(string(html), "Anna Schmidt") || !strings.Contains(string(html), "203.0.113.10") {
			t.Errorf("report.html (%s) lacks her name or a guest order's IP address", lang)
		}
		if strings.Contains(string(html), "johanna.schmidt@example.de") || strings.Contains(string(html), "p.klein@example.org") {
			t.Errorf("report.html (%s) shows a decoy order", lang)
		}
	}
}
