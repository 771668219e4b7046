package main

import (
	"database/sql"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/woocommerce/wctest"
)

// behindTLS is the TLS-terminating proxy in front of Lethe: https to
// Lethe's public URL arrives as plain http at its listener.
type behindTLS struct{ host string }

func (b behindTLS) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Host == b.host && req.URL.Scheme == "https" {
		r := req.Clone(req.Context())
		r.URL.Scheme = "http"
		return http.DefaultTransport.RoundTrip(r)
	}
	return http.DefaultTransport.RoundTrip(req)
}

// TestE2EWooCommerceConnect connects a development store (plain http on
// localhost, so OAuth 1.0a) to the running binary, whose public URL is
// https behind a proxy: approved, the shop is stored and the merchant lands
// on the invitation of their new login; denied, the page says so.
func TestE2EWooCommerceConnect(t *testing.T) {
	addr := freeAddr(t)
	proxy := behindTLS{host: addr}
	emu := wctest.Start(t, wctest.Options{CallbackClient: &http.Client{Transport: proxy}})
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

	browser := func() *http.Client {
		jar, _ := cookiejar.New(nil)
		return &http.Client{Jar: jar, Transport: proxy, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	}
	visit := func(c *http.Client, u string) (*http.Response, string) {
		t.Helper()
		resp, err := c.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	connect := func(c *http.Client) string {
		t.Helper()
		resp, _ := visit(c, public+"/woocommerce/connect?store_url="+url.QueryEscape(emu.URL))
		if resp.StatusCode != http.StatusFound || !strings.HasPrefix(resp.Header.Get("Location"), emu.URL+"/wc-auth/v1/authorize?") {
			t.Fatalf("connect: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}
		return resp.Header.Get("Location")
	}

	// Denied.
	b := browser()
	res := emu.Deny(connect(b))
	resp, body := visit(b, res.Location)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Verbindung abgelehnt") || !strings.Contains(body, "Connection denied") {
		t.Fatalf("denied: %d %s", resp.StatusCode, body)
	}

	// Approved.
	b = browser()
	res = emu.Approve(connect(b))
	if res.Status != http.StatusFound {
		t.Fatalf("approve: %+v", res)
	}
	if ar := emu.AuthRequests(); len(ar) != 1 || ar[0].CallbackStatus != http.StatusOK || !ar[0].KeyKept {
		t.Fatalf("auth requests %+v", ar)
	}
	resp, _ = visit(b, res.Location)
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, public+"/app/invite/") {
		t.Fatalf("return: %d %s", resp.StatusCode, loc)
	}
	db, err := sql.Open("pgx", dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	u, _ := url.Parse(emu.URL)
	var name, country, region string
	var sealed []byte
	if err := db.QueryRow("SELECT name, country, region, credentials FROM shops WHERE platform = 'woocommerce' AND domain = $1", u.Host).Scan(&name, &country, &region, &sealed); err != nil {
		t.Fatal(err)
	}
	if name != "Kaffeerösterei Lindner" || country != "DE" || region != "SN" || len(sealed) == 0 || strings.Contains(string(sealed), emu.Keys()[0].ConsumerSecret) {
		t.Fatalf("shop %q %q %q, credentials %d bytes", name, country, region, len(sealed))
	}
}
