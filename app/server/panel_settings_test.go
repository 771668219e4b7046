package server_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
)

// The overview names every section in both languages, with the mail's
// status (configured, sender, the last failure) and the connected systems.
func TestSettingsOverviewShowsEverySection(t *testing.T) {
	e := newSettingsEnv(t, server.PanelConfig{Mail: server.MailStatus{Configured: true, From: "lethe@lethe.example"}})
	ctx := context.Background()
	sh := e.shop(t, "muenchen.myshopify.com", "Möbel Müller GmbH", "Marienplatz 1", "80331", "München", "info@moebel.example")
	sh.Region, sh.RegionSource = "BY", "postcode"
	if err := e.st.UpdateShopProfile(ctx, sh, &e.now); err != nil {
		t.Fatal(err)
	}
	em := &store.Email{ShopID: sh.ID, Kind: "merchant_notice", Locale: "de", To: "info@moebel.example", Subject: "S", BodyText: "T"}
	if err := e.st.SaveEmailDraft(ctx, em); err != nil {
		t.Fatal(err)
	}
	if err := e.st.MarkEmailFailed(ctx, sh.ID, em.ID, "smtp send: 550 5.1.1"); err != nil {
		t.Fatal(err)
	}
	for lang, wants := range map[string][]string{
		"de": {"<h1>Einstellungen</h1>", "Unternehmen und Datenschutzbeauftragte(r)", "Bundesland und Aufsichtsbehörde", "Empfänger",
			"Automatisierung", "Aufbewahrungsfristen", "E-Mail-Versand", "eingerichtet", "Letzter Fehler beim Versand:", "smtp send: 550 5.1.1",
			"Verbundene Systeme", "Shopify", "verbunden", "Shop-Angaben zuletzt gelesen: 02.03.2026, 11:00", "Lethes eigene Aufzeichnungen",
			"API-Tokens", "Bevor Sie Lethe deinstallieren", "nicht benannt", "Bayern"},
		"en": {"<h1>Settings</h1>", "Business and data protection officer", "Federal state and supervisory authority", "Recipients",
			"Automation", "Retention periods", "Outgoing mail", "set up", "Last failed delivery:", "Connected systems", "connected",
			"Shop details last read: 2 Mar 2026, 11:00", "Lethe&#39;s own records", "API tokens", "Before you uninstall Lethe", "none appointed"},
	} {
		p := e.get(t, sh, lang, "/app/settings")
		if p.status != http.StatusOK {
			t.Fatalf("%s: %d %s", lang, p.status, p.body)
		}
		p.contains(t, wants...)
		p.contains(t, "lethe@lethe.example", "Bayerisches Landesamt für Datenschutzaufsicht", "Promenade 18, 91522 Ansbach")
		for _, s := range []string{"profile", "authority", "recipients", "automation", "retention", "tokens"} {
			p.contains(t, `href="/app/settings/`+s+`"`)
			if sp := e.get(t, sh, lang, "/app/settings/"+s); sp.status != http.StatusOK || !strings.Contains(sp.body, "<h1>") {
				t.Errorf("%s /app/settings/%s: %d", lang, s, sp.status)
			}
		}
	}
	// A shop that must re-authenticate says so; no SMTP says so.
	if err := e.st.SetShopStatus(ctx, sh.ID, store.ShopNeedsReauth); err != nil {
		t.Fatal(err)
	}
	e2 := newSettingsEnv(t, server.PanelConfig{})
	sh2 := e2.shop(t, "b.myshopify.com", "B GmbH", "Weg 1", "80331", "München", "b@b.example")
	if err := e2.st.SetShopStatus(ctx, sh2.ID, store.ShopNeedsReauth); err != nil {
		t.Fatal(err)
	}
	e2.get(t, sh2, "de", "/app/settings").contains(t, "nicht eingerichtet", "LETHE_SMTP_URL", "Anmeldung erneuern", "Kein Fehler beim Versand.")
	e2.get(t, sh2, "en", "/app/settings").contains(t, "not set up", "needs re-authentication", "No failed delivery.")
}

// Each section's change persists, through the same validation and audit
// as PATCH /api/shop.
func TestSettingsChangesPersist(t *testing.T) {
	e := newSettingsEnv(t, server.PanelConfig{})
	ctx := context.Background()
	sh := e.shop(t, "muenchen.myshopify.com", "Möbel Müller GmbH", "Marienplatz 1", "80331", "München", "info@moebel.example")
	sh.Region, sh.RegionSource = "BY", "postcode"
	if err := e.st.UpdateShopProfile(ctx, sh, nil); err != nil {
		t.Fatal(err)
	}
	saved := func(path string, form url.Values) {
		t.Helper()
		p := e.post(t, sh, "de", path, form)
		if p.status != http.StatusSeeOther || p.header.Get("Location") != "/app/settings?done=settings" {
			t.Fatalf("%s: %d %s", path, p.status, p.body)
		}
	}
	saved("/app/settings/automation", url.Values{"auto_send_shown": {"1"}, "auto_erase_shown": {"1"}, "auto_send": {"1"}, "merchant_email": {"chef@moebel.example"}})
	saved("/app/settings/profile", url.Values{"legal_name": {"Möbel Müller GmbH"}, "street": {"Marienplatz 1"}, "postcode": {"80331"},
		"city": {"München"}, "country": {"DE"}, "email": {"info@moebel.example"}, "website": {"https://moebel.example"}, "language": {"de"},
		"dpo_name": {"Dr. A. Schutz"}, "dpo_email": {""}, "dpo_phone": {"+49 89 123"}})
	saved("/app/settings/authority", url.Values{"state": {"BY"}, "auth_name": {"BayLDA (Außenstelle)"}, "auth_address": {"Postfach 1, 91511 Ansbach"}, "auth_website": {"https://www.lda.bayern.de"}})
	saved("/app/settings/recipients", url.Values{"rec.0.name": {"Mailer Inc"}, "rec.0.category": {"Newsletter"}, "rec.0.country": {"US"},
		"rec.0.safeguards": {"EU-US Data Privacy Framework"}, "rec.0.types": {""}})
	saved("/app/settings/retention", url.Values{"ret.0.record_type": {"invoice"}, "ret.0.years": {"12"}, "ret.0.reason": {"Anweisung des Steuerbüros"}})

	got := e.reload(t, sh)
	set := store.ShopSettings(got)
	if !set.AutoSend || set.AutoErase || set.MerchantEmail != "chef@moebel.example" {
		t.Errorf("automation %+v", set)
	}
	if got.Website != "https://moebel.example" || set.DPO == nil || set.DPO.Phone != "+49 89 123" {
		t.Errorf("profile: website %q dpo %+v", got.Website, set.DPO)
	}
	if set.Authority == nil || set.Authority.Name != "BayLDA (Außenstelle)" || got.Region != "BY" {
		t.Errorf("authority %+v region %s", set.Authority, got.Region)
	}
	if len(set.Recipients) != 1 || !set.Recipients[0].ThirdCountry {
		t.Errorf("recipients %+v", set.Recipients)
	}
	if len(set.RetentionOverrides) != 1 || set.RetentionOverrides[0].Years != 12 || set.RetentionOverrides[0].By != "merchant" {
		t.Errorf("overrides %+v", set.RetentionOverrides)
	}
	evs, err := e.st.ShopEvents(ctx, sh.ID)
	if err != nil {
		t.Fatal(err)
	}
	var audited []string
	for _, ev := range evs {
		if ev.Action == "shop.updated" {
			audited = append(audited, ev.Detail)
			if strings.Contains(ev.Detail, "@") || strings.Contains(ev.Detail, "Schutz") {
				t.Errorf("audit carries values: %s", ev.Detail)
			}
		}
	}
	if strings.Join(audited, ";") != "fields=merchant_email,auto_send;fields=website,dpo;fields=authority;fields=recipients;fields=retention_overrides" {
		t.Errorf("audit %q", audited)
	}
	for lang, wants := range map[string][]string{
		"de": {"Dr. A. Schutz", "BayLDA (Außenstelle)", "von Ihnen korrigiert", "Mailer Inc (Newsletter, US)", "Rechnungen: 12 Jahre", "chef@moebel.example"},
		"en": {"corrected by you", "Invoices: 12 years"},
	} {
		e.get(t, sh, lang, "/app/settings?done=settings").contains(t, append(wants, map[string]string{"de": "Die Einstellungen sind gespeichert.", "en": "The settings are saved."}[lang])...)
	}
	// Unticking a switch turns it off; removing the only recipient empties the list.
	saved("/app/settings/automation", url.Values{"auto_send_shown": {"1"}, "auto_erase_shown": {"1"}, "merchant_email": {"chef@moebel.example"}})
	saved("/app/settings/recipients", url.Values{"rec.0.name": {"Mailer Inc"}, "rec.0.category": {"Newsletter"}, "rec.0.country": {"US"},
		"rec.0.safeguards": {"EU-US Data Privacy Framework"}, "rec.0.remove": {"1"}})
	if set := store.ShopSettings(e.reload(t, sh)); set.AutoSend || len(set.Recipients) != 0 {
		t.Errorf("after unticking and removing: %+v", set)
	}
}

// A refused section shows each error next to its field, in the page's
// language, and saves nothing.
func TestSettingsRefusedFieldsAreNamed(t *testing.T) {
	e := newSettingsEnv(t, server.PanelConfig{})
	sh := e.shop(t, "muenchen.myshopify.com", "Möbel Müller GmbH", "Marienplatz 1", "80331", "München", "info@moebel.example")
	before := e.reload(t, sh)
	for lang, wants := range map[string][]string{
		"de": {"Empfänger 1: Bei einer Übermittlung außerhalb des EWR ist die Garantie nötig"},
		"en": {"Recipient 1: A transfer outside the EEA needs its safeguard"},
	} {
		p := e.post(t, sh, lang, "/app/settings/recipients", url.Values{"rec.0.name": {"Mailer Inc"}, "rec.0.category": {"Newsletter"}, "rec.0.country": {"US"}, "rec.0.safeguards": {""}})
		if p.status != http.StatusUnprocessableEntity {
			t.Fatalf("%d", p.status)
		}
		p.contains(t, wants...)
		p.contains(t, `value="Mailer Inc"`)
	}
	for lang, want := range map[string]string{"de": "Die Frist kann nur verlängert werden", "en": "The period can only be lengthened"} {
		p := e.post(t, sh, lang, "/app/settings/retention", url.Values{"ret.0.record_type": {"invoice"}, "ret.0.years": {"2"}, "ret.0.reason": {"zu kurz"}})
		if p.status != http.StatusUnprocessableEntity {
			t.Fatalf("%d", p.status)
		}
		p.contains(t, want)
		if !regexp.MustCompile(`name="ret\.0\.years" value="2"`).MatchString(p.body) {
			t.Error("the typed years are lost")
		}
	}
	p := e.post(t, sh, "de", "/app/settings/automation", url.Values{"auto_send_shown": {"1"}, "merchant_email": {"kein-at"}})
	if p.status != http.StatusUnprocessableEntity {
		t.Fatalf("%d", p.status)
	}
	p.contains(t, `<p class="error" id="e-merchant_email">Bitte eine E-Mail-Adresse angeben (name@example.com).</p>`)
	if after := e.reload(t, sh); after.Settings != before.Settings {
		t.Errorf("half-saved: %s", after.Settings)
	}
}

// A token is shown once when created, then listed by name only; revoked,
// it no longer opens the API and the list says so.
func TestSettingsTokensCreateListRevoke(t *testing.T) {
	e := newSettingsEnv(t, server.PanelConfig{})
	ctx := context.Background()
	sh := e.shop(t, "muenchen.myshopify.com", "Möbel Müller GmbH", "Marienplatz 1", "80331", "München", "info@moebel.example")
	other := e.shop(t, "other.myshopify.com", "Other GmbH", "Weg 1", "80331", "München", "o@other.example")
	p := e.post(t, sh, "de", "/app/settings/tokens", url.Values{"name": {"Kasse-CI"}})
	if p.status != http.StatusOK {
		t.Fatalf("%d %s", p.status, p.body)
	}
	tok := regexp.MustCompile(`id="new-token" value="(lethe_[A-Za-z0-9_-]+)"`).FindStringSubmatch(p.body)
	if tok == nil {
		t.Fatalf("no token shown:\n%s", p.body)
	}
	p.contains(t, "Der Token ist erstellt.", "nur dieses eine Mal angezeigt")
	if _, err := tenant.TokenSession(ctx, e.st, tok[1], e.now); err != nil {
		t.Fatalf("the shown token does not open the API: %v", err)
	}
	for lang, wants := range map[string][]string{"de": {"Ihre Tokens", "Kasse-CI", "Widerrufen"}, "en": {"Your tokens", "Kasse-CI", "Revoke"}} {
		list := e.get(t, sh, lang, "/app/settings/tokens")
		list.contains(t, wants...)
		list.lacks(t, tok[1])
	}
	e.get(t, other, "de", "/app/settings/tokens").lacks(t, "Kasse-CI") // another shop's tokens are not listed
	ts, err := e.st.APITokens(ctx, sh.ID)
	if err != nil || len(ts) != 1 {
		t.Fatalf("%v %v", ts, err)
	}
	id := ts[0].ID
	if p := e.post(t, other, "de", "/app/settings/tokens/"+strconv.FormatInt(id, 10)+"/revoke", url.Values{}); p.status != http.StatusNotFound {
		t.Errorf("another shop revoked the token: %d", p.status)
	}
	p = e.post(t, sh, "de", "/app/settings/tokens/"+strconv.FormatInt(id, 10)+"/revoke", url.Values{})
	if p.status != http.StatusSeeOther || p.header.Get("Location") != "/app/settings/tokens?done=token_revoked" {
		t.Fatalf("%d %s", p.status, p.body)
	}
	if _, err := tenant.TokenSession(ctx, e.st, tok[1], e.now); !errors.Is(err, tenant.ErrBadToken) {
		t.Errorf("revoked token still opens the API: %v", err)
	}
	e.get(t, sh, "de", "/app/settings/tokens?done=token_revoked").contains(t, "Der API-Token ist widerrufen", "widerrufen am")
	e.get(t, sh, "en", "/app/settings/tokens").contains(t, "revoked on")
}
