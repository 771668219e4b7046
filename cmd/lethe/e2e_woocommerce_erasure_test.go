package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/mail/mailtest"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/woocommerce"
	"github.com/lethe-gdpr/lethe/woocommerce/wctest"
)

// wooStack is a running `lethe serve` with a WooCommerce store connected
// from a fresh install (wc-auth, as TestE2EWooCommerceConnect does), the
// companion plugin installed with the secret Lethe made, an API token of
// the shop and a real SMTP server.
type wooStack struct {
	t      *testing.T
	emu    *wctest.Emulator
	smtp   *mailtest.Server
	public string
	proxy  behindTLS
	token  string
	domain string
	// invite is where the connect flow's return led the merchant: the
	// invitation of their new login.
	invite string
	shopID int64
	secret string // the companion plugin's secret Lethe made
	// stop stops the binary (the cleanup stops the one running then: a
	// test may stop it and start it again).
	stop func() int
}

func startWooStack(t *testing.T, opts wctest.Options, env map[string]string) *wooStack {
	t.Helper()
	addr := freeAddr(t)
	proxy := behindTLS{host: addr}
	opts.CallbackClient = &http.Client{Transport: proxy}
	emu := wctest.Start(t, opts)
	smtp := mailtest.Start(t, mailtest.Options{})
	clearEnv(t)
	vars := map[string]string{
		"LETHE_ADDR": addr, "LETHE_PUBLIC_URL": "https://" + addr, "LETHE_DATA_DIR": t.TempDir(),
		"LETHE_SECRET_KEY": testKey, "LETHE_DATABASE_URL": testenv.DatabaseURL(t, store.Postgres), "LETHE_AUTO_MIGRATE": "true",
		"LETHE_REDIS_URL": testenv.Redis(t, testenv.MemoryRedis), "LETHE_SMTP_URL": smtp.URL(), "LETHE_MAIL_FROM": "Lethe <no-reply@lethe.test>",
		"LETHE_RECONCILE_INTERVAL": "2s",
	}
	for k, v := range env {
		vars[k] = v
	}
	for k, v := range vars {
		t.Setenv(k, v)
	}
	s := &wooStack{t: t, emu: emu, smtp: smtp, public: "https://" + addr, proxy: proxy}
	_, s.stop = started(t, "serve")
	t.Cleanup(func() { s.stop() })

	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar, Transport: proxy, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := browser.Get(s.public + "/woocommerce/connect?store_url=" + url.QueryEscape(emu.URL))
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
	s.invite = resp.Header.Get("Location")
	u, _ := url.Parse(emu.URL)
	s.domain = u.Host
	code, token, stderr := runCmd(t, "token", "create", "--platform", "woocommerce", "--shop", s.domain, "--name", "e2e")
	if s.token = strings.TrimSpace(token); code != 0 || !strings.HasPrefix(s.token, "lethe_") {
		t.Fatalf("token create: %d %q", code, stderr)
	}
	// The merchant pastes the secret Lethe made into the plugin's settings
	// (the panel shows it; here it is read from the sealed credentials).
	st := openStore(t)
	shop, err := st.ShopByDomain(context.Background(), woocommerce.Platform, s.domain)
	if err != nil {
		t.Fatal(err)
	}
	var cr woocommerce.Credentials
	if err := st.OpenCredentials(shop, &cr); err != nil || len(cr.PluginSecret) != 43 {
		t.Fatalf("plugin secret: %d characters, %v", len(cr.PluginSecret), err)
	}
	s.shopID, s.secret = shop.ID, cr.PluginSecret
	emu.InstallPlugin(cr.PluginSecret)
	return s
}

func (s *wooStack) api(method, path, body string, out any) (int, []byte) {
	s.t.Helper()
	req, _ := http.NewRequest(method, s.public+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+s.token)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := (&http.Client{Transport: s.proxy}).Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if out != nil && resp.StatusCode < 300 {
		if err := json.Unmarshal(b, out); err != nil {
			s.t.Fatalf("%s %s: %v: %s", method, path, err, b)
		}
	}
	return resp.StatusCode, b
}

// waitStatus polls until the request reaches status (a hang guard, not a
// performance limit).
func (s *wooStack) waitStatus(id int64, status string) apiRequest {
	s.t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	var r apiRequest
	for time.Now().Before(deadline) {
		s.api("GET", fmt.Sprintf("/api/requests/%d", id), "", &r)
		if r.Status == status {
			return r
		}
		time.Sleep(100 * time.Millisecond)
	}
	s.t.Fatalf("request %d is %q (failure %q), want %q", id, r.Status, r.Failure, status)
	return r
}

// erase enters an erasure request for email in locale, approves its plan
// (after calling beforeApprove, when set) and waits until it is completed;
// it returns the request and its plan.
func (s *wooStack) erase(email, locale string, beforeApprove ...func()) (apiRequest, []planItem) {
	s.t.Helper()
	var created apiRequest
	if code, b := s.api("POST", "/api/requests", `{"type":"erasure","email":"`+email+`","locale":"`+locale+`","channel":"e-mail"}`, &created); code != http.StatusCreated {
		s.t.Fatalf("intake: %d %s", code, b)
	}
	s.waitStatus(created.ID, store.StatusAwaitingReview)
	var pl struct{ Items []planItem }
	if code, b := s.api("GET", fmt.Sprintf("/api/requests/%d/plan", created.ID), "", &pl); code != 200 || len(pl.Items) == 0 {
		s.t.Fatalf("plan: %d %s", code, b)
	}
	for _, f := range beforeApprove {
		f()
	}
	if code, b := s.api("POST", fmt.Sprintf("/api/requests/%d/plan/approve", created.ID), "", nil); code != http.StatusAccepted {
		s.t.Fatalf("approve: %d %s", code, b)
	}
	return s.waitStatus(created.ID, store.StatusCompleted), pl.Items
}

// sendConfirmation sends the drafted confirmation (the merchant's review)
// and returns the message delivered.
func (s *wooStack) sendConfirmation(id int64, to, phrase string) mailtest.Message {
	s.t.Helper()
	var es struct {
		Emails []struct {
			ID   int64
			Kind string
		}
	}
	s.api("GET", fmt.Sprintf("/api/requests/%d/emails", id), "", &es)
	var draft int64
	for _, m := range es.Emails {
		if m.Kind == "erasure_partial" {
			draft = m.ID
		}
	}
	if draft == 0 {
		s.t.Fatalf("no partial-erasure confirmation: %+v", es.Emails)
	}
	if code, b := s.api("POST", fmt.Sprintf("/api/requests/%d/emails/%d/send", id, draft), "", nil); code != http.StatusAccepted {
		s.t.Fatalf("send: %d %s", code, b)
	}
	return waitMailTo(s.t, s.smtp, to, phrase)
}

// keptInvoice is what an erasure must leave of a kept order byte for byte.
func keptInvoice(t *testing.T, emu *wctest.Emulator, id int64) string {
	t.Helper()
	o, ok := emu.Order(id)
	if !ok {
		t.Fatalf("kept order %d is gone", id)
	}
	b, _ := json.Marshal([]any{o.Total, o.TotalTax, o.CartTax, o.ShippingTax, o.ShippingTotal, o.TaxLines, o.LineItems, o.ShippingLines,
		o.Billing.FirstName, o.Billing.LastName, o.Billing.Address1, o.Billing.City, o.Billing.Country, o.Billing.State, o.Billing.Postcode,
		o.Shipping.Country, o.Shipping.State, o.Shipping.Postcode, o.Number, o.DateCreated})
	return string(b)
}

// erikaEffects are the store's changes the erasure of Erika makes (each
// once): what the plan erases, carried out as the connector does it.
func erikaEffects(s wctest.ErasureSample) []string {
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	out := []string{
		"delete order " + id(s.Old), "delete order " + id(s.GuestOld), "delete customer " + id(s.CustomerID),
		"delete review " + id(s.Reviews[0]), "delete review " + id(s.Reviews[1]), "delete note " + id(s.Letters[s.Lapsed]),
		"update order " + id(s.Recent) + " customer_note", "update order " + id(s.Recent) + " meta_data", "update order " + id(s.GuestRecent) + " meta_data",
		"erase order " + id(s.Lapsed) + " shipping_address", "erase order " + id(s.Open) + " ip_address", "erase order " + id(s.Open) + " user_agent",
	}
	for _, o := range []int64{s.Recent, s.Lapsed, s.GuestRecent} {
		out = append(out, "delete note "+id(s.PrivateNotes[o]))
		for _, f := range []string{"billing_email", "billing_phone", "ip_address", "user_agent"} {
			out = append(out, "erase order "+id(o)+" "+f)
		}
	}
	return out
}

// checkErika checks the store after Erika's erasure: the plan followed,
// every kept invoice unchanged, every change made once.
func checkErika(t *testing.T, emu *wctest.Emulator, s wctest.ErasureSample, before map[int64]string) {
	t.Helper()
	for _, id := range s.Kept {
		if after := keptInvoice(t, emu, id); after != before[id] {
			t.Errorf("kept order %d changed:\nbefore %s\nafter  %s", id, before[id], after)
		}
		if o, _ := emu.Order(id); o.Recalculations != 0 || o.CustomerIPAddress != "0.0.0.0" || o.CustomerUserAgent != "" {
			t.Errorf("kept order %d: %d recalculations, IP %q, user agent %q", id, o.Recalculations, o.CustomerIPAddress, o.CustomerUserAgent)
		}
	}
	for _, id := range []int64{s.Recent, s.Lapsed, s.GuestRecent} {
		if o, _ := emu.Order(id); o.Billing.Email != "deleted@site.invalid" || o.Billing.Phone != "" || o.CustomerNote != "" {
			t.Errorf("kept order %d still holds her e-mail, phone or note", id)
		}
	}
	if o, _ := emu.Order(s.Lapsed); o.Shipping.Address1 != "" || o.Shipping.Postcode != "01099" {
		t.Errorf("lapsed order's shipping address %+v", o.Shipping)
	}
	for _, id := range s.Deleted {
		if _, ok := emu.Order(id); ok {
			t.Errorf("order %d (past retention) not deleted", id)
		}
	}
	if _, ok := emu.Customer(s.CustomerID); ok {
		t.Error("her account is not deleted")
	}
	for _, r := range s.Reviews {
		if _, ok := emu.Review(r); ok {
			t.Errorf("review %d not deleted", r)
		}
	}
	if _, ok := emu.Order(s.BystanderOrder); !ok {
		t.Error("another customer's order was deleted")
	}
	st := emu.Stats()
	for _, k := range erikaEffects(s) {
		if st.Effects[k] != 1 {
			t.Errorf("%q happened %d times, want once", k, st.Effects[k])
		}
	}
	for k, n := range st.Effects {
		if n != 1 || strings.HasPrefix(k, "recalculate") || strings.HasSuffix(k, " billing") || strings.HasSuffix(k, " shipping") {
			t.Errorf("effect %q happened %d times", k, n)
		}
	}
	// IP address and user agent went through the plugin's erase route.
	erased := map[string]bool{}
	for _, c := range emu.PluginCalls() {
		if c.Route != "erase" {
			continue
		}
		var orders []struct {
			ID     int64
			Fields []string
		}
		_ = json.Unmarshal(c.Body["orders"], &orders)
		for _, o := range orders {
			for _, f := range o.Fields {
				erased[strconv.FormatInt(o.ID, 10)+" "+f] = true
			}
		}
	}
	for _, id := range s.Kept {
		for _, f := range []string{"ip_address", "user_agent"} {
			if !erased[strconv.FormatInt(id, 10)+" "+f] {
				t.Errorf("order %d's %s was not sent to the plugin's erase route", id, f)
			}
		}
	}
}

// TestE2EWooCommerceErasure: Erika Lindemann asks a connected store (the
// companion plugin installed with Lethe's secret) to erase her data: an
// account, registered and guest orders from last year back to twelve
// years ago, an open order, notes, reviews. The merchant approves the
// plan; the orders past retention are deleted, the kept ones lose what no
// duty covers without a single recalculation, the account and reviews are
// deleted, and the confirmation says what was erased and what is kept,
// under which law and until when.
func TestE2EWooCommerceErasure(t *testing.T) {
	s := startWooStack(t, wctest.Options{}, nil)
	erika := s.emu.SeedErasure()
	year := time.Now().Year()
	before := map[int64]string{}
	for _, id := range erika.Kept {
		before[id] = keptInvoice(t, s.emu, id)
	}
	s.emu.ResetStats()
	done, plan := s.erase(erika.Email, "de")
	if !done.Partial {
		t.Error("completed without the partial flag, though invoices are kept")
	}
	// The plan: the invoices kept eight years from the end of their year,
	// the older ones erased, the open order deferred.
	for _, it := range plan {
		if it.System != "woocommerce" || it.RecordType != "invoice" {
			continue
		}
		id, _ := strconv.ParseInt(it.RecordID, 10, 64)
		want := map[int64]string{erika.Recent: fmt.Sprintf("%d-12-31", year+7), erika.Lapsed: fmt.Sprintf("%d-12-31", year+1),
			erika.GuestRecent: fmt.Sprintf("%d-12-31", year+6)}[id]
		switch {
		case want != "" && (it.Action != "retain" || fmt.Sprint(it.RetainUntil) != want):
			t.Errorf("invoice %d: %s until %v, want retain until %s", id, it.Action, it.RetainUntil, want)
		case slices.Contains(erika.Deleted, id) && it.Action != "erase":
			t.Errorf("invoice %d (past retention): %s", id, it.Action)
		}
	}
	checkErika(t, s.emu, erika, before)

	msg := s.sendConfirmation(done.ID, erika.Email, "löschen")
	text := strings.Join(strings.Fields(msg.Text), " ")
	for _, want := range []string{
		"Wir haben Ihre Daten gelöscht, soweit wir das schon jetzt dürfen.",
		"Gelöscht haben wir:", "Kundenkonto", "Technische Daten (z. B. IP-Adresse, Browserkennung)",
		"Rechnungen (3 Datensätze) Aufbewahrt: nur", "§ 14b Abs. 1 UStG; § 147 Abs. 1 Nr. 4, Abs. 3 AO",
		fmt.Sprintf("Gesperrt je nach Beleg längstens bis einschließlich 31. Dezember %d (die ältesten bis 31. Dezember %d)", year+7, year+1),
		"Bestellbestätigungen", "§ 147 Abs. 1 Nr. 2, 3 AO",
		"Was wir erst später löschen:", "Laufende Bestellungen (1 Datensatz)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("confirmation lacks %q:\n%s", want, msg.Text)
		}
	}
	for _, absent := range []string{"noch nicht gelöscht", "E-Mail-Adresse,", "Telefonnummer", "Kühn", "5550188"} {
		if strings.Contains(text, absent) {
			t.Errorf("confirmation says %q:\n%s", absent, msg.Text)
		}
	}
	t.Logf("plan %d items; store: %d requests, %d plugin calls; confirmation %d bytes", len(plan), s.emu.Stats().Requests, len(s.emu.PluginCalls()), len(msg.Text))
}

// TestE2EWooCommerceErasureOnAFlakyStore: the store fails throughout
// discovery and erasure — 502s, answers lost after the change was made,
// a 503 burst longer than the client's retries (the step fails and runs
// again), requests that hang past LETHE_WOOCOMMERCE_TIMEOUT. The request
// completes, the plan is followed, and nothing is done twice.
func TestE2EWooCommerceErasureOnAFlakyStore(t *testing.T) {
	s := startWooStack(t, wctest.Options{HangFor: 30 * time.Second},
		map[string]string{"LETHE_WOOCOMMERCE_TIMEOUT": "1s", "LETHE_RETRY_DELAY": "200ms"})
	erika := s.emu.SeedErasure()
	year := time.Now().Year()
	before := map[int64]string{}
	for _, id := range erika.Kept {
		before[id] = keptInvoice(t, s.emu, id)
	}
	s.emu.ResetStats()
	// faults from request from on: a burst of 503s longer than the client's
	// four attempts (the step fails and runs again), a hang, answers lost
	// after the change was made, 502s.
	// Discovery reads concurrently (up to the store's bound), so its burst
	// is long enough for one call to meet it on every attempt.
	faults := func(from, burst int) {
		for n := from; n < from+45; n++ {
			switch i := n - from; {
			case i >= 2 && i < 2+burst:
				s.emu.FailRequest(n, wctest.FaultUnavailable)
			case i == 8:
				s.emu.FailRequest(n, wctest.FaultHang)
			case i%5 == 0:
				s.emu.FailRequest(n, wctest.FaultAfterCommit)
			case i%8 == 0:
				s.emu.FailRequest(n, wctest.FaultBadGateway)
			}
		}
	}
	faults(1, 16) // during discovery, then during erasure:
	done, _ := s.erase(erika.Email, "en", func() { faults(s.emu.Stats().Requests+1, 4) })
	checkErika(t, s.emu, erika, before)
	st := s.emu.Stats()
	if st.Faults < 15 {
		t.Fatalf("only %d faults were injected", st.Faults)
	}
	retried := 0
	for path, n := range st.ByPath {
		if n > 1 && (strings.HasPrefix(path, "DELETE ") || strings.HasPrefix(path, "PUT ") || strings.HasPrefix(path, "POST lethe/")) {
			retried++
		}
	}
	// Both steps failed once and ran again.
	var steps []string
	openStore(t).GormForTests().Raw("SELECT detail FROM request_events WHERE request_id = ? AND action = 'step.retrying' ORDER BY id", done.ID).Scan(&steps)
	for _, kind := range []string{"step=request:discover", "step=request:erase"} {
		if !slices.ContainsFunc(steps, func(d string) bool { return strings.HasPrefix(d, kind+" ") }) {
			t.Errorf("no retried %s: %v", kind, steps)
		}
	}
	msg := s.sendConfirmation(done.ID, erika.Email, "erase")
	text := strings.Join(strings.Fields(msg.Text), " ")
	for _, want := range []string{
		"We have erased your data as far as we may already do so.", "We have erased:", "Technical data (e.g. IP address, user agent)",
		"§14b(1) UStG", fmt.Sprintf("at the longest until 31 December %d inclusive (the oldest until 31 December %d)", year+7, year+1),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("confirmation lacks %q:\n%s", want, msg.Text)
		}
	}
	t.Logf("%d requests, %d faults, %d steps retried, %d changing calls sent more than once (each changed once)", st.Requests, st.Faults, len(steps), retried)
}

// TestE2EWooCommerceErasureWithoutPlugin: the merchant removed the
// companion plugin before the erasure ran. What REST can erase is erased
// (the orders past retention, the account, the reviews, the kept orders'
// notes), what only the plugin can is left: the timeline names the orders
// and fields to erase by hand, the confirmation waits for the merchant and
// says these data are not erased yet.
func TestE2EWooCommerceErasureWithoutPlugin(t *testing.T) {
	s := startWooStack(t, wctest.Options{}, map[string]string{"LETHE_RETRY_DELAY": "200ms"})
	erika := s.emu.SeedErasure()
	done, _ := s.erase(erika.Email, "de", s.emu.UninstallPlugin)
	if !done.Partial {
		t.Error("not partial")
	}
	for _, id := range erika.Deleted {
		if _, ok := s.emu.Order(id); ok {
			t.Errorf("order %d not deleted", id)
		}
	}
	if _, ok := s.emu.Customer(erika.CustomerID); ok {
		t.Error("account not deleted")
	}
	recent, _ := s.emu.Order(erika.Recent)
	if recent.CustomerNote != "" || recent.Billing.Email != erika.Email || recent.CustomerIPAddress == "0.0.0.0" || recent.Recalculations != 0 {
		t.Errorf("recent order: note %q, e-mail kept %v, IP %q, %d recalculations", recent.CustomerNote, recent.Billing.Email == erika.Email, recent.CustomerIPAddress, recent.Recalculations)
	}
	// The merchant learns which orders and fields to erase by hand.
	var details []string
	openStore(t).GormForTests().Raw("SELECT detail FROM request_events WHERE request_id = ? AND action = 'erase_partial.woocommerce'", done.ID).Scan(&details)
	if len(details) != 1 || !strings.Contains(details[0], "left=") || strings.Contains(details[0], "erika") || strings.Contains(details[0], "203.0.113") {
		t.Fatalf("audit of what was left: %q", details)
	}
	for _, id := range erika.Kept {
		if !strings.Contains(details[0], "technical_data:"+strconv.FormatInt(id, 10)+"::client_ip,user_agent:plugin_missing") {
			t.Errorf("order %d's IP address and user agent are not named as left: %s", id, details[0])
		}
	}
	// The confirmation was not sent by itself; sent, it says what is not erased yet.
	var es struct {
		Emails []struct{ Kind, Status string }
	}
	s.api("GET", fmt.Sprintf("/api/requests/%d/emails", done.ID), "", &es)
	for _, m := range es.Emails {
		if m.Kind == "erasure_partial" && m.Status != "draft" {
			t.Errorf("the confirmation is %s, though data are left in the store", m.Status)
		}
	}
	msg := s.sendConfirmation(done.ID, erika.Email, "löschen")
	text := strings.Join(strings.Fields(msg.Text), " ")
	for _, want := range []string{
		"Einen Teil Ihrer Daten haben wir gelöscht; andere sind noch nicht gelöscht.",
		"Noch nicht gelöscht sind die folgenden Daten bei WooCommerce: Wir konnten sie dort nicht über die Schnittstelle löschen.",
		"In den unten genannten Unterlagen, die wir aufbewahren, sind dort bis dahin außerdem noch vorhanden: E-Mail-Adresse, Telefonnummer.",
		"bei WooCommerce sind einige davon noch nicht gelöscht, siehe oben",
		"Rechnungen (3 Datensätze) Aufbewahrt: nur",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("confirmation lacks %q:\n%s", want, msg.Text)
		}
	}
	// Not erased yet: the kept orders' technical data, and the order
	// confirmation whose period ended but whose e-mail address, phone and
	// shipping address only the plugin erases.
	_, rest, _ := strings.Cut(text, "Noch nicht gelöscht sind die folgenden Daten")
	left, _, _ := strings.Cut(rest, "Was wir noch aufbewahren")
	for _, want := range []string{"- Technische Daten (z. B. IP-Adresse, Browserkennung) (", "- Bestellbestätigungen (1 Datensatz)"} {
		if !strings.Contains(left, want) {
			t.Errorf("the part on what is not erased yet lacks %q: %s", want, left)
		}
	}
}
