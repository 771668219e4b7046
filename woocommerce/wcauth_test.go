package woocommerce_test

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/lethe-gdpr/lethe/woocommerce"
	"github.com/lethe-gdpr/lethe/woocommerce/wctest"
)

type keyJSON struct {
	KeyID          int64  `json:"key_id"`
	UserID         string `json:"user_id"`
	ConsumerKey    string `json:"consumer_key"`
	ConsumerSecret string `json:"consumer_secret"`
	KeyPermissions string `json:"key_permissions"`
}

// callbackServer is the app's https callback answering status.
func callbackServer(t *testing.T, status int) (*httptest.Server, func() []keyJSON) {
	var mu sync.Mutex
	var got []keyJSON
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		var k keyJSON
		if err := json.Unmarshal(b, &k); err != nil || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
			t.Errorf("callback body %q: %v", b, err)
		}
		mu.Lock()
		got = append(got, k)
		mu.Unlock()
		w.WriteHeader(status)
	}))
	t.Cleanup(srv.Close)
	return srv, func() []keyJSON { mu.Lock(); defer mu.Unlock(); return append([]keyJSON(nil), got...) }
}

func authorizeURL(e *wctest.Emulator, callback string, drop string) string {
	q := url.Values{
		"app_name": {"Lethe"}, "scope": {"read_write"}, "user_id": {"conn-7f3a"},
		"return_url": {"https://lethe.example/woocommerce/return?shop=42"}, "callback_url": {callback},
	}
	q.Del(drop)
	return e.URL + "/wc-auth/v1/authorize?" + q.Encode()
}

func TestWCAuth(t *testing.T) {
	t.Run("approve: keys at the callback, redirect with success=1", func(t *testing.T) {
		cb, keys := callbackServer(t, 200)
		e := wctest.StartTLS(t, wctest.Options{CallbackClient: cb.Client()})
		res := e.Approve(authorizeURL(e, cb.URL+"/woocommerce/callback", ""))
		if res.Status != http.StatusFound || res.Location != "https://lethe.example/woocommerce/return?shop=42&success=1&user_id=conn-7f3a" {
			t.Fatalf("%+v", res)
		}
		ks := keys()
		if len(ks) != 1 || ks[0].UserID != "conn-7f3a" || ks[0].KeyPermissions != "read_write" ||
			!strings.HasPrefix(ks[0].ConsumerKey, "ck_") || !strings.HasPrefix(ks[0].ConsumerSecret, "cs_") || ks[0].KeyID == 0 {
			t.Fatalf("callback got %+v", ks)
		}
		c, err := woocommerce.New(woocommerce.Config{StoreURL: e.URL, ConsumerKey: ks[0].ConsumerKey, ConsumerSecret: ks[0].ConsumerSecret, HTTPClient: e.Client})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Customer(ctx, 1); err != nil {
			t.Fatalf("REST with the new key: %v", err)
		}
		if a := e.AuthRequests(); len(a) != 1 || !a[0].KeyKept || a[0].CallbackStatus != 200 {
			t.Fatalf("%+v", a)
		}
	})
	t.Run("callback answering 201: key deleted, no redirect", func(t *testing.T) {
		cb, keys := callbackServer(t, 201)
		e := wctest.StartTLS(t, wctest.Options{CallbackClient: cb.Client()})
		res := e.Approve(authorizeURL(e, cb.URL+"/cb", ""))
		if res.Status != http.StatusUnauthorized || !strings.Contains(res.Body, "unable to send the consumer data") {
			t.Fatalf("%+v", res)
		}
		ks := keys()
		if len(ks) != 1 {
			t.Fatalf("callback got %d posts", len(ks))
		}
		c, _ := woocommerce.New(woocommerce.Config{StoreURL: e.URL, ConsumerKey: ks[0].ConsumerKey, ConsumerSecret: ks[0].ConsumerSecret, HTTPClient: e.Client})
		if _, err := c.Customer(ctx, 1); !errors.Is(err, woocommerce.ErrRevoked) {
			t.Fatalf("REST with the deleted key: %v", err)
		}
	})
	t.Run("deny: success=0", func(t *testing.T) {
		cb, keys := callbackServer(t, 200)
		e := wctest.StartTLS(t, wctest.Options{CallbackClient: cb.Client()})
		res := e.Deny(authorizeURL(e, cb.URL+"/cb", ""))
		if res.Status != http.StatusFound || res.Location != "https://lethe.example/woocommerce/return?shop=42&success=0&user_id=conn-7f3a" {
			t.Fatalf("%+v", res)
		}
		if len(keys()) != 0 || len(e.Keys()) != 0 {
			t.Fatal("a key was made")
		}
	})
	for _, tt := range []struct{ name, drop, callback, want string }{
		{"missing callback_url", "callback_url", "https://x.example/cb", "Missing parameter callback_url"},
		{"missing user_id", "user_id", "https://x.example/cb", "Missing parameter user_id"},
		{"callback over http", "", "http://x.example/cb", "The callback_url needs to be over SSL"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := wctest.StartTLS(t)
			res := e.Approve(authorizeURL(e, tt.callback, tt.drop))
			if res.Status != http.StatusUnauthorized || !strings.Contains(res.Body, tt.want) {
				t.Fatalf("%+v", res)
			}
		})
	}
	t.Run("the page's links work in a browser", func(t *testing.T) {
		cb, _ := callbackServer(t, 200)
		e := wctest.StartTLS(t, wctest.Options{CallbackClient: cb.Client()})
		resp, err := e.Client.Get(authorizeURL(e, cb.URL+"/cb", ""))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(b), "Lethe would like to connect to your store") || !strings.Contains(string(b), "/wc-auth/v1/access_granted?") {
			t.Fatalf("%d %s", resp.StatusCode, b)
		}
	})
}
