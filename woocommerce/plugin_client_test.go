package woocommerce_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/woocommerce"
	"github.com/lethe-gdpr/lethe/woocommerce/wctest"
)

func TestPluginPingIsSignedAndRefusedWhenWrong(t *testing.T) {
	e := wctest.StartTLS(t)
	secret := woocommerce.NewPluginSecret()
	if len(secret) != 43 {
		t.Fatalf("secret has %d characters, want 43", len(secret))
	}
	withSecret := func(s string) func(*woocommerce.Config) {
		return func(c *woocommerce.Config) { c.PluginSecret = s }
	}

	c, _ := client(t, e, withSecret(secret))
	if _, err := c.PluginPing(ctx); !errors.Is(err, woocommerce.ErrPluginMissing) {
		t.Fatalf("no plugin: err %v, want ErrPluginMissing", err)
	}

	e.InstallPlugin(secret)
	pi, err := c.PluginPing(ctx)
	if err != nil || pi.Plugin != wctest.PluginVersion {
		t.Fatalf("ping: %+v, %v", pi, err)
	}
	calls := e.PluginCalls()
	if len(calls) != 1 || calls[0].Route != "ping" {
		t.Fatalf("calls %+v", calls)
	}

	other, _ := client(t, e, withSecret(woocommerce.NewPluginSecret()))
	if _, err := other.PluginPing(ctx); err == nil || !strings.Contains(err.Error(), "401 lethe_bad_signature") {
		t.Fatalf("wrong secret: err %v, want 401 lethe_bad_signature", err)
	}
	stale, _ := client(t, e, withSecret(secret), func(c *woocommerce.Config) {
		c.Now = func() time.Time { return time.Now().Add(-10 * time.Minute) }
	})
	if _, err := stale.PluginPing(ctx); err == nil || !strings.Contains(err.Error(), "401") {
		t.Fatalf("stale timestamp: err %v, want 401", err)
	}
	none, _ := client(t, e)
	if _, err := none.PluginPing(ctx); !errors.Is(err, woocommerce.ErrPluginMissing) {
		t.Fatalf("no secret: err %v, want ErrPluginMissing", err)
	}
	if len(e.PluginCalls()) != 1 {
		t.Fatalf("refused calls were recorded: %+v", e.PluginCalls())
	}
}

func TestVerifyPlugin(t *testing.T) {
	now := time.Unix(1764753600, 0)
	secret := "s3cret"
	body := []byte(`{"timestamp":1764753600,"request_id":5}`)
	sig := woocommerce.SignPlugin(body, secret)
	cases := []struct {
		name string
		body []byte
		sig  string
		at   time.Time
		ok   bool
	}{
		{"valid", body, sig, now, true},
		{"299 s later", body, sig, now.Add(299 * time.Second), true},
		{"301 s later", body, sig, now.Add(301 * time.Second), false},
		{"301 s earlier", body, sig, now.Add(-301 * time.Second), false},
		{"no signature", body, "", now, false},
		{"other body", []byte(`{"timestamp":1764753600,"request_id":6}`), sig, now, false},
		{"no timestamp", []byte(`{"request_id":5}`), woocommerce.SignPlugin([]byte(`{"request_id":5}`), secret), now, false},
		{"not an object", []byte(`[1]`), woocommerce.SignPlugin([]byte(`[1]`), secret), now, false},
	}
	for _, c := range cases {
		err := woocommerce.VerifyPlugin(c.body, c.sig, secret, c.at)
		if (err == nil) != c.ok {
			t.Errorf("%s: err %v, want ok %v", c.name, err, c.ok)
		}
	}
}
