package mail_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/mail"
	"github.com/lethe-gdpr/lethe/app/store"
)

// midSentence is a line break inside a sentence: the HTML of an edit must
// join the text's hard-wrapped lines.
var midSentence = regexp.MustCompile(`<br>\n?\p{Ll}`)

// An edited draft's HTML reads like the generated one: the merchant's
// words, paragraphs from blank lines with the 72-column lines joined,
// lists from "- " lines (one list for items parted by blank lines),
// headings, labels in bold, web and e-mail addresses as links, the
// controller's details small below a rule, in the e-mails' frame. Tested
// on real drafts (the access answer in both languages, a partial erasure
// confirmation), edited and sent: the delivered text part is the
// merchant's text, the HTML part the same words.
func TestEditedDraftHTML(t *testing.T) {
	each(t, func(t *testing.T, g *rig) {
		sh := g.shop(t, "muster.myshopify.com")
		cases := []struct {
			name, insertAfter, insert string
			draft                     func() *store.Email
			wants                     []string
		}{
			{"access de", "beantworten wir sie.", " Vielen Dank für Ihre Geduld.",
				func() *store.Email {
					return g.draftAnswer(t, sh, g.request(t, sh, "de"), mail.AnswerLink{URL: link, Lifetime: lifetime})
				}, []string{
					`<div style="max-width:640px;`, "<p>Guten Tag Jane Doe,</p>",
					"<p>am 2. März 2026 haben wir Ihre Anfrage auf Auskunft über Ihre personenbezogenen Daten erhalten (Vorgang Nr. ",
					"Hiermit beantworten wir sie. Vielen Dank für Ihre Geduld.</p>",
					`<p style="word-break:break-all;"><a href="https://lethe.example/r/abc123?sig=x&amp;exp=1773061500">`,
					"<p>Ihre Daten stehen in diesen Formaten bereit:</p>\n<ul>\n<li>als lesbare Seite zum Ansehen und Drucken (HTML),</li>",
					"<li>als ZIP-Archiv mit einer CSV-Datei je Datenart, zur Übertragung an einen anderen Anbieter (Art. 20 DSGVO).</li>",
					`<h2 style="font-size:16px;margin:24px 0 8px;">IHR WIDERSPRUCHSRECHT (ART. 21 DSGVO)</h2>`,
					"<p><strong>Direktwerbung:</strong> Sie können",
					`<a href="mailto:datenschutz@musterladen.example">datenschutz@musterladen.example</a>`,
					"<p>Mit freundlichen Grüßen<br>\nMusterladen GmbH</p>",
					`<hr style="border:none;border-top:1px solid #e4e4e7;margin:24px 0;">`,
					`<p style="font-size:13px;color:#52525b;">Verantwortlicher (Art. 4 Nr. 7 DSGVO):<br>Musterladen GmbH<br>Hauptstraße 5<br>91522 Ansbach`,
				}},
			{"access en", "This is our answer.", " Thank you for your patience.",
				func() *store.Email {
					return g.draftAnswer(t, sh, g.request(t, sh, "en"), mail.AnswerLink{URL: link, Lifetime: lifetime})
				}, []string{
					`<html lang="en">`, "This is our answer. Thank you for your patience.</p>",
					"<ul>\n<li>", `<a href="https://lethe.example/r/abc123?sig=x&amp;exp=1773061500">`,
					`<p style="font-size:13px;color:#52525b;">Controller`,
				}},
			{"erasure partial de", "warum und wie lange.", " Bei Rückfragen rufen Sie uns gern an.",
				func() *store.Email {
					s := summaryOf(t, account, inv2013, inv2024, inv2025, reqRec, openOrd)
					s.Inform = inform
					return g.draftConfirmation(t, sh, g.erasureRequest(t, sh, "de"), s)
				}, []string{
					"Hier lesen Sie, was wir gelöscht haben, was wir noch aufbewahren, warum und wie lange. Bei Rückfragen rufen Sie uns gern an.</p>",
					"<p>Gelöscht haben wir:</p>\n<ul>\n<li>",
					`<h3 style="font-size:16px;margin:24px 0 8px;">Was wir noch aufbewahren</h3>`,
					"<li>Rechnungen (2 Datensätze)<br>\n<strong>Aufbewahrt:</strong> nur ",
					"<strong>Rechtsgrundlage:</strong> § 14b Abs. 1 UStG; § 147 Abs. 1 Nr. 4, Abs. 3 AO; § 257 Abs. 1 Nr. 4, Abs. 4 HGB<br>\nGesperrt ",
					"(Art. 19 Satz 1 DSGVO): PayPal (Europe)",
				}},
		}
		for _, c := range cases {
			e := c.draft()
			i := strings.Index(e.BodyText, c.insertAfter)
			if i < 0 {
				t.Fatalf("%s: the draft lacks %q:\n%s", c.name, c.insertAfter, e.BodyText)
			}
			i += len(c.insertAfter)
			text := e.BodyText[:i] + c.insert + e.BodyText[i:]
			if err := g.st.Tx(context.Background(), func(tx *store.Store) error {
				return mail.EditDraft(context.Background(), tx, sh, e, e.Subject, text)
			}); err != nil {
				t.Fatal(err)
			}
			n := len(g.smtp.Messages())
			if err := g.run(t, g.queue(t, e)); err != nil {
				t.Fatal(err)
			}
			m := g.smtp.Messages()[n]
			if got := strings.TrimSpace(strings.ReplaceAll(m.Text, "\r\n", "\n")); got != strings.TrimSpace(text) {
				t.Errorf("%s: the text part is not the merchant's text:\n%s", c.name, m.Text)
			}
			html := strings.ReplaceAll(m.HTML, "\r\n", "\n")
			for _, w := range c.wants {
				if !strings.Contains(html, w) {
					t.Errorf("%s: the HTML part lacks %q", c.name, w)
				}
			}
			if loc := midSentence.FindStringIndex(html); loc != nil {
				t.Errorf("%s: a line break inside a sentence: …%s…", c.name, html[max(0, loc[0]-80):loc[1]+20])
			}
			if strings.Count(html, "<ul>") != strings.Count(html, "</ul>") || strings.Contains(html, "</ul>\n<ul>") {
				t.Errorf("%s: lists not joined:\n%s", c.name, html)
			}
			if got, want := strings.Join(strings.Fields(visible(html)), " "), strings.Join(strings.Fields(c.insert), " "); !strings.Contains(got, want) {
				t.Errorf("%s: the HTML lacks the merchant's words %q", c.name, want)
			}
		}
	})
}
