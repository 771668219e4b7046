package shopify

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/jobs"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

// Seeds shared by the fuzz targets: the payloads Shopify documents, and the
// edges the handler and parser must survive.
const (
	fuzzSecret = "shpss_fuzz_secret"
	fuzzAPIKey = "fuzz-api-key"
	fuzzShop   = "fuzz-shop.myshopify.com"
)

var fuzzNow = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

var compliancePayloads = []string{
	`{"shop_id":954889,"shop_domain":"x.myshopify.com","orders_requested":[299938,280263],"customer":{"id":191167,"email":"john@example.com","phone":"555-625-1199"},"data_request":{"id":9999}}`,
	`{"shop_id":954889,"shop_domain":"x.myshopify.com","customer":{"id":191167,"email":"john@example.com","phone":"555-625-1199"},"orders_to_redact":[299938,280263]}`,
	`{"shop_id":954889,"shop_domain":"x.myshopify.com"}`,
	`{"shop_id":1,"shop_domain":"x.myshopify.com","customer":{"email":"only@example.com"},"orders_to_redact":[]}`,
	`{"shop_id":1,"shop_domain":"x.myshopify.com","customer":{"id":"191167"}}`,
	`{"shop_id":1,"shop_domain":"x.myshopify.com","customer":{"id":0}}`,
	`{"shop_id":1,"shop_domain":"x.myshopify.com","customer":{"id":-5,"email":"a@b.c"}}`,
	`{"shop_id":1,"shop_domain":"x.myshopify.com","customer":{"id":1e3}}`,
	`{"shop_id":1,"shop_domain":"x.myshopify.com","customer":{"id":99999999999999999999}}`,
	`{"shop_id":1,"shop_domain":"x.myshopify.com","customer":{"email":"   "}}`,
	`{"shop_id":1,"shop_domain":"x.myshopify.com","customer":null}`,
	`{"shop_id":1,"shop_domain":"x.myshopify.com","customer":{"id":1},"orders_requested":[1,"x"]}`,
	`{"shop_id":1,"shop_domain":"x.myshopify.com","customer":{"id":1},"data_request":{"id":1.5}}`,
	`{"shop_id":1.5,"shop_domain":"x.myshopify.com"}`,
	`{"shop_domain":"evil.example.com","customer":{"id":1}}`,
	`{"shop_domain":"x.myshopify.com\n","customer":{"id":1}}`,
	`{"SHOP_DOMAIN":"x.myshopify.com","Customer":{"ID":7}}`,
	`{"shop_domain":"x.myshopify.com","shop_domain":"y.myshopify.com","customer":{"id":1}}`,
	`{"shop_domain":"x.myshopify.com","customer":{"id":1,"email":"\u0000\ud800"}}`,
	`[]`, `null`, `"x"`, `{`, ``, "\xff\xfe",
}

// FuzzVerifyWebhook: VerifyWebhook never panics; the signature of any body
// verifies, any change to the body or the signature fails, and so does the
// signature made with another secret.
func FuzzVerifyWebhook(f *testing.F) {
	for i, p := range compliancePayloads {
		f.Add([]byte(p), fuzzSecret, "", uint16(i), byte(1))
	}
	f.Add([]byte{}, fuzzSecret, "", uint16(0), byte(0))
	f.Add([]byte("x"), "", "", uint16(0), byte(0x80))
	f.Add(bytes.Repeat([]byte{0}, 300), "k", "not base64 !", uint16(299), byte(0xff))
	f.Add([]byte(`{}`), fuzzSecret, "AAAA", uint16(1), byte(4))
	f.Fuzz(func(t *testing.T, body []byte, secret, header string, pos uint16, mask byte) {
		// Whatever arrives must not panic, and nothing verifies without a secret.
		got := VerifyWebhook(body, header, secret)
		if secret == "" && got {
			t.Fatal("verified without a secret")
		}
		if header == "" && got {
			t.Fatal("verified without a header")
		}
		if secret == "" {
			return
		}
		sig := SignWebhook(body, secret)
		if sig != shopifytest.WebhookHMAC(body, secret) {
			t.Fatal("SignWebhook and the emulator's WebhookHMAC disagree")
		}
		if !VerifyWebhook(body, sig, secret) {
			t.Fatal("a correct signature did not verify")
		}
		if got && header != sig {
			t.Fatalf("header %q verified but the signature is %q", header, sig)
		}
		if VerifyWebhook(body, SignWebhook(body, secret+"x"), secret) {
			t.Fatal("the signature of another secret verified")
		}
		if mask == 0 {
			mask = 1
		}
		if len(body) > 0 {
			b := bytes.Clone(body)
			b[int(pos)%len(b)] ^= mask
			if VerifyWebhook(b, sig, secret) {
				t.Fatal("a changed body verified")
			}
		}
		if VerifyWebhook(append(bytes.Clone(body), mask), sig, secret) {
			t.Fatal("a longer body verified")
		}
		if len(body) > 0 && VerifyWebhook(body[:len(body)-1], sig, secret) {
			t.Fatal("a shorter body verified")
		}
		// Any change of the header text, including changes that decode to
		// the same bytes (base64 padding bits), fails.
		h := []byte(sig)
		h[int(pos)%len(h)] ^= mask
		if VerifyWebhook(body, string(h), secret) {
			t.Fatalf("a changed signature %q verified (correct %q)", h, sig)
		}
		for _, v := range []string{sig + "\n", " " + sig, sig[:len(sig)-1], strings.TrimRight(sig, "=")} {
			if VerifyWebhook(body, v, secret) {
				t.Fatalf("a non-canonical signature %q verified", v)
			}
		}
	})
}

var complianceTopics = []string{TopicDataRequest, TopicRedact, TopicShopRedact}

// FuzzParseCompliance: arbitrary bytes for each compliance topic never
// panic; what is accepted names a valid shop, has numeric ids only, and for
// the customer topics at least one customer identifier.
func FuzzParseCompliance(f *testing.F) {
	for i, p := range compliancePayloads {
		for j := range complianceTopics {
			f.Add(uint8(i+j), []byte(p))
		}
	}
	f.Fuzz(func(t *testing.T, sel uint8, body []byte) {
		topic := complianceTopics[int(sel)%len(complianceTopics)]
		p, err := parseCompliance(topic, body)
		if err != nil {
			if p != nil {
				t.Fatal("a payload with an error")
			}
			if !strings.HasPrefix(err.Error(), "malformed payload") {
				t.Fatalf("error %q does not say malformed payload", err)
			}
			return
		}
		if !ValidShopDomain(p.ShopDomain) {
			t.Fatalf("accepted shop_domain %q", p.ShopDomain)
		}
		if p.ShopID != "" && !isID(p.ShopID) {
			t.Fatalf("accepted shop_id %q", p.ShopID)
		}
		if topic == TopicShopRedact {
			return
		}
		c := p.Customer
		if c == nil {
			t.Fatal("accepted without a customer")
		}
		if c.ID == "" && strings.TrimSpace(c.Email) == "" && strings.TrimSpace(c.Phone) == "" {
			t.Fatalf("accepted a customer without an identifier: %+v", c)
		}
		if c.ID != "" && !isID(c.ID) {
			t.Fatalf("accepted customer id %q", c.ID)
		}
		if !utf8.Valid(body) || strings.ContainsRune(c.Email, 0) || strings.ContainsRune(c.Phone, 0) {
			t.Fatalf("accepted a body that is not valid UTF-8 or texts with NUL: %q", body)
		}
		if p.DataRequest != nil && p.DataRequest.ID != "" && !isID(p.DataRequest.ID) {
			t.Fatalf("accepted data_request id %q", p.DataRequest.ID)
		}
		for _, o := range append(p.OrdersRequested, p.OrdersToRedact...) {
			if !isID(o) {
				t.Fatalf("accepted order id %q", o)
			}
		}
		// The ids become Admin API ids of the form gid://shopify/Type/<digits>.
		if g := customerGID(c.ID); c.ID != "" && !gidOK(g, "Customer") {
			t.Fatalf("customer gid %q", g)
		}
		for _, g := range orderGIDs(p.OrdersRequested) {
			if !gidOK(g, "Order") {
				t.Fatalf("order gid %q", g)
			}
		}
	})
}

func gidOK(g, typ string) bool {
	n, ok := strings.CutPrefix(g, "gid://shopify/"+typ+"/")
	v, err := strconv.ParseInt(n, 10, 64)
	return ok && err == nil && v > 0 && strconv.FormatInt(v, 10) == n
}

// FuzzVerifyQuery: VerifyQuery never panics on arbitrary parameters;
// SignQuery then VerifyQuery round-trips (also through the URL encoding);
// tampering with any signed value, adding or dropping a parameter, or
// another secret fails.
func FuzzVerifyQuery(f *testing.F) {
	install := url.Values{"shop": {"x.myshopify.com"}, "timestamp": {"1337178173"}}
	install.Set("hmac", SignQuery(install, fuzzSecret))
	f.Add(install.Encode(), fuzzSecret, uint16(0), "x", false)
	f.Add("code=0907a61c0c8d55e99db179b68161bc00&shop=x.myshopify.com&state=0.6784241404160823&timestamp=1337178173&host=YWRtaW4uc2hvcGlmeS5jb20vc3RvcmUveA", fuzzSecret, uint16(2), "=", false)
	f.Add("ids[]=2&ids[]=3&shop=x.myshopify.com&timestamp=1", fuzzSecret, uint16(1), "&", true)
	f.Add("a=1%26b%3D2&hmac=zz", fuzzSecret, uint16(0), "", false)
	f.Add("hmac=1&hmac=2&signature=x", "", uint16(3), "hmac", false)
	f.Add("%zz=%&;;&=", "k", uint16(9), "signature", true)
	f.Fuzz(func(t *testing.T, raw, secret string, pick uint16, extra string, emptyKey bool) {
		q, _ := url.ParseQuery(raw) // what did parse is what a handler would see
		if emptyKey {
			q["empty"] = nil // url.Values built by code can hold a key without values
		}
		got := VerifyQuery(q, secret)
		if secret == "" && got {
			t.Fatal("verified without a secret")
		}
		if secret == "" {
			return
		}
		q.Del("hmac")
		sig := SignQuery(q, secret)
		if len(sig) != 64 {
			t.Fatalf("hmac %q is not 64 hex digits", sig)
		}
		if !repeated(q) {
			if emu := shopifytest.SignQuery(q, secret); emu != sig {
				t.Fatalf("SignQuery and the emulator's SignQuery disagree: %s vs %s", sig, emu)
			}
		}
		q.Set("hmac", sig)
		if !VerifyQuery(q, secret) {
			t.Fatal("a signed query did not verify")
		}
		if wire, err := url.ParseQuery(q.Encode()); err != nil || (!emptyKey && !VerifyQuery(wire, secret)) {
			t.Fatalf("a signed query did not verify after encoding: %v", err)
		}
		if VerifyQuery(q, secret+"x") {
			t.Fatal("verified with another secret")
		}
		if VerifyQuery(with(q, "hmac", []string{sig, sig}), secret) {
			t.Fatal("verified with two hmac parameters")
		}
		// Tamper with one signed value (every element of it in turn).
		keys := signedKeys(q)
		if len(keys) > 0 {
			k := keys[int(pick)%len(keys)]
			for i := range q[k] {
				vs := append([]string(nil), q[k]...)
				vs[i] += "x"
				if VerifyQuery(with(q, k, vs), secret) {
					t.Fatalf("verified with %s[%d] changed", k, i)
				}
				vs[i] = q[k][i] + extra
				if vs[i] != q[k][i] && VerifyQuery(with(q, k, vs), secret) {
					t.Fatalf("verified with %s[%d] = %q instead of %q", k, i, vs[i], q[k][i])
				}
			}
			if VerifyQuery(with(q, k, nil), secret) && len(q[k]) > 0 {
				t.Fatalf("verified without %s", k)
			}
		}
		if _, present := q[extra]; !present && extra != "hmac" && extra != "signature" {
			if VerifyQuery(with(q, extra, []string{""}), secret) {
				t.Fatalf("verified with an added parameter %q", extra)
			}
		}
	})
}

func repeated(q url.Values) bool {
	for _, v := range q {
		if len(v) > 1 {
			return true
		}
	}
	return false
}

func signedKeys(q url.Values) []string {
	var ks []string
	for k := range q {
		if k != "hmac" && k != "signature" {
			ks = append(ks, k)
		}
	}
	sort.Strings(ks)
	return ks
}

// with is a copy of q with k set to vs (nil deletes it).
func with(q url.Values, k string, vs []string) url.Values {
	c := url.Values{}
	for kk, v := range q {
		c[kk] = append([]string(nil), v...)
	}
	if vs == nil {
		delete(c, k)
	} else {
		c[k] = vs
	}
	return c
}

// FuzzParseSessionToken: arbitrary strings never panic and are never
// accepted; a token Shopify would issue for a valid shop is accepted within
// its lifetime and the leeway; flipping any byte of it is rejected, and so
// is the same token checked with another secret or client id.
func FuzzParseSessionToken(f *testing.F) {
	f.Add(shopifytest.SessionToken(fuzzShop, fuzzAPIKey, "other-secret", fuzzNow), fuzzShop, int16(0), uint16(0), byte(1))
	f.Add(shopifytest.SessionToken(fuzzShop, fuzzAPIKey, fuzzSecret, fuzzNow.Add(-time.Hour)), "x.myshopify.com", int16(30), uint16(10), byte(0x20))
	f.Add(shopifytest.SessionTokenWithClaims(fuzzShop, fuzzAPIKey, "", fuzzNow, nil), "Shop-1.myshopify.com", int16(-10), uint16(500), byte(0xff))
	f.Add(shopifytest.SessionTokenWithClaims(fuzzShop, "other-key", "other-secret", fuzzNow, map[string]any{"dest": "https://evil.myshopify.com"}), "evil.example.com", int16(69), uint16(42), byte(3))
	f.Add("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJkZXN0IjoiaHR0cHM6Ly94Lm15c2hvcGlmeS5jb20ifQ.", "x.myshopify.com:443", int16(-11), uint16(1), byte(0x80))
	f.Add("a.b.c", "x@y.myshopify.com", int16(71), uint16(65535), byte(2))
	f.Add("", "", int16(0), uint16(0), byte(0))
	f.Fuzz(func(t *testing.T, token, shop string, skew int16, pos uint16, mask byte) {
		if c, err := ParseSessionToken(token, fuzzAPIKey, fuzzSecret, fuzzNow); err == nil {
			t.Fatalf("an arbitrary token was accepted: %q → %+v", token, c)
		}
		if _, err := ParseSessionToken(token, fuzzAPIKey, "", fuzzNow); err == nil {
			t.Fatal("accepted with an empty secret")
		}

		// A token as Shopify issues it, checked skew seconds after issue.
		good := shopifytest.SessionToken(shop, fuzzAPIKey, fuzzSecret, fuzzNow)
		at := fuzzNow.Add(time.Duration(skew) * time.Second)
		c, err := ParseSessionToken(good, fuzzAPIKey, fuzzSecret, at)
		inWindow := skew >= -9 && skew <= 69 // nbf-10s … exp+10s, one second inside each edge
		outside := skew < -11 || skew > 71
		switch {
		case err == nil && !ValidShopDomain(c.Shop()):
			t.Fatalf("accepted for shop %q (from %q)", c.Shop(), shop)
		case err == nil && outside:
			t.Fatalf("accepted %d s after issue", skew)
		case err != nil && ValidShopDomain(shop) && inWindow:
			t.Fatalf("a valid token for %q %d s after issue was rejected: %v", shop, skew, err)
		case err == nil && ValidShopDomain(shop) && c.Shop() != shop:
			t.Fatalf("token for %q names %q", shop, c.Shop())
		}
		if err != nil {
			return
		}
		if _, err := ParseSessionToken(good, fuzzAPIKey, fuzzSecret+"x", at); err == nil {
			t.Fatal("accepted with another secret")
		}
		if _, err := ParseSessionToken(good, fuzzAPIKey+"x", fuzzSecret, at); err == nil {
			t.Fatal("accepted for another client id")
		}
		if mask == 0 {
			mask = 1
		}
		b := []byte(good)
		b[int(pos)%len(b)] ^= mask
		if _, err := ParseSessionToken(string(b), fuzzAPIKey, fuzzSecret, at); err == nil {
			t.Fatalf("a token with byte %d flipped (^%#x) was accepted:\n%s\n%s", int(pos)%len(b), mask, good, b)
		}
	})
}

// fuzzEnv is the real webhook handler behind the real server middleware,
// on an SQLite store with one installed shop (Postgres with
// LETHE_FUZZ_POSTGRES=true, to fuzz its single-statement intake).
type fuzzEnv struct {
	h     http.Handler
	st    *store.Store
	limit int64
}

func newFuzzEnv(f *testing.F) *fuzzEnv {
	ctx := context.Background()
	dialect := store.SQLite
	if os.Getenv("LETHE_FUZZ_POSTGRES") == "true" {
		dialect = store.Postgres
	}
	st := testenv.Store(f, dialect)
	r, err := jobs.OpenRedis(ctx, testenv.Redis(f, testenv.MemoryRedis))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { r.Close() })
	q := jobs.NewQueue(r, jobs.NewKinds())
	f.Cleanup(func() { q.Close() })
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := server.New(server.Deps{Log: log})
	const limit = 4 << 10 // small, so that the fuzzer reaches 413
	// The fuzzer's rejections all come from one address: no 429 here.
	wh := &Webhooks{Secret: fuzzSecret, MaxBytes: limit, Store: st, Queue: q, Log: log, RejectBurst: 1 << 30}
	srv.Echo().POST("/webhooks/shopify", wh.Handle)
	sh := &store.Shop{Platform: "shopify", Domain: fuzzShop}
	if err := st.UpsertShop(ctx, sh); err != nil {
		f.Fatal(err)
	}
	return &fuzzEnv{h: srv.Handler(), st: st, limit: limit}
}

// Signature modes of FuzzWebhookHandler.
const (
	sigValid = iota
	sigMissing
	sigOtherSecret
	sigRaw // the fuzzed header text as is
	sigModes
)

// FuzzWebhookHandler drives POST /webhooks/shopify with arbitrary bodies
// and headers: never a panic, never a 5xx, only 200, 400, 401 or 413; a
// wrong or missing signature is 401 (413 first when the body is too big);
// every 200 has its delivery recorded.
func FuzzWebhookHandler(f *testing.F) {
	env := newFuzzEnv(f)
	fix := func(p string) []byte { return []byte(strings.ReplaceAll(p, "x.myshopify.com", fuzzShop)) }
	for i, p := range compliancePayloads {
		topic := complianceTopics[i%len(complianceTopics)]
		f.Add(fix(p), topic, fuzzShop, "wh-seed-"+strconv.Itoa(i), uint8(sigValid), "")
	}
	dr := fix(compliancePayloads[0])
	f.Add(dr, TopicDataRequest, fuzzShop, "wh-dup", uint8(sigValid), "")
	f.Add(dr, TopicDataRequest, fuzzShop, "wh-dup", uint8(sigValid), "") // a repeat
	f.Add(dr, TopicDataRequest, fuzzShop, "wh-nosig", uint8(sigMissing), "")
	f.Add(dr, TopicDataRequest, fuzzShop, "wh-other", uint8(sigOtherSecret), "")
	f.Add(dr, TopicDataRequest, fuzzShop, "wh-raw", uint8(sigRaw), "not base64 !")
	f.Add(dr, TopicDataRequest, "other.myshopify.com", "wh-mismatch", uint8(sigValid), "")
	f.Add(dr, TopicDataRequest, "evil.example.com", "wh-evil", uint8(sigValid), "")
	f.Add(dr, TopicDataRequest, fuzzShop, "", uint8(sigValid), "")
	f.Add(dr, TopicDataRequest, fuzzShop, strings.Repeat("i", 201), uint8(sigValid), "")
	f.Add(dr, "", fuzzShop, "wh-notopic", uint8(sigValid), "")
	f.Add(dr, "orders/create", fuzzShop, "wh-unknown", uint8(sigValid), "")
	f.Add(dr, "customers/data_request\xff", fuzzShop, "wh-\xff\xfe", uint8(sigValid), "")
	f.Add([]byte(`{"id":1,"myshopify_domain":"`+fuzzShop+`"}`), TopicUninstalled, fuzzShop, "wh-uninstall", uint8(sigValid), "")
	f.Add([]byte{}, TopicDataRequest, fuzzShop, "wh-empty", uint8(sigValid), "")
	f.Add(bytes.Repeat([]byte("x"), 4<<10+1), TopicDataRequest, fuzzShop, "wh-big", uint8(sigValid), "")
	f.Add([]byte(`{"shop_domain":"`+fuzzShop+`","customer":`), TopicDataRequest, fuzzShop, "wh-trunc", uint8(sigValid), "")
	f.Fuzz(func(t *testing.T, body []byte, topic, domain, id string, mode uint8, rawSig string) {
		mode %= sigModes
		req := httptest.NewRequest(http.MethodPost, "/webhooks/shopify", bytes.NewReader(body))
		h := req.Header
		h.Set("Content-Type", "application/json")
		// Header values are set raw: Go's server lets any byte but CTLs through.
		h["X-Shopify-Topic"] = []string{topic}
		h["X-Shopify-Shop-Domain"] = []string{domain}
		h["X-Shopify-Webhook-Id"] = []string{id}
		switch mode {
		case sigValid:
			h.Set("X-Shopify-Hmac-Sha256", SignWebhook(body, fuzzSecret))
		case sigOtherSecret:
			h.Set("X-Shopify-Hmac-Sha256", SignWebhook(body, fuzzSecret+"x"))
		case sigRaw:
			h["X-Shopify-Hmac-Sha256"] = []string{rawSig}
		}
		rec := httptest.NewRecorder()
		env.h.ServeHTTP(rec, req)
		code := rec.Code
		switch code {
		case http.StatusOK, http.StatusBadRequest, http.StatusUnauthorized, http.StatusRequestEntityTooLarge:
		default:
			t.Fatalf("status %d: %s", code, rec.Body.String())
		}
		var answer map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &answer); err != nil {
			t.Fatalf("answer is not JSON: %q", rec.Body.String())
		}
		signed := mode == sigValid || (mode == sigRaw && rawSig == SignWebhook(body, fuzzSecret))
		tooBig := int64(len(body)) > env.limit
		switch {
		case tooBig && code != http.StatusRequestEntityTooLarge:
			t.Fatalf("body of %d bytes: status %d", len(body), code)
		case !tooBig && !signed && code != http.StatusUnauthorized:
			t.Fatalf("unsigned webhook: status %d", code)
		case code == http.StatusOK && !signed:
			t.Fatal("unsigned webhook accepted")
		}
		if code == http.StatusOK {
			// Postgres TEXT takes neither invalid UTF-8 nor NUL: what is
			// accepted must be storable there too.
			for _, v := range []string{topic, id} {
				if !utf8.ValidString(v) || strings.ContainsRune(v, 0) {
					t.Fatalf("accepted header %q that Postgres cannot store", v)
				}
			}
			var n int64
			if err := env.st.GormForTests().Raw("SELECT count(*) FROM webhook_deliveries WHERE platform = 'shopify' AND delivery_id = ?", id).Scan(&n).Error; err != nil {
				t.Fatal(err)
			}
			// A repeat of a recorded event or data request stores nothing.
			if n != 1 && !(n == 0 && answer["status"] == "duplicate") {
				t.Fatalf("200 but %d delivery rows for %q", n, id)
			}
		}
	})
}
