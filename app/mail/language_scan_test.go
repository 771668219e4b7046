package mail_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/gdpr"
	"github.com/lethe-gdpr/lethe/app/gdpr/plan"
	"github.com/lethe-gdpr/lethe/app/gdpr/retention"
	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
)

// Words and forms that must not appear in a German customer e-mail: English
// words left from internal labels, ISO dates in prose, "§147" without its
// space, English-style citations ("Art. 12(3)").
var (
	englishWords = regexp.MustCompile(`\b(State|Shipping|piece|Opt in|evaluated|until erasure|GDPR|erasure|retention|invoice|customer account|record|request|the|and|of|until|Customer|Order|Invoice|Records?|legal reference|no retention duty)\b`)
	isoDate      = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}\b`)
	sectionTight = regexp.MustCompile(`§§?\d`)
	englishCite  = regexp.MustCompile(`Art\. \d+\(`)
	// … and in an English one: German citation words and German words.
	germanWords = regexp.MustCompile(`\b(DSGVO|Abs\.|lit\.|Satz|Vorgang|Kundenkonto|Rechnungen?|Aufbewahrung\w*|Löschung|und|bis|gelöscht)\b`)
)

// scanned is one drafted e-mail: its kind and parts.
type scanned struct {
	name string
	e    *store.Email
}

// Every customer-facing e-mail kind Lethe drafts, rendered in German and in
// English, holds no word or citation of the other language, and no ISO
// date in its prose (Art. 12(1) GDPR: clear and plain language; the law
// reference's §7).
func TestCustomerEmailsSpeakOneLanguage(t *testing.T) {
	g := newRig(t, store.SQLite)
	ctx := context.Background()
	sh := g.shop(t, "scan.myshopify.com")
	lethe := gdpr.Item{System: "lethe", RecordType: retention.TechnicalData, RecordID: "req-0", Date: planDay, Fields: map[string]any{"ip_address": "x"}}
	summary := func(started, remaining []string, items ...gdpr.Item) mail.ErasureSummary {
		entries, err := plan.Plan(items, planDay, retention.DE())
		if err != nil {
			t.Fatal(err)
		}
		s := mail.SummarizeErasure(entries, started, remaining)
		s.Inform = inform
		return s
	}
	for _, lang := range []string{"de", "en"} {
		var all []scanned
		draft := func(name string, f func(tx *store.Store) (*store.Email, error)) {
			var e *store.Email
			if err := g.st.Tx(ctx, func(tx *store.Store) error {
				var err error
				e, err = f(tx)
				return err
			}); err != nil {
				t.Fatalf("%s %s: %v", lang, name, err)
			}
			if e == nil {
				t.Fatalf("%s %s: no e-mail", lang, name)
			}
			all = append(all, scanned{name, e})
		}
		r1, r2, r3, r4, r5 := g.request(t, sh, lang), g.request(t, sh, lang), g.request(t, sh, lang), g.request(t, sh, lang), g.request(t, sh, lang)
		draft("access answer", func(tx *store.Store) (*store.Email, error) {
			return mail.DraftAnswer(ctx, tx, sh, r1, mail.AnswerLink{URL: link, Lifetime: lifetime})
		})
		draft("negative answer", func(tx *store.Store) (*store.Email, error) {
			return mail.DraftAnswer(ctx, tx, sh, r2, mail.AnswerLink{Negative: true})
		})
		draft("answer to the held contact", func(tx *store.Store) (*store.Email, error) {
			if err := requests.AnswerToHeldContact(ctx, tx, r3, "held@kunde.example"); err != nil {
				return nil, err
			}
			return mail.DraftAnswer(ctx, tx, sh, r3, mail.AnswerLink{URL: link, Lifetime: lifetime})
		})
		draft("extension notice", func(tx *store.Store) (*store.Email, error) {
			return mail.DraftExtensionNotice(ctx, tx, sh, r4, requests.Action{Ground: requests.GroundComplexity, Reason: "x"})
		})
		draft("refusal", func(tx *store.Store) (*store.Email, error) {
			return mail.DraftRefusal(ctx, tx, sh, r5, requests.Action{Ground: requests.GroundExcessive, Reason: "x"})
		})
		for name, s := range map[string]mail.ErasureSummary{
			"erasure full":            summary(nil, nil, account, tech, lethe),
			"erasure started":         summary([]string{"shopify"}, nil, account, inv2013, lethe),
			"erasure partial":         summary(nil, nil, account, inv2013, inv2024, inv2025, delivery, openOrd, heldInv, reqRec),
			"erasure partial started": summary([]string{"shopify"}, nil, account, inv2024, openOrd),
			"erasure guest orders":    summary(nil, []string{"shopify"}, inv2013, inv2024, lethe),
			"erasure nothing found":   {},
		} {
			r, byShop := g.erasureRequest(t, sh, lang), g.shopErasure(t, sh, lang)
			draft(name, func(tx *store.Store) (*store.Email, error) {
				return mail.DraftErasureConfirmation(ctx, tx, sh, r, s)
			})
			if name != "erasure nothing found" {
				draft(name+" by the shop", func(tx *store.Store) (*store.Email, error) {
					return mail.DraftErasureConfirmation(ctx, tx, sh, byShop, s)
				})
			}
		}
		if len(all) != 16 {
			t.Fatalf("%s: %d e-mails drafted, want 16", lang, len(all))
		}
		for _, d := range all {
			// A positive control: the scanner reads the text it should.
			control := map[string]*regexp.Regexp{"de": germanWords, "en": englishWords}[lang]
			if !control.MatchString(d.e.BodyText) || !control.MatchString(visible(d.e.BodyHTML)) {
				t.Errorf("%s %s: not written in %s?\n%s", lang, d.name, lang, d.e.BodyText)
			}
			parts := map[string]string{"subject": d.e.Subject, "text": d.e.BodyText, "html": visible(d.e.BodyHTML)}
			for part, s := range parts {
				s = strings.ReplaceAll(s, link, "") // the link is not prose
				var bad []string
				if lang == "de" {
					bad = append(bad, englishWords.FindAllString(s, -1)...)
					bad = append(bad, sectionTight.FindAllString(s, -1)...)
					bad = append(bad, englishCite.FindAllString(s, -1)...)
				} else {
					bad = append(bad, germanWords.FindAllString(s, -1)...)
				}
				bad = append(bad, isoDate.FindAllString(s, -1)...)
				if len(bad) > 0 {
					t.Errorf("%s %s (%s): %q in:\n%s", lang, d.name, part, bad, s)
				}
			}
		}
	}
}
