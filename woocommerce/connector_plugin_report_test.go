package woocommerce_test

import (
	"html"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/connect"
	"github.com/lethe-gdpr/lethe/app/gdpr/classify"
	"github.com/lethe-gdpr/lethe/app/pipeline"
	"github.com/lethe-gdpr/lethe/app/report"
	"github.com/lethe-gdpr/lethe/app/report/reporttest"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/woocommerce"
	"github.com/lethe-gdpr/lethe/woocommerce/wctest"
)

var htmlTags = regexp.MustCompile(`<[^>]*>`)

// What the plugin found reaches the readable answer through the rules
// core, named in each language: the comments, the analytics row, the
// WordPress account's further details — no field shown by its key.
func TestPluginDataInTheReadableAnswer(t *testing.T) {
	e := wctest.StartTLS(t)
	s := e.SeedGerman()
	res, err := woocommerce.NewConnector(pluginClient(t, e), wooShop()).Discover(ctx, connect.Subject{Email: s.AnnaEmail})
	if err != nil {
		t.Fatal(err)
	}
	sh := wooShop()
	sh.ID, sh.Email, sh.Region = 5, "datenschutz@kaffee-lindner.example", "SN"
	cctx, err := pipeline.ClassifyContext(sh, res.Recipients, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	entries, err := classify.Classify(res.Items, cctx)
	if err != nil {
		t.Fatal(err)
	}
	rq := &store.Request{ID: 9, ShopID: 5, Type: store.TypeAccess, Source: "manual", Locale: "de", ReceivedAt: time.Now(), DueAt: store.DayOf(2030, 1, 1)}
	r, err := report.Build(report.Input{Request: rq, Shop: sh, Entries: entries, Answers: reporttest.Answers(), Found: true, GeneratedAt: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"de": {"Kommentar", "Beitrag Röstprofile im Vergleich", "Website (im Kommentar) https://anna-roestet.example", "Kommentar Danke für den Vergleich!",
			"Eintrag in der Verkaufsstatistik", "Registriert am", "Zuletzt aktiv am", "Produktbewertung",
			"Weitere Angaben im WordPress-Konto", "Beschreibung Kaffeeliebhaberin aus Leipzig", "Instagram https://instagram.com/anna.roestet"},
		"en": {"Comment", "Post Röstprofile im Vergleich", "Website (on the comment) https://anna-roestet.example", "Comment Danke für den Vergleich!",
			"Sales statistics entry", "Registered at", "Last active at", "Product review",
			"Further details in the WordPress account", "Description Kaffeeliebhaberin aus Leipzig", "Instagram https://instagram.com/anna.roestet"},
	}
	for lang, wants := range want {
		b, err := report.RenderHTML(r, lang)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(html.UnescapeString(htmlTags.ReplaceAllString(string(b), " "))), " ")
		for _, w := range wants {
			if !strings.Contains(text, w) {
				t.Errorf("%s answer lacks %q", lang, w)
			}
		}
		for _, key := range []string{"wordpress_meta", "post_title", "last_active_at", "registered_at", "author_url"} {
			if strings.Contains(text, key) {
				t.Errorf("%s answer shows %q", lang, key)
			}
		}
	}
}
