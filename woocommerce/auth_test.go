package woocommerce_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/woocommerce"
	"github.com/lethe-gdpr/lethe/woocommerce/wctest"
)

func TestAuth(t *testing.T) {
	tests := []struct {
		name    string
		tls     bool
		mod     func(*woocommerce.Config)
		wantErr error
		wantMsg string
	}{
		{name: "basic over https", tls: true},
		{name: "basic, wrong secret", tls: true, mod: func(c *woocommerce.Config) { c.ConsumerSecret = "cs_wrong" },
			wantErr: woocommerce.ErrRevoked, wantMsg: "Consumer Secret is invalid."},
		{name: "basic, unknown key", tls: true, mod: func(c *woocommerce.Config) { c.ConsumerKey = "ck_unknown" },
			wantErr: woocommerce.ErrRevoked, wantMsg: "woocommerce_rest_cannot_view"},
		{name: "oauth1 over http", tls: false},
		{name: "oauth1, bad signature", mod: func(c *woocommerce.Config) { c.ConsumerSecret = "cs_wrong" },
			wantErr: woocommerce.ErrAuth, wantMsg: "Invalid Signature - provided signature does not match."},
		{name: "oauth1, stale timestamp", mod: func(c *woocommerce.Config) { c.Now = func() time.Time { return time.Now().Add(-16 * time.Minute) } },
			wantErr: woocommerce.ErrAuth, wantMsg: "Invalid timestamp."},
		{name: "oauth1, timestamp within the window", mod: func(c *woocommerce.Config) { c.Now = func() time.Time { return time.Now().Add(-14 * time.Minute) } }},
		{name: "oauth1, unknown key", mod: func(c *woocommerce.Config) { c.ConsumerKey = "ck_unknown" },
			wantErr: woocommerce.ErrRevoked, wantMsg: "Consumer Key is invalid."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e *wctest.Emulator
			if tt.tls {
				e = wctest.StartTLS(t)
			} else {
				e = wctest.Start(t)
			}
			s := e.SeedGerman()
			mods := []func(*woocommerce.Config){}
			if tt.mod != nil {
				mods = append(mods, tt.mod)
			}
			c, _ := client(t, e, mods...)
			// The e-mail in the query tests WooCommerce's single-encoded base string.
			got, err := c.CustomersByEmail(ctx, s.AnnaEmail)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) || !strings.Contains(err.Error(), tt.wantMsg) {
					t.Fatalf("err = %v, want %v with %q", err, tt.wantErr, tt.wantMsg)
				}
				if strings.Contains(err.Error(), s.AnnaEmail) {
					t.Errorf("error text carries the e-mail: %v", err)
				}
				return
			}
			if err != nil || len(got) != 1 || got[0].ID != s.AnnaID {
				t.Fatalf("CustomersByEmail = %+v, %v", got, err)
			}
		})
	}
}

func TestAuthRawRules(t *testing.T) {
	t.Run("basic over plain http is not accepted", func(t *testing.T) {
		e := wctest.Start(t)
		k := e.CreateKey("read_write")
		st, _, m := raw(t, e, k, "GET", "/wp-json/wc/v3/customers", "")
		if st != 401 || m["code"] != "woocommerce_rest_cannot_view" || m["message"] != "Sorry, you cannot list resources." {
			t.Fatalf("%d %v", st, m)
		}
		if d, _ := m["data"].(map[string]any); d["status"] != float64(401) {
			t.Fatalf("data = %v", m["data"])
		}
	})
	t.Run("query keys over https", func(t *testing.T) {
		e := wctest.StartTLS(t)
		k := e.CreateKey("read")
		st, _, _ := raw(t, e, wctest.Key{}, "GET", "/wp-json/wc/v3/customers?role=all&consumer_key="+k.ConsumerKey+"&consumer_secret="+k.ConsumerSecret, "")
		if st != 200 {
			t.Fatalf("status %d", st)
		}
	})
	t.Run("read key cannot write", func(t *testing.T) {
		e := wctest.StartTLS(t)
		s := e.SeedGerman()
		c, _ := client(t, e)
		_ = c
		k := e.CreateKey("read")
		st, _, m := raw(t, e, k, "PUT", "/wp-json/wc/v3/customers/"+itoa(s.AnnaID), `{"first_name":"A."}`)
		if st != 401 || m["message"] != "The API key provided does not have write permissions." {
			t.Fatalf("%d %v", st, m)
		}
	})
	t.Run("unknown route", func(t *testing.T) {
		e := wctest.StartTLS(t)
		k := e.CreateKey("read")
		st, _, m := raw(t, e, k, "GET", "/wp-json/wc/v3/nothing", "")
		if st != http.StatusNotFound || m["code"] != "rest_no_route" {
			t.Fatalf("%d %v", st, m)
		}
	})
}
