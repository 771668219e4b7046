package woocommerce_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/woocommerce"
	"github.com/lethe-gdpr/lethe/woocommerce/wctest"
)

var ctx = context.Background()

// client returns a read_write client for e with fast retries.
func client(t testing.TB, e *wctest.Emulator, mod ...func(*woocommerce.Config)) (*woocommerce.Client, wctest.Key) {
	t.Helper()
	k := e.CreateKey("read_write")
	cfg := woocommerce.Config{
		StoreURL: e.URL, ConsumerKey: k.ConsumerKey, ConsumerSecret: k.ConsumerSecret,
		HTTPClient: e.Client, Backoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond,
	}
	for _, m := range mod {
		m(&cfg)
	}
	c, err := woocommerce.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c, k
}

// raw sends a request with Basic auth to a TLS emulator and decodes the
// answer into a map (or a list into "list").
func raw(t *testing.T, e *wctest.Emulator, k wctest.Key, method, path string, body string) (int, http.Header, map[string]any) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, e.URL+path, rd)
	if k.ConsumerKey != "" {
		req.SetBasicAuth(k.ConsumerKey, k.ConsumerSecret)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := e.Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	m := map[string]any{}
	if len(b) > 0 && b[0] == '[' {
		var l []any
		_ = json.Unmarshal(b, &l)
		m["list"] = l
	} else {
		_ = json.Unmarshal(b, &m)
	}
	return resp.StatusCode, resp.Header, m
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
