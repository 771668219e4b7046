package shopify_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/lethe-gdpr/lethe/app/config"
	"github.com/lethe-gdpr/lethe/shopify/admin"
)

// appTOML is the part of shopify.app.toml Lethe depends on.
type appTOML struct {
	ClientID       string `toml:"client_id"`
	ApplicationURL string `toml:"application_url"`
	Embedded       bool   `toml:"embedded"`
	AccessScopes   struct {
		Scopes               string `toml:"scopes"`
		UseLegacyInstallFlow bool   `toml:"use_legacy_install_flow"`
	} `toml:"access_scopes"`
	Auth struct {
		RedirectURLs []string `toml:"redirect_urls"`
	} `toml:"auth"`
	Webhooks struct {
		APIVersion    string `toml:"api_version"`
		Subscriptions []struct {
			Topics           []string `toml:"topics"`
			ComplianceTopics []string `toml:"compliance_topics"`
			URI              string   `toml:"uri"`
		} `toml:"subscriptions"`
	} `toml:"webhooks"`
}

func TestShopifyAppTOML(t *testing.T) {
	var c appTOML
	md, err := toml.DecodeFile("../shopify.app.toml", &c)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Embedded || c.ClientID == "" || c.AccessScopes.UseLegacyInstallFlow {
		t.Errorf("embedded=%v client_id=%q use_legacy_install_flow=%v", c.Embedded, c.ClientID, c.AccessScopes.UseLegacyInstallFlow)
	}
	app, err := url.Parse(c.ApplicationURL)
	if err != nil || app.Scheme != "https" || app.Host == "" {
		t.Errorf("application_url %q is not an https URL", c.ApplicationURL)
	}

	// The scopes asked for are the ones Lethe requires by default.
	var def string
	for _, o := range config.Options {
		if o.Name == "SHOPIFY_SCOPES" {
			def = o.Default
		}
	}
	if def == "" || c.AccessScopes.Scopes != def {
		t.Errorf("access_scopes.scopes = %q, SHOPIFY_SCOPES default = %q", c.AccessScopes.Scopes, def)
	}

	if len(c.Auth.RedirectURLs) == 0 {
		t.Error("no auth.redirect_urls")
	}
	for _, u := range c.Auth.RedirectURLs {
		if p, err := url.Parse(u); err != nil || p.Scheme != "https" || p.Path != "/shopify/callback" {
			t.Errorf("redirect url %q is not https://…/shopify/callback", u)
		}
	}

	if c.Webhooks.APIVersion != admin.DefaultVersion {
		t.Errorf("webhooks.api_version = %q, want %q", c.Webhooks.APIVersion, admin.DefaultVersion)
	}
	wantCompliance := []string{"customers/data_request", "customers/redact", "shop/redact"}
	var compliance, uninstall bool
	for _, s := range c.Webhooks.Subscriptions {
		if !strings.HasSuffix(s.URI, "/webhooks/shopify") {
			t.Errorf("subscription uri %q does not point at /webhooks/shopify", s.URI)
		}
		if u, err := url.Parse(s.URI); err != nil || (u.IsAbs() && u.Scheme != "https") {
			t.Errorf("subscription uri %q is neither relative nor https", s.URI)
		}
		got := slices.Clone(s.ComplianceTopics)
		slices.Sort(got)
		if len(got) > 0 {
			compliance = compliance || slices.Equal(got, wantCompliance)
		}
		uninstall = uninstall || slices.Contains(s.Topics, "app/uninstalled")
	}
	if !compliance {
		t.Errorf("no subscription with compliance_topics = %v", wantCompliance)
	}
	if !uninstall {
		t.Error("no subscription to app/uninstalled")
	}
	if und := md.Undecoded(); len(und) > 0 {
		t.Logf("keys not checked: %v", und)
	}
}
