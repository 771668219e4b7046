package plugin

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/woocommerce"
)

// Target is a store with the companion plugin that the golden exchanges
// run against: the emulator, or the PHP plugin in real WordPress.
type Target struct {
	URL        string       // the store's home URL
	HTTPClient *http.Client // reaches it (default http.DefaultClient)
	Secret     string       // the plugin's secret
	// WooCommerce: WooCommerce runs in the store (the exchanges that need
	// it are skipped otherwise).
	WooCommerce bool
	// Now is the clock both sides agree on (default time.Now).
	Now func() time.Time
	// Unconfigure removes the plugin's secret, Reconfigure saves it again.
	Unconfigure, Reconfigure func()
	// Vars are bound before the run: request_id (a confirmed privacy
	// request of the seed), order_id (the seed's order, with WooCommerce).
	Vars Vars
}

// Answers are what a route's answers decode into in Lethe's client; every
// answer of status 200 must decode into it with no unknown field.
var Answers = map[string]func() any{
	"ping":  func() any { return &woocommerce.PluginInfo{} },
	"find":  func() any { return &woocommerce.PluginFound{} },
	"erase": func() any { return &woocommerce.PluginErased{} },
	"complete": func() any {
		return &struct {
			Status string `json:"status"`
		}{}
	},
}

// Run sends every golden exchange to the target in order and checks the
// answers (and, for the calls Lethe's client makes, that the client sent
// exactly the golden request). It returns the variables as bound.
func Run(t *testing.T, tg Target) Vars {
	t.Helper()
	exs, err := Exchanges()
	if err != nil {
		t.Fatal(err)
	}
	if tg.Now == nil {
		tg.Now = time.Now
	}
	if tg.HTTPClient == nil {
		tg.HTTPClient = http.DefaultClient
	}
	vars := Vars{}
	for k, v := range tg.Vars {
		vars[k] = v
	}
	for _, ex := range exs {
		if ex.NeedsWooCommerce && !tg.WooCommerce {
			continue
		}
		runOne(t, tg, ex, vars)
	}
	return vars
}

func runOne(t *testing.T, tg Target, ex Exchange, vars Vars) {
	t.Helper()
	now := tg.Now().Unix()
	vars["now"], vars["stale"], vars["now_string"] = now, now-600, strconv.FormatInt(now, 10)
	if ex.Setup == "unconfigured" {
		tg.Unconfigure()
		defer tg.Reconfigure()
	}
	var body []byte
	switch {
	case ex.Raw != nil:
		body = []byte(*ex.Raw)
	case ex.Request != nil:
		b, err := vars.Fill(ex.Request)
		if err != nil {
			t.Fatalf("%s: %v", ex.Name, err)
		}
		body = b
	}
	var status int
	var answer []byte
	if ex.Client {
		var sent []byte
		status, sent, answer = viaClient(t, tg, ex, body)
		for _, d := range vars.Match(ex.Request, sent) {
			t.Errorf("%s: Lethe's client sent %s", ex.Name, d)
		}
	} else {
		status, answer = viaRaw(t, tg, ex, body)
	}
	if status != ex.Status {
		t.Errorf("%s: status %d, want %d: %.500s", ex.Name, status, ex.Status, answer)
	}
	for _, d := range vars.Match(ex.Answer, answer) {
		t.Errorf("%s: answer %s", ex.Name, d)
	}
	if ex.Status == http.StatusOK {
		dst := Answers[ex.Route]()
		if err := strictDecode(answer, dst); err != nil {
			t.Errorf("%s: Lethe's client cannot decode the answer: %v", ex.Name, err)
		}
	}
}

// viaClient makes the exchange's call with Lethe's client and returns the
// status, the body the client sent and the answer it got.
func viaClient(t *testing.T, tg Target, ex Exchange, body []byte) (int, []byte, []byte) {
	t.Helper()
	rec := &recorder{next: tg.HTTPClient.Transport}
	if rec.next == nil {
		rec.next = http.DefaultTransport
	}
	hc := *tg.HTTPClient
	hc.Transport = rec
	c, err := woocommerce.New(woocommerce.Config{StoreURL: tg.URL, ConsumerKey: "ck_unused", ConsumerSecret: "cs_unused",
		PluginSecret: tg.Secret, HTTPClient: &hc, MaxAttempts: 1, Now: tg.Now})
	if err != nil {
		t.Fatal(err)
	}
	var in struct {
		Email     string                         `json:"email"`
		RequestID int64                          `json:"request_id"`
		Orders    []woocommerce.PluginEraseOrder `json:"orders"`
		Analytics bool                           `json:"analytics"`
		Comments  bool                           `json:"comments"`
	}
	if err := json.Unmarshal(body, &in); err != nil {
		t.Fatalf("%s: the client cannot make this request: %v", ex.Name, err)
	}
	ctx := context.Background()
	switch ex.Route {
	case "ping":
		_, err = c.PluginPing(ctx)
	case "find":
		_, err = c.PluginFind(ctx, in.Email)
	case "erase":
		_, err = c.PluginErase(ctx, woocommerce.PluginErasure{Email: in.Email, Orders: in.Orders, Analytics: in.Analytics, Comments: in.Comments})
	case "complete":
		err = c.PluginComplete(ctx, in.RequestID)
	default:
		t.Fatalf("%s: the client has no call for %s", ex.Name, ex.Route)
	}
	if (err == nil) != (ex.Status == http.StatusOK) {
		t.Errorf("%s: the client returned %v for status %d", ex.Name, err, ex.Status)
	}
	if errors.Is(err, woocommerce.ErrPluginMissing) {
		t.Errorf("%s: %v", ex.Name, err)
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if rec.n != 1 {
		t.Fatalf("%s: the client made %d requests, want 1", ex.Name, rec.n)
	}
	return rec.status, rec.sent, rec.answer
}

// recorder keeps the last request body and answer that pass through.
type recorder struct {
	next   http.RoundTripper
	mu     sync.Mutex
	n      int
	sent   []byte
	status int
	answer []byte
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	var sent []byte
	if req.Body != nil {
		sent, _ = io.ReadAll(req.Body)
		req.Body = io.NopCloser(bytes.NewReader(sent))
	}
	resp, err := r.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	answer, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(answer))
	r.mu.Lock()
	r.n++
	r.sent, r.status, r.answer = sent, resp.StatusCode, answer
	r.mu.Unlock()
	return resp, nil
}

// viaRaw sends the exchange's body as written, signed as it says.
func viaRaw(t *testing.T, tg Target, ex Exchange, body []byte) (int, []byte) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(ex.Method, strings.TrimRight(tg.URL, "/")+"/wp-json/lethe/v1/"+ex.Route, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
		switch ex.Signature {
		case "":
			req.Header.Set(woocommerce.PluginSignatureHeader, woocommerce.SignPlugin(body, tg.Secret))
		case "wrong":
			req.Header.Set(woocommerce.PluginSignatureHeader, woocommerce.SignPlugin(body, woocommerce.NewPluginSecret()))
		case "none":
		default:
			t.Fatalf("%s: signature %q", ex.Name, ex.Signature)
		}
	}
	resp, err := tg.HTTPClient.Do(req)
	if err != nil {
		t.Fatalf("%s: %v", ex.Name, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// CheckWebhook checks a delivery the plugin sent to Lethe against
// testdata/webhook.json: the headers, the body (exactly its keys, the
// seed's request), the signature under secret and the timestamp at now,
// the times and the delivery id in their formats. It binds the body's
// variables into vars.
func CheckWebhook(t *testing.T, header http.Header, body []byte, secret string, now time.Time, vars Vars) {
	t.Helper()
	w, err := LoadWebhook()
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range w.Headers {
		got := header.Get(name)
		if n, isVar := varName(want); isVar {
			vars[n] = got
			continue
		}
		if got != want && !strings.HasPrefix(got, want+";") {
			t.Errorf("webhook header %s: %q, want %q", name, got, want)
		}
	}
	for _, d := range vars.Match(w.Body, body) {
		t.Errorf("webhook body %s", d)
	}
	if err := woocommerce.VerifyPlugin(body, header.Get(woocommerce.PluginSignatureHeader), secret, now); err != nil {
		t.Errorf("webhook signature: %v", err)
	}
	if d, _ := vars["delivery"].(string); !isUUID(d) {
		t.Errorf("webhook delivery id %q is not a UUID", d)
	}
	for _, name := range []string{"requested_at", "confirmed_at"} {
		s, _ := vars[name].(string)
		if at, err := time.Parse(time.RFC3339, s); err != nil || !strings.HasSuffix(s, "Z") || at.After(now.Add(time.Minute)) {
			t.Errorf("webhook %s %q: want a past time in RFC 3339, UTC", name, s)
		}
	}
	if id, err := strconv.ParseInt(fmt.Sprint(vars["request_id"]), 10, 64); err != nil || id <= 0 {
		t.Errorf("webhook request_id %v", vars["request_id"])
	}
}

// CheckWebhookAnswer checks Lethe's answer to a delivery: accepted the
// first time (first), duplicate after.
func CheckWebhookAnswer(t *testing.T, answer []byte, first bool, vars Vars) {
	t.Helper()
	w, err := LoadWebhook()
	if err != nil {
		t.Fatal(err)
	}
	want := w.Duplicate
	if first {
		want = w.Answer
	}
	for _, d := range vars.Match(want, answer) {
		t.Errorf("Lethe's answer to the webhook %s", d)
	}
}

func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, r := range s {
		switch i {
		case 8, 13, 18, 23:
			if r != '-' {
				return false
			}
		default:
			if !strings.ContainsRune("0123456789abcdef", r) {
				return false
			}
		}
	}
	return true
}
