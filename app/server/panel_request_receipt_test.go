package server_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/lethe-gdpr/lethe/app/gdpr/deadline"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

// Point 9 in the panel: a customers/redact request shows its receipt and
// due date as unknown (the inbox too, with the platform's limit), offers
// the form that records the day, refuses a day out of range beside the
// form, and once recorded shows the day and the due date counted from it.
func TestPanelRequestReceipt(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			g := newRequestRig(t, dialect)
			sh := g.shops["a"]
			r := redactRequest(t, g.st, sh)
			loc := sh.Location()
			arrived := r.CreatedAt.In(loc)
			platform := r.PlatformDueAt.Time

			text, raw := g.page(t, "a", "de", r.ID)
			contains(t, "unknown de", text,
				"Eingegangen unbekannt: Shopify hat die Anfrage erst am "+longDate("de", arrived)+" übermittelt; die Person hat sie früher gestellt.",
				"Fällig am unbekannt: Die Frist läuft einen Monat ab dem Tag, an dem die Person die Anfrage gestellt hat (Art. 12 Abs. 3 DSGVO). Tragen Sie diesen Tag unten ein.",
				"bis zur Frist der Plattform", "Frist der Plattform "+longDate("de", platform),
				"Eingang der Anfrage eintragen", "Shopify leitet Löschanfragen verzögert weiter", "Anfrage gestellt am", "Tag speichern")
			contains(t, "form", raw, `<label for="receipt-day">`, `<input type="date" id="receipt-day" name="received_on" required`)
			if strings.Contains(raw, fmt.Sprintf(`action="/app/requests/%d/extend"`, r.ID)) {
				t.Error("an extension is offered while the first deadline is unknown")
			}
			text, _ = g.page(t, "a", "en", r.ID)
			contains(t, "unknown en", text,
				"Received unknown: Shopify passed the request on only on "+longDate("en", arrived)+"; the person made it earlier.",
				"Due on unknown: The deadline is one month from the day the person made the request (Art. 12(3) GDPR). Record that day below.",
				"days left until the platform's deadline", "Record when the request was made", "Request made on", "Save the day")

			// The inbox: unknown, with the platform's limit.
			for lang, want := range map[string]string{"de": "unbekannt (Frist der Plattform: " + longDate("de", platform) + ")", "en": "unknown (platform's deadline: " + longDate("en", platform) + ")"} {
				code, _, page := g.do(t, "GET", "a", lang, "/app", nil)
				if code != http.StatusOK {
					t.Fatalf("inbox: %d", code)
				}
				contains(t, "inbox "+lang, plain(page), want)
			}

			// A day after the webhook: refused beside the form, in both languages.
			base := fmt.Sprintf("/app/requests/%d/receipt", r.ID)
			_, last := requests.ReceiptRange(sh, r)
			for lang, want := range map[string]string{
				"de": "Bitte geben Sie einen gültigen Tag an: nicht nach der Übermittlung durch die Plattform",
				"en": "Please enter a valid day: not after the platform passed the request on",
			} {
				code, _, page := g.do(t, "POST", "a", lang, base, url.Values{"received_on": {last.AddDays(3).String()}})
				if code != http.StatusUnprocessableEntity {
					t.Fatalf("late day (%s): %d", lang, code)
				}
				i := strings.Index(page, `id="receipt"`)
				j := strings.Index(page[max(i, 0):], "</form>")
				if i < 0 || j < 0 || !strings.Contains(plain(page[i:i+j]), want) || !strings.Contains(page[i:i+j], `value="`+last.AddDays(3).String()+`"`) {
					t.Errorf("receipt form (%s) lacks its error or the day typed", lang)
				}
			}

			// Recorded: the day and the due date counted from it.
			day := last.AddDays(-10)
			due := deadline.Due(day.Time(loc), requests.Place(sh), loc).Due
			code, hdr, _ := g.do(t, "POST", "a", "de", base, url.Values{"received_on": {day.String()}})
			if code != http.StatusSeeOther {
				t.Fatalf("record: %d", code)
			}
			text, _ = g.follow(t, "a", "de", hdr.Get("Location"))
			contains(t, "recorded de", text,
				"Der Tag des Eingangs ist gespeichert. Die Frist endet am "+longDate("de", due.Time(loc))+".",
				"Eingegangen "+longDate("de", day.Time(loc))+" (von Ihnen eingetragen; von der Plattform übermittelt am "+longDate("de", arrived)+")",
				"Fällig am "+longDate("de", due.Time(loc)),
				"Eingang der Anfrage eingetragen: "+longDate("de", day.Time(loc))+"; die Frist endet am "+longDate("de", due.Time(loc))+".",
				"Eingang der Anfrage berichtigen")
			if strings.Contains(text, "unbekannt") {
				t.Errorf("still unknown:\n%s", text)
			}
			text, _ = g.page(t, "a", "en", r.ID)
			contains(t, "recorded en", text, "Received "+longDate("en", day.Time(loc))+" (recorded by you; passed on by the platform on "+longDate("en", arrived)+")",
				"Due on "+longDate("en", due.Time(loc)), "Day of the request recorded: "+longDate("en", day.Time(loc)))
		})
	}
}
