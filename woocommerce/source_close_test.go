package woocommerce_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/woocommerce"
	"github.com/lethe-gdpr/lethe/woocommerce/wctest"
)

func (p *pluginEnv) closer(t *testing.T) connect.SourceCloser {
	t.Helper()
	sh, err := p.st.Shop(ctx, p.shop.ID)
	if err != nil {
		t.Fatal(err)
	}
	c, ok, err := p.app.ConnectorFactory()(ctx, sh)
	if err != nil || !ok {
		t.Fatalf("connector: %v %v", ok, err)
	}
	sc, ok := c.(connect.SourceCloser)
	if !ok {
		t.Fatal("the WooCommerce connector cannot close a source")
	}
	return sc
}

// Lethe closes WordPress's request through the plugin's complete route,
// once (a second close changes nothing); a store without the plugin, a
// request WordPress does not have, or one that came another way cannot be
// told.
func TestCloseSourceCompletesTheWordPressRequest(t *testing.T) {
	p := newPluginEnv(t, store.SQLite)
	id := p.emu.CreatePrivacyRequest(woocommerce.ActionExport, "anna.schmidt@example.de")
	p.emu.ConfirmPrivacyRequest(id)
	sc := p.closer(t)
	req := connect.SourceRequest{Channel: woocommerce.ChannelWordPress, ExternalID: strconv.FormatInt(id, 10), Type: store.TypeAccess}
	if err := sc.CloseSource(ctx, req); err != nil {
		t.Fatal(err)
	}
	pr, _ := p.emu.PrivacyRequest(id)
	if pr.Status != wctest.RequestCompleted || pr.CompletedAt.IsZero() {
		t.Fatalf("WordPress request %+v", pr)
	}
	if err := sc.CloseSource(ctx, req); err != nil {
		t.Fatalf("second close: %v", err)
	}
	if again, _ := p.emu.PrivacyRequest(id); !again.CompletedAt.Equal(pr.CompletedAt) {
		t.Fatalf("second close changed the request: %+v", again)
	}
	calls := p.emu.PluginCalls()
	if len(calls) != 2 || calls[0].Route != "complete" || string(calls[0].Body["request_id"]) != strconv.FormatInt(id, 10) {
		t.Fatalf("plugin calls %+v", calls)
	}

	for name, r := range map[string]connect.SourceRequest{
		"unknown request": {Channel: woocommerce.ChannelWordPress, ExternalID: "424242"},
		"no id":           {Channel: woocommerce.ChannelWordPress, ExternalID: "x"},
		"entered by hand": {Channel: "e-mail", ExternalID: "1"},
	} {
		if err := sc.CloseSource(ctx, r); !errors.Is(err, connect.ErrSourceGone) {
			t.Errorf("%s: %v, want ErrSourceGone", name, err)
		}
	}
	p.emu.UninstallPlugin()
	if err := sc.CloseSource(ctx, req); !errors.Is(err, connect.ErrSourceGone) || !errors.Is(err, woocommerce.ErrPluginMissing) {
		t.Fatalf("without the plugin: %v", err)
	}
}

// The settings show the plugin's setup: where to get it, the webhook URL
// and the secret to paste, and whether the plugin answers — and if not,
// why, in words the merchant can act on.
func TestSetupSaysWhetherThePluginAnswers(t *testing.T) {
	p := newPluginEnv(t, store.SQLite)
	sh, _ := p.st.Shop(ctx, p.shop.ID)
	setup := func() connect.Setup {
		t.Helper()
		ss, err := p.app.Setup(ctx, sh)
		if err != nil || len(ss) != 1 {
			t.Fatalf("setup %+v, %v", ss, err)
		}
		return ss[0]
	}
	s := setup()
	if !s.Working || !strings.HasPrefix(s.Status, "Plugin "+wctest.PluginVersion+" · WordPress ") || !strings.Contains(s.Status, "WooCommerce 9.8.5") {
		t.Fatalf("installed: %+v", s)
	}
	if len(s.Values) != 2 || s.Values[0].Value != p.url || s.Values[1].Value != p.secret || !s.Values[1].Secret || s.Values[0].Secret {
		t.Fatalf("values %+v", s.Values)
	}
	if len(s.Steps) != 3 || len(s.Links) != 1 || !strings.HasSuffix(s.Links[0].URL, "/woocommerce/lethe-privacy.zip") {
		t.Fatalf("steps %d, links %+v", len(s.Steps), s.Links)
	}
	for _, c := range []struct {
		name  string
		setup func()
		says  string
	}{
		{"not installed", p.emu.UninstallPlugin, "nicht installiert"},
		{"not set up", func() { p.emu.InstallPlugin("") }, "noch nicht eingerichtet"},
		{"wrong secret", func() { p.emu.InstallPlugin(woocommerce.NewPluginSecret()) }, "Schlüssel in WordPress erneut ein"},
	} {
		c.setup()
		if s := setup(); s.Working || !strings.Contains(s.Problem[0], c.says) || s.Problem[1] == "" {
			t.Errorf("%s: %+v", c.name, s)
		}
	}
	other := &store.Shop{Platform: "shopify", Domain: "muster.myshopify.com"}
	if ss, err := p.app.Setup(ctx, other); err != nil || len(ss) != 0 {
		t.Fatalf("a Shopify shop: %+v %v", ss, err)
	}
}

// Lethe serves the plugin as WordPress's upload takes it: a zip with the
// folder lethe-privacy.
func TestPluginDownload(t *testing.T) {
	p := newPluginEnv(t, store.SQLite)
	resp, err := p.client.Get(strings.Split(p.url, "/webhooks/")[0] + "/woocommerce/lethe-privacy.zip")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/zip" {
		t.Fatalf("%d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, f := range zr.File {
		names[f.Name] = true
	}
	for _, want := range []string{"lethe-privacy/lethe-privacy.php", "lethe-privacy/includes/class-lethe-privacy-rest.php", "lethe-privacy/readme.txt"} {
		if !names[want] {
			t.Errorf("zip lacks %s: %v", want, names)
		}
	}
}
