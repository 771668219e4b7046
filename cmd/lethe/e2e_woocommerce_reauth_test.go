package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/woocommerce/wctest"
)

// TestE2EWooCommerceRevokedKeyWaitsForReconnection runs the binary with a
// connected store (as TestE2EWooCommerceAccessRequest does), whose
// merchant has set the password of their login. The merchant revokes
// Lethe's key in WooCommerce; two access requests then wait, never fail:
// the API names what they wait for, the shop needs re-authentication, the
// panel's banner says so with the link that reconnects the store, the
// request page and the inbox say the request waits for WooCommerce, and
// the merchant is told once by e-mail. The merchant follows the banner's
// link and approves a new key in the store: the requests continue where
// they stopped and Anna Schmidt's reaches ready with her orders in the
// answer, discovered once.
func TestE2EWooCommerceRevokedKeyWaitsForReconnection(t *testing.T) {
	addr := freeAddr(t)
	proxy := behindTLS{host: addr}
	emu := wctest.Start(t, wctest.Options{CallbackClient: &http.Client{Transport: proxy}})
	anna := emu.SeedGerman()
	clearEnv(t)
	dbURL := testenv.DatabaseURL(t, store.Postgres)
	for k, v := range map[string]string{
		"LETHE_ADDR": addr, "LETHE_PUBLIC_URL": "https://" + addr, "LETHE_DATA_DIR": t.TempDir(),
		"LETHE_SECRET_KEY": testKey, "LETHE_DATABASE_URL": dbURL, "LETHE_AUTO_MIGRATE": "true",
		"LETHE_REDIS_URL": testenv.Redis(t, testenv.MemoryRedis), "LETHE_MAIL_FROM": "Lethe <no-reply@lethe.test>",
	} {
		t.Setenv(k, v)
	}
	_, stop := started(t, "serve")
	t.Cleanup(func() { stop() })
	public := "https://" + addr

	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar, Transport: proxy, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	visit := func(method, u string, form url.Values) (*http.Response, string) {
		t.Helper()
		var resp *http.Response
		var err error
		if method == http.MethodPost {
			resp, err = browser.PostForm(u, form)
		} else {
			resp, err = browser.Get(u)
		}
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	approve := func(start string) *http.Response {
		t.Helper()
		resp, _ := visit(http.MethodGet, start, nil)
		if resp.StatusCode != http.StatusFound || !strings.HasPrefix(resp.Header.Get("Location"), emu.URL+"/wc-auth/v1/authorize?") {
			t.Fatalf("connect %s: %d %s", start, resp.StatusCode, resp.Header.Get("Location"))
		}
		res := emu.Approve(resp.Header.Get("Location"))
		if res.Status != http.StatusFound {
			t.Fatalf("approve: %+v", res)
		}
		back, _ := visit(http.MethodGet, res.Location, nil)
		if back.StatusCode != http.StatusSeeOther {
			t.Fatalf("return: %d", back.StatusCode)
		}
		return back
	}
	back := approve(public + "/woocommerce/connect?store_url=" + url.QueryEscape(emu.URL))
	// The merchant sets the password of their new login: the panel is theirs.
	invite := back.Header.Get("Location")
	_, form := visit(http.MethodGet, invite, nil)
	csrf := regexp.MustCompile(`name="_csrf" value="([^"]+)"`).FindStringSubmatch(form)
	if csrf == nil {
		t.Fatalf("invitation page:\n%s", form)
	}
	pw := "Kaffee-und-Kuchen-2026"
	if resp, body := visit(http.MethodPost, invite, url.Values{"_csrf": {csrf[1]}, "password": {pw}, "password2": {pw}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("set password: %d\n%s", resp.StatusCode, body)
	}

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
	type waitingRequest struct {
		apiRequest
		WaitReason string `json:"wait_reason"`
		DueAt      string `json:"due_at"`
	}
	poll := func(id int64, done func(r waitingRequest) bool) waitingRequest {
		t.Helper()
		deadline := time.Now().Add(90 * time.Second) // a hang guard, not a performance limit
		var r waitingRequest
		for time.Now().Before(deadline) {
			call("GET", fmt.Sprintf("/api/requests/%d", id), "", &r)
			if done(r) {
				return r
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("request %d: %+v", id, r)
		return r
	}

	// The merchant revokes Lethe's key in WooCommerce → Settings → Advanced → REST API.
	if keys := emu.Keys(); len(keys) != 1 || !emu.RevokeKey(keys[0].ConsumerKey) {
		t.Fatalf("keys %+v", keys)
	}
	var ids []int64
	for _, email := range []string{anna.AnnaEmail, "niemand@example.de"} {
		var created apiRequest
		if code, b := call("POST", "/api/requests", `{"type":"access","email":"`+email+`","locale":"de","channel":"e-mail"}`, &created); code != http.StatusCreated {
			t.Fatalf("intake: %d %s", code, b)
		}
		ids = append(ids, created.ID)
	}
	var due []string
	for _, id := range ids {
		r := poll(id, func(r waitingRequest) bool {
			return r.WaitReason != "" || r.Status == store.StatusFailed || r.Status == store.StatusReady
		})
		if r.WaitReason != "reconnect:woocommerce" || r.Status != store.StatusProcessing || r.DueAt == "" {
			t.Fatalf("request %d: %+v, want processing, waiting for woocommerce", id, r)
		}
		due = append(due, r.DueAt)
	}
	var shop struct {
		Systems []struct {
			System, Status string
			Healthy        bool
		} `json:"systems"`
	}
	if code, b := call("GET", "/api/shop", "", &shop); code != 200 || len(shop.Systems) == 0 || shop.Systems[0].System != "woocommerce" ||
		shop.Systems[0].Status != store.ShopNeedsReauth || shop.Systems[0].Healthy {
		t.Fatalf("GET /api/shop: %d %s", code, b)
	}

	// The panel: the banner on every page with the link that reconnects
	// the store; the request page and the inbox say what the request waits for.
	_, inbox := visit(http.MethodGet, public+"/app?lang=de", nil)
	for _, w := range []string{`id="reconnect"`, "Ihr Shop muss wieder mit WooCommerce verbunden werden.", "bestätigen Sie den Zugang für Lethe",
		"Wartet, bis WooCommerce wieder verbunden ist"} {
		if !strings.Contains(inbox, w) {
			t.Errorf("inbox lacks %q", w)
		}
	}
	m := regexp.MustCompile(`<a href="([^"]+)" target="_top" hx-boost="false">Jetzt wieder verbinden</a>`).FindStringSubmatch(inbox)
	if m == nil {
		t.Fatalf("no reconnect link in the banner:\n%s", inbox)
	}
	link := html.UnescapeString(m[1])
	if want := public + "/woocommerce/connect?store_url=" + url.QueryEscape(emu.URL); link != want {
		t.Fatalf("reconnect link %s, want %s", link, want)
	}
	for _, lang := range []string{"de", "en"} {
		_, page := visit(http.MethodGet, public+"/app/requests/"+strconv.FormatInt(ids[0], 10)+"?lang="+lang, nil)
		for _, w := range map[string][]string{
			"de": {`id="waiting"`, "Wartet, bis WooCommerce wieder verbunden ist.", "In Bearbeitung", "Ihr Shop muss wieder mit WooCommerce verbunden werden."},
			"en": {`id="waiting"`, "Waiting for WooCommerce to be connected again.", "Processing", "Your shop must be connected to WooCommerce again."},
		}[lang] {
			if !strings.Contains(page, w) {
				t.Errorf("request page (%s) lacks %q", lang, w)
			}
		}
	}
	db, err := sql.Open("pgx", dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var notices int
	if err := db.QueryRow("SELECT count(*) FROM emails WHERE kind = 'reconnect_notice'").Scan(&notices); err != nil || notices != 1 {
		t.Fatalf("%d reconnect e-mails (%v), want one for both requests", notices, err)
	}

	// The merchant follows the banner's link and approves a new key.
	if back := approve(link); back.Header.Get("Location") != public+"/app/login" {
		t.Fatalf("return after reconnecting: %s", back.Header.Get("Location"))
	}
	if keys := emu.Keys(); len(keys) != 1 {
		t.Fatalf("keys after reconnecting: %+v", keys)
	}
	for i, id := range ids {
		r := poll(id, func(r waitingRequest) bool { return r.Status == store.StatusReady || r.Status == store.StatusFailed })
		if r.Status != store.StatusReady || r.WaitReason != "" || r.DueAt != due[i] {
			t.Fatalf("request %d after reconnecting: %+v (due was %s)", id, r, due[i])
		}
	}
	if code, b := call("GET", "/api/shop", "", &shop); code != 200 || shop.Systems[0].Status != store.ShopActive {
		t.Fatalf("GET /api/shop after reconnecting: %d %s", code, b)
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
	if code, b := call("GET", fmt.Sprintf("/api/requests/%d/report.json", ids[0]), "", &full); code != 200 {
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
			t.Errorf("order %d missing from report.json after reconnecting", o)
		}
	}
	var discovered, waited, resumed int
	q := `SELECT count(*) FILTER (WHERE action = 'data.discovered'), count(*) FILTER (WHERE action = 'step.waiting'),
	      count(*) FILTER (WHERE action = 'step.resumed') FROM request_events WHERE request_id = $1`
	if err := db.QueryRow(q, ids[0]).Scan(&discovered, &waited, &resumed); err != nil || discovered != 1 || waited != 1 || resumed != 1 {
		t.Fatalf("audit trail: discovered %d, waited %d, resumed %d (%v)", discovered, waited, resumed, err)
	}
	_, inbox = visit(http.MethodGet, public+"/app?lang=de", nil)
	if strings.Contains(inbox, `id="reconnect"`) || strings.Contains(inbox, "Wartet, bis WooCommerce") {
		t.Error("the inbox still says the store must be reconnected")
	}
}
