package server_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/lethe-gdpr/lethe/app/server"
)

// Issue 12 point 7: an authority the merchant corrects to another one needs
// its postal address and website, or the answers would name it without
// them; the form says so in the page's language and saves nothing. The
// default authority's own name needs neither: its address stays.
func TestSettingsAuthorityCorrectionNeedsAddressAndWebsite(t *testing.T) {
	e := newSettingsEnv(t, server.PanelConfig{})
	ctx := context.Background()
	sh := e.shop(t, "muenchen.myshopify.com", "Möbel Müller GmbH", "Marienplatz 1", "80331", "München", "info@moebel.example")
	sh.Region, sh.RegionSource = "BY", "postcode"
	if err := e.st.UpdateShopProfile(ctx, sh, nil); err != nil {
		t.Fatal(err)
	}
	for lang, want := range map[string]string{
		"de": "Bitte Anschrift und Website der Behörde angeben: Ihre Antworten nennen beides, und Lethe kennt sie nur für die Behörde Ihres Bundeslands.",
		"en": "Please give the authority&#39;s postal address and website: your answers name both, and Lethe knows them only for the authority of your federal state.",
	} {
		p := e.post(t, sh, lang, "/app/settings/authority", url.Values{"state": {"BY"}, "auth_name": {"Andere Behörde"}, "auth_address": {""}, "auth_website": {""}})
		if p.status != http.StatusUnprocessableEntity {
			t.Fatalf("%s: %d", lang, p.status)
		}
		p.contains(t, want)
		if got := e.reload(t, sh); got.Settings != sh.Settings {
			t.Fatalf("%s: saved %s", lang, got.Settings)
		}
	}
	p := e.post(t, sh, "de", "/app/settings/authority", url.Values{"state": {"BY"}, "auth_name": {"Bayerisches Landesamt für Datenschutzaufsicht, BayLDA"}, "auth_address": {""}, "auth_website": {""}})
	if p.status != http.StatusSeeOther {
		t.Fatalf("the default's own name: %d %s", p.status, p.body)
	}
}
