package jobs_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/mail/mailtest"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
	"github.com/lethe-gdpr/lethe/jobs"
)

// readiness is what cmd/lethe wires as the digest's SetupMissing.
func readiness(sh *store.Shop) []string { return requests.Readiness(sh).Missing }

// The digest's "setup still missing" section names what readiness lacks,
// in words the merchant reads (DE/EN), never the settings API's keys; a
// ready shop with nothing due gets no digest.
func TestDigestNamesMissingSetup(t *testing.T) {
	now := time.Date(2026, 11, 10, 6, 0, 0, 0, time.UTC)
	cases := map[string]struct {
		want []string
	}{
		"de": {[]string{"Noch fehlende Einstellungen", "- das Bundesland des Shops (die Postleitzahl entscheidet es nicht)",
			"- die zuständige Datenschutz-Aufsichtsbehörde", "- die Kontakt-E-Mail des Shops"}},
		"en": {[]string{"Setup still missing", "- the shop's federal state (its postcode does not decide it)",
			"- the competent supervisory authority", "- the shop's contact e-mail"}},
	}
	for _, dialect := range testenv.Dialects {
		for lang, c := range cases {
			t.Run(dialect+"/"+lang, func(t *testing.T) {
				ctx := context.Background()
				st := testenv.Store(t, dialect)
				srv := mailtest.Start(t)
				snd, err := mail.NewSender(srv.URL(), "Lethe <no-reply@lethe.example>", mail.WithMessageIDHost("lethe.example"))
				if err != nil {
					t.Fatal(err)
				}
				var queued []*store.Step
				d := jobs.Digests{Store: st, Now: func() time.Time { return now }, Log: quiet, AppURL: "https://lethe.example",
					SetupMissing: readiness, Enqueue: func(_ context.Context, steps ...*store.Step) error { queued = append(queued, steps...); return nil }}

				// A ready shop with nothing due: no digest.
				ready := &store.Shop{Platform: "shopify", Domain: "fertig.myshopify.com", Name: "Fertig", Email: "info@fertig.example",
					Country: "DE", Region: "BY", Locale: lang,
					Address: `{"company":"Fertig GmbH","street":"Marienplatz 1","postcode":"80331","city":"München","country":"DE"}`}
				if err := st.UpsertShop(ctx, ready); err != nil {
					t.Fatal(err)
				}
				if ok, err := d.SendDigest(ctx, ready); err != nil || ok || digestEmails(t, st, ready.ID) != 0 {
					t.Fatalf("ready, quiet shop: sent=%v err=%v, %d digests", ok, err, digestEmails(t, st, ready.ID))
				}

				// A shop on the Saxon–Thuringian line without its state, whose
				// contact e-mail is unknown (the merchant's address is set).
				border := &store.Shop{Platform: "shopify", Domain: "grenz.myshopify.com", Name: "Grenz", Country: "DE", Locale: lang,
					Settings: `{"merchant_email":"chef@grenz.example"}`,
					Address:  `{"company":"Grenz GmbH","street":"Hauptstr. 1","postcode":"07919","city":"Mühltroff","country":"DE"}`}
				if err := st.UpsertShop(ctx, border); err != nil {
					t.Fatal(err)
				}
				if ok, err := d.SendDigest(ctx, border); err != nil || !ok || len(queued) != 1 {
					t.Fatalf("not-ready shop: sent=%v err=%v, %d steps", ok, err, len(queued))
				}
				claimed, ok, err := st.ClaimStep(ctx, queued[0].ID, time.Minute)
				if err != nil || !ok {
					t.Fatalf("claim %v %v", ok, err)
				}
				if err := mail.HandleSend(st, snd, quiet)(ctx, claimed); err != nil {
					t.Fatal(err)
				}
				msgs := srv.WaitMessages(1, 10*time.Second)
				if len(msgs) != 1 || len(msgs[0].To) != 1 || msgs[0].To[0] != "chef@grenz.example" {
					t.Fatalf("messages %+v", msgs)
				}
				for _, w := range append(c.want, "https://lethe.example/app/settings") {
					if !strings.Contains(msgs[0].Text, w) {
						t.Errorf("text lacks %q:\n%s", w, msgs[0].Text)
					}
				}
				for _, key := range []string{"- state", "- authority", "- email", "legal_name"} {
					if strings.Contains(msgs[0].Text, key) || strings.Contains(msgs[0].HTML, ">"+strings.TrimPrefix(key, "- ")+"<") {
						t.Errorf("the digest shows the raw field key %q:\n%s", key, msgs[0].Text)
					}
				}
				html := strings.ReplaceAll(msgs[0].HTML, "&#39;", "'")
				if !strings.Contains(html, strings.TrimPrefix(c.want[1], "- ")) {
					t.Errorf("HTML lacks %q:\n%s", c.want[1], msgs[0].HTML)
				}
			})
		}
	}
}
