package woocommerce_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/woocommerce"
	"github.com/lethe-gdpr/lethe/woocommerce/wctest"
)

// pluginClient is a client of e with a plugin secret, and the plugin
// installed with it.
func pluginClient(t *testing.T, e *wctest.Emulator, mod ...func(*woocommerce.Config)) *woocommerce.Client {
	t.Helper()
	secret := woocommerce.NewPluginSecret()
	e.InstallPlugin(secret)
	c, _ := client(t, e, append([]func(*woocommerce.Config){func(c *woocommerce.Config) { c.PluginSecret = secret }}, mod...)...)
	return c
}

func TestPluginFind(t *testing.T) {
	e := wctest.StartTLS(t)
	s := e.SeedGerman()
	c := pluginClient(t, e)

	f, err := c.PluginFind(ctx, " anna.schmidt@EXAMPLE.de ")
	if err != nil {
		t.Fatal(err)
	}
	if f.User == nil || f.User.ID != s.AnnaID {
		t.Fatalf("user %+v, want %d", f.User, s.AnnaID)
	}
	meta := map[string]string{}
	for k, v := range f.User.Meta {
		var str string
		_ = json.Unmarshal(v, &str)
		meta[k] = str
	}
	for k, want := range map[string]string{
		"description": "Kaffeeliebhaberin aus Leipzig, am liebsten Espresso.", "instagram": "https://instagram.com/anna.roestet",
		"locale": "de_DE", "nickname": "anna.schmidt", "first_name": "Anna", "geburtstag": "1988-04-12",
	} {
		if meta[k] != want {
			t.Errorf("meta %s = %q, want %q", k, meta[k], want)
		}
	}
	for _, k := range []string{"session_tokens", "wp_capabilities", "billing_title"} {
		if _, ok := f.User.Meta[k]; ok {
			t.Errorf("internal meta key %s sent", k)
		}
	}
	// Her two comments, newest first, not Johanna's, no reviews.
	if len(f.Comments) != 2 || f.Comments[0].ID != s.AnnaComments[1] || f.Comments[1].ID != s.AnnaComments[0] {
		t.Fatalf("comments %+v, want %v newest first", f.Comments, s.AnnaComments)
	}
	c0 := f.Comments[1]
	if c0.PostTitle != "Röstprofile im Vergleich" || c0.AuthorIP != "203.0.113.10" || c0.AuthorURL != "https://anna-roestet.example" ||
		!strings.Contains(c0.Content, "Filterkaffee") || c0.Date.IsZero() || c0.PostID != 12 {
		t.Errorf("comment %+v", c0)
	}
	a := f.Analytics
	if a == nil || a.CustomerID != s.AnnaAnalytics || a.UserID != s.AnnaID || a.City != "Leipzig" || a.DateRegistered.IsZero() || a.DateLastActive.IsZero() {
		t.Fatalf("analytics %+v", a)
	}

	// Nobody: no user, no comments, no row.
	f, err = c.PluginFind(ctx, "niemand@example.de")
	if err != nil || f.User != nil || len(f.Comments) != 0 || f.Analytics != nil {
		t.Fatalf("nobody: %+v, %v", f, err)
	}
	// A guest's row by e-mail, without a user.
	f, err = c.PluginFind(ctx, "johanna.schmidt@example.de")
	if err != nil || f.User != nil || len(f.Comments) != 1 || f.Comments[0].ID != s.DecoyComments[0] || f.Analytics == nil || f.Analytics.UserID != 0 {
		t.Fatalf("johanna: %+v, %v", f, err)
	}

	// Every call was signed and names the e-mail address in its body only.
	calls := e.PluginCalls()
	if len(calls) != 3 || calls[0].Route != "find" {
		t.Fatalf("calls %+v", calls)
	}
}

func TestPluginFindErrors(t *testing.T) {
	t.Run("no plugin", func(t *testing.T) {
		e := wctest.StartTLS(t)
		c, _ := client(t, e, func(c *woocommerce.Config) { c.PluginSecret = woocommerce.NewPluginSecret() })
		if _, err := c.PluginFind(ctx, "anna.schmidt@example.de"); !errors.Is(err, woocommerce.ErrPluginMissing) {
			t.Fatalf("err %v, want ErrPluginMissing", err)
		}
		none, _ := client(t, e)
		e.ResetStats()
		if _, err := none.PluginFind(ctx, "anna.schmidt@example.de"); !errors.Is(err, woocommerce.ErrPluginMissing) || e.Stats().Requests != 0 {
			t.Fatalf("no secret: err %v, %d requests (want none)", err, e.Stats().Requests)
		}
	})
	t.Run("retried when the store fails", func(t *testing.T) {
		e := wctest.StartTLS(t)
		e.SeedGerman()
		c := pluginClient(t, e)
		e.FailNext(wctest.FaultServerError, wctest.FaultBadGateway)
		f, err := c.PluginFind(ctx, "anna.schmidt@example.de")
		if err != nil || f.User == nil || c.Retries() != 2 {
			t.Fatalf("err %v user %v retries %d", err, f.User, c.Retries())
		}
	})
	t.Run("refused, without the address in the error", func(t *testing.T) {
		e := wctest.StartTLS(t)
		c := pluginClient(t, e)
		_, err := c.PluginFind(ctx, "not an address")
		if !errors.Is(err, woocommerce.ErrInvalid) || !strings.Contains(err.Error(), "400 lethe_invalid") || strings.Contains(err.Error(), "not an address") {
			t.Fatalf("err %v", err)
		}
		e.InstallPlugin("another secret")
		_, err = c.PluginFind(ctx, "anna.schmidt@example.de")
		if err == nil || !strings.Contains(err.Error(), "401 lethe_bad_signature") || strings.Contains(err.Error(), "anna") {
			t.Fatalf("wrong secret: err %v", err)
		}
	})
}

// A PHP plugin encodes an empty meta array as [].
func TestPluginMetaAcceptsPHPEmptyArray(t *testing.T) {
	var f woocommerce.PluginFound
	body := `{"user":{"id":7,"meta":[]},"comments":[],"analytics":null}`
	if err := json.Unmarshal([]byte(body), &f); err != nil || f.User == nil || f.User.ID != 7 || len(f.User.Meta) != 0 || f.Analytics != nil {
		t.Fatalf("%+v %v", f, err)
	}
	body = `{"user":{"id":7,"meta":{"a":"1","b":["x"]}},"comments":[{"id":1,"date_gmt":"2025-03-01T10:00:00Z"}]}`
	if err := json.Unmarshal([]byte(body), &f); err != nil || len(f.User.Meta) != 2 || f.Comments[0].Date.Hour() != 10 {
		t.Fatalf("%+v %v", f, err)
	}
	if got := f.User.Meta.Keys(); len(got) != 2 || got[0] != "a" {
		t.Fatalf("keys %v", got)
	}
}
