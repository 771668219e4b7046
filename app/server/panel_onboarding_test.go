package server_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/lethe-gdpr/lethe/app/server"
	"github.com/lethe-gdpr/lethe/app/store"
)

// The onboarding page shows what Lethe derived — legal name, address,
// the state from the postcode, the authority with its address and
// website, the contact e-mail — and asks for the DPO and recipients.
func TestOnboardingShowsWhatLetheDerived(t *testing.T) {
	e := newSettingsEnv(t, server.PanelConfig{})
	sh := e.shop(t, "muenchen.myshopify.com", "Möbel Müller GmbH", "Marienplatz 1", "80331", "München", "info@moebel.example")
	sh.Region, sh.RegionSource = "BY", "postcode"
	if err := e.st.UpdateShopProfile(context.Background(), sh, nil); err != nil {
		t.Fatal(err)
	}
	for lang, wants := range map[string][]string{
		"de": {"<h1>Einrichtung</h1>", "Aus Ihrem Shop übernommen", "Was nur Sie wissen", "Datenschutzbeauftragte(r)",
			"Aus der Postleitzahl bestimmt.", `<label for="f-legal_name">Firmenname (Verantwortlicher)</label>`},
		"en": {"<h1>Setup</h1>", "Taken from your shop", "What only you know", "Data protection officer", "Taken from the postcode.",
			`<label for="f-legal_name">Legal name (the controller)</label>`},
	} {
		p := e.get(t, sh, lang, "/app/onboarding")
		if p.status != http.StatusOK {
			t.Fatalf("%s: %d %s", lang, p.status, p.body)
		}
		p.contains(t, wants...)
		p.contains(t, `value="Möbel Müller GmbH"`, `value="Marienplatz 1"`, `value="80331"`, `value="München"`,
			`value="info@moebel.example"`, `<option value="BY" selected>Bayern</option>`,
			"Bayerisches Landesamt für Datenschutzaufsicht", "Promenade 18, 91522 Ansbach", "https://www.lda.bayern.de")
		p.lacks(t, "Noch offen:", "Still missing:") // ready: no banner
	}
}

// A postcode whose area crosses a state line is asked, never guessed: the
// page names the candidate states and the banner names the state.
func TestOnboardingAsksTheStateOfAnAmbiguousPostcode(t *testing.T) {
	e := newSettingsEnv(t, server.PanelConfig{})
	sh := e.shop(t, "grenze.myshopify.com", "Grenzladen UG", "Am Deich 3", "21039", "Hamburg", "info@grenze.example")
	for lang, wants := range map[string][]string{
		"de": {"Die Postleitzahl 21039 liegt in mehreren Bundesländern. Bitte wählen Sie: Hamburg, Schleswig-Holstein.", `<option value="" selected>Bitte wählen</option>`,
			"Noch offen:</strong> Bundesland, Aufsichtsbehörde.", "Einrichtung abschließen"},
		"en": {"The postcode 21039 lies in more than one federal state. Please choose: Hamburg, Schleswig-Holstein.", `<option value="" selected>Please choose</option>`,
			"Still missing:</strong> federal state, supervisory authority.", "Complete the setup"},
	} {
		e.get(t, sh, lang, "/app/onboarding").contains(t, wants[:2]...)
		inbox := e.get(t, sh, lang, "/app") // the banner on every other page
		inbox.contains(t, wants[2:]...)
		inbox.contains(t, `href="/app/onboarding"`)
	}
}

// Saving the onboarding stores the DPO and the state, the setup is
// complete, the waiting request continues (its step enqueued), and the
// inbox greets with a success banner and no longer names anything missing.
func TestOnboardingCompletesTheSetupAndContinuesWaitingRequests(t *testing.T) {
	for _, lang := range []string{"de", "en"} {
		t.Run(lang, func(t *testing.T) {
			e := newSettingsEnv(t, server.PanelConfig{})
			ctx := context.Background()
			sh := e.shop(t, "grenze.myshopify.com", "Grenzladen UG", "Am Deich 3", "21039", "Hamburg", "info@grenze.example")
			r := &store.Request{ShopID: sh.ID, Type: store.TypeAccess, Status: store.StatusNeedsSetup, Source: "shopify",
				Subject: store.Subject{Email: "kunde@example.com"}, ReceivedAt: e.now, DueAt: store.DayOf(2026, 4, 2), SetupMissing: "state,authority"}
			if err := e.st.CreateRequest(ctx, r); err != nil {
				t.Fatal(err)
			}
			form := url.Values{
				"legal_name": {"Grenzladen UG"}, "street": {"Am Deich 3"}, "street2": {""}, "postcode": {"21039"}, "city": {"Hamburg"},
				"country": {"DE"}, "email": {"info@grenze.example"}, "state": {"HH"},
				"dpo_name": {"Dr. Daten Schutz"}, "dpo_email": {"dsb@grenze.example"}, "dpo_phone": {""},
				"rec.0.name": {"Steuerbüro Nord"}, "rec.0.category": {"Steuerberatung"}, "rec.0.country": {"de"}, "rec.0.safeguards": {""}, "rec.0.types": {""},
				"rec.1.name": {""}, "rec.1.category": {""}, "rec.1.country": {""}, "rec.1.safeguards": {""}, "rec.1.types": {""},
			}
			p := e.post(t, sh, lang, "/app/onboarding", form)
			if p.status != http.StatusSeeOther || p.header.Get("Location") != "/app?done=onboarding" {
				t.Fatalf("%d %s %s", p.status, p.header.Get("Location"), p.body)
			}
			got := e.reload(t, sh)
			set := store.ShopSettings(got)
			if got.Region != "HH" || set.DPO == nil || set.DPO.Name != "Dr. Daten Schutz" || set.DPO.Email != "dsb@grenze.example" {
				t.Errorf("not saved: region %q dpo %+v", got.Region, set.DPO)
			}
			if len(set.Recipients) != 1 || set.Recipients[0].Country != "DE" || set.Recipients[0].Name != "Steuerbüro Nord" {
				t.Errorf("recipients %+v", set.Recipients)
			}
			for _, f := range set.Edited {
				if f == "address" {
					t.Error("an unchanged address is marked as the merchant's (it would no longer be refreshed)")
				}
			}
			after, err := e.st.Request(ctx, sh.ID, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			if after.Status != store.StatusProcessing || after.SetupMissing != "" || len(e.sent) != 1 || e.sent[0].Kind != "request:discover" {
				t.Errorf("waiting request: status %s missing %q, %d steps enqueued", after.Status, after.SetupMissing, len(e.sent))
			}
			inbox := e.get(t, got, lang, "/app?done=onboarding")
			inbox.contains(t, map[string]string{"de": "Gespeichert. Vielen Dank", "en": "Saved. Thank you"}[lang], `class="banner success"`)
			inbox.lacks(t, "Noch offen:", "Still missing:", `href="/app/onboarding"`)
		})
	}
}

// A missing field is named next to it, in the page's language, what was
// typed stays, and nothing is saved.
func TestOnboardingNamesAMissingField(t *testing.T) {
	e := newSettingsEnv(t, server.PanelConfig{})
	sh := e.shop(t, "ohne.myshopify.com", "Ohne Straße KG", "", "80331", "München", "info@ohne.example")
	before := e.reload(t, sh)
	for lang, want := range map[string]string{"de": "Bitte ausfüllen.", "en": "Please fill this in."} {
		p := e.post(t, sh, lang, "/app/onboarding", url.Values{
			"legal_name": {"Ohne Straße KG"}, "street": {""}, "postcode": {"80331"}, "city": {"München"}, "country": {"DE"},
			"email": {"info@ohne.example"}, "dpo_name": {"Dr. Neu"}, "dpo_email": {"dsb@ohne.example"}, "dpo_phone": {""},
		})
		if p.status != http.StatusUnprocessableEntity {
			t.Fatalf("%s: %d", lang, p.status)
		}
		if !regexp.MustCompile(`<input type="text" id="f-street" name="street" value=""[^>]*aria-invalid="true"[^>]*>\s*<p class="error" id="e-street">` + regexp.QuoteMeta(want) + `</p>`).MatchString(p.body) {
			t.Errorf("%s: no error next to the street:\n%s", lang, p.body)
		}
		p.contains(t, `value="Dr. Neu"`) // what was typed stays
		p.contains(t, map[string]string{"de": "Nichts wurde gespeichert.", "en": "Nothing was saved."}[lang])
	}
	if after := e.reload(t, sh); after.Settings != before.Settings || after.Address != before.Address {
		t.Errorf("half-saved: %s %s", after.Settings, after.Address)
	}
}
