package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/step"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

// An access request from intake to the answer sent: discovery's progress
// polls and stops, the timeline and the data found in both languages, the
// draft edited and sent, the answer package behind the panel's auth, and
// nothing of it for another shop.
func TestPanelRequestAccess(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			g := newRequestRig(t, dialect)
			ctx := context.Background()
			r, discover := g.request(t, store.TypeAccess, time.Now())
			progress := fmt.Sprintf("/app/requests/%d/progress", r.ID)

			// Before discovery: waiting, and polling.
			text, raw := g.page(t, "a", "de", r.ID)
			contains(t, "page before discovery", text, "Die Suche beginnt gleich.", "Jane Doe", "jane.doe@kunde.example", "von Hand erfasst (über Brief)")
			contains(t, "page before discovery", raw, `hx-trigger="every 2s"`)

			// Mid-discovery: the fragment counts systems and orders, and polls.
			g.fake.hold, g.fake.reached = make(chan struct{}), make(chan struct{})
			done := make(chan struct{})
			go func() { defer close(done); g.run(t, discover) }()
			<-g.fake.reached
			for lang, want := range map[string][]string{
				"de": {"0 von 2 Systemen durchsucht", "Jetzt: testshop", "17 von 40 Bestellungen gelesen"},
				"en": {"0 of 2 systems searched", "Now: testshop", "17 of 40 orders read"},
			} {
				code, _, frag := g.do(t, "GET", "a", lang, progress, nil, "HX-Request", "true")
				if code != http.StatusOK || strings.Contains(frag, "<html") {
					t.Fatalf("fragment (%s): %d %s", lang, code, frag)
				}
				contains(t, "running fragment "+lang, plain(frag), want...)
				contains(t, "running fragment "+lang, frag, `hx-get="`+progress+`"`, `hx-trigger="every 2s"`)
			}
			close(g.fake.hold)
			<-done
			g.fake.hold = nil

			// Done: the fragment stops polling and offers the page again.
			_, _, frag := g.do(t, "GET", "a", "de", progress, nil, "HX-Request", "true")
			if strings.Contains(frag, "hx-trigger") || strings.Contains(frag, "hx-get") {
				t.Errorf("finished fragment still polls: %s", frag)
			}
			contains(t, "finished fragment", plain(frag), "Die Suche ist abgeschlossen.", "Seite neu laden")
			_, _, frag = g.do(t, "GET", "a", "en", progress, nil)
			contains(t, "finished fragment en", plain(frag), "The search is complete.")

			g.run(t, g.next(t, step.Answer))

			text, raw = g.page(t, "a", "de", r.ID)
			contains(t, "timeline de", text,
				"Anfrage eingegangen (von Hand erfasst).", "Status: In Bearbeitung.", "In 2 Systemen gesucht:", "Datensätze gefunden.",
				"Status: Antwort bereit.", "Lethe (automatisch)")
			contains(t, "header de", text, "Auskunft", "Antwort bereit", "Fällig am", "noch ")
			contains(t, "data de", text, "Gefundene Daten", "testshop · ", "Rechnung", "INV-7", "Rechtsgrundlage", "Art. 6 Abs. 1 lit. b DSGVO", "Art. 6 Abs. 1 lit. c DSGVO", "bis 31. Dezember 2033")
			contains(t, "downloads", raw, fmt.Sprintf(`href="/app/requests/%d/report.zip" hx-boost="false" data-download`, r.ID),
				fmt.Sprintf(`/app/requests/%d/report.json`, r.ID), fmt.Sprintf(`/app/requests/%d/report.html?lang=de`, r.ID))
			text, _ = g.page(t, "a", "en", r.ID)
			contains(t, "timeline en", text, "Request received (entered by hand).", "Status: Processing.", "Searched 2 systems:", "records found.", "Status: Answer ready.")
			contains(t, "data en", text, "Data found", "Invoice", "Art. 6(1)(b) GDPR", "Art. 6(1)(c) GDPR", "until 31 December 2033")

			// The answer package, behind the panel's auth.
			code, hdr, zip := g.do(t, "GET", "a", "de", fmt.Sprintf("/app/requests/%d/report.zip", r.ID), nil)
			if code != http.StatusOK || hdr.Get("Content-Type") != "application/zip" || !strings.HasPrefix(zip, "PK") || hdr.Get("Cache-Control") != "no-store" {
				t.Errorf("report.zip: %d %v", code, hdr)
			}

			// Edit the draft, then send it.
			es, err := g.st.EmailsOf(ctx, r.ShopID, r.ID)
			if err != nil || len(es) == 0 {
				t.Fatalf("e-mails: %v %v", es, err)
			}
			var answer store.Email
			for _, e := range es {
				if e.Kind == "access_answer" {
					answer = e
				}
			}
			if answer.Status != store.EmailDraft {
				t.Fatalf("the answer is not a draft: %+v", answer.Status)
			}
			emailPath := fmt.Sprintf("/app/requests/%d/emails/%d", r.ID, answer.ID)
			contains(t, "draft form", raw, `action="`+emailPath+`"`, `name="subject"`, `name="body"`, `action="`+emailPath+`/send"`)
			body := "Guten Tag Frau Doe,\n\nIhre Auskunft finden Sie hier: https://lethe.example/r/geändert\n\nMit <b>freundlichen</b> Grüßen"
			code, hdr, _ = g.do(t, "POST", "a", "de", emailPath, url.Values{"subject": {"Ihre Auskunft von Musterladen a"}, "body": {body}})
			if code != http.StatusSeeOther || hdr.Get("Location") != fmt.Sprintf("/app/requests/%d?done=edit", r.ID) {
				t.Fatalf("edit: %d %v", code, hdr)
			}
			got, _ := g.st.Email(ctx, r.ShopID, answer.ID)
			if got.Subject != "Ihre Auskunft von Musterladen a" || !strings.Contains(got.BodyText, "/r/geändert") || got.Status != store.EmailDraft ||
				!strings.Contains(got.BodyHTML, `<a href="https://lethe.example/r/geändert">`) || !strings.Contains(got.BodyHTML, "Mit &lt;b&gt;freundlichen&lt;/b&gt; Grüßen") {
				t.Errorf("edited e-mail: %q %q %s\n%s", got.Subject, got.BodyText, got.Status, got.BodyHTML)
			}
			evs, _ := g.st.Events(ctx, r.ShopID, r.ID)
			for _, e := range evs {
				if e.Action == "email.edited" && (strings.Contains(e.Detail, "Doe") || strings.Contains(e.Detail, "geändert")) {
					t.Errorf("the audit entry holds the edit: %q", e.Detail)
				}
			}
			text, raw = g.follow(t, "a", "de", hdr.Get("Location"))
			contains(t, "after edit", text, "Der Entwurf ist gespeichert.", "Entwurf der E-Mail „Auskunft“ bearbeitet.")
			contains(t, "after edit", raw, `value="Ihre Auskunft von Musterladen a"`)
			code, hdr, prev := g.do(t, "GET", "a", "de", emailPath+"/preview", nil)
			if code != http.StatusOK || !strings.Contains(prev, `<a href="https://lethe.example/r/geändert">`) || !strings.Contains(hdr.Get("Content-Security-Policy"), "default-src 'none'") {
				t.Errorf("preview: %d %v %s", code, hdr, prev)
			}

			code, hdr, _ = g.do(t, "POST", "a", "en", emailPath+"/send", url.Values{})
			if code != http.StatusSeeOther {
				t.Fatalf("send: %d %v", code, hdr)
			}
			got, _ = g.st.Email(ctx, r.ShopID, answer.ID)
			if got.Status != store.EmailQueued || !slices.Contains(g.enqueuedKinds(), step.Send) {
				t.Errorf("after send: %s, enqueued %v", got.Status, g.enqueuedKinds())
			}
			text, _ = g.follow(t, "a", "en", hdr.Get("Location"))
			contains(t, "after send", text, "The e-mail is queued for sending.", "Access answer Queued", "E-mail “Access answer” queued for sending.")

			// A queued e-mail is no longer edited: the reason beside it.
			code, _, page := g.do(t, "POST", "a", "de", emailPath, url.Values{"subject": {"x"}, "body": {"y"}})
			if code != http.StatusConflict {
				t.Errorf("edit of a queued e-mail: %d", code)
			}
			contains(t, "edit refused", plain(page), "Nur ein Entwurf lässt sich bearbeiten")

			// Another shop: nothing of it.
			for _, path := range []string{fmt.Sprintf("/app/requests/%d", r.ID), progress, fmt.Sprintf("/app/requests/%d/report.zip", r.ID), emailPath + "/preview"} {
				code, _, body := g.do(t, "GET", "b", "de", path, nil)
				if code != http.StatusNotFound || strings.Contains(body, "jane.doe") {
					t.Errorf("shop b, %s: %d", path, code)
				}
				contains(t, "404 page "+path, plain(body), "Das hat nicht geklappt")
			}
			code, _, _ = g.do(t, "POST", "b", "de", emailPath+"/send", url.Values{})
			if code != http.StatusNotFound {
				t.Errorf("shop b sends a's e-mail: %d", code)
			}
		})
	}
}

// An erasure request: the data found (no report: classified for the page)
// and the plan with its actions, laws and dates in both languages; the
// approval starts the erasure.
func TestPanelRequestErasurePlan(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			g := newRequestRig(t, dialect)
			r, discover := g.request(t, store.TypeErasure, time.Now())
			g.run(t, discover)
			g.run(t, g.next(t, step.Plan))

			text, raw := g.page(t, "a", "de", r.ID)
			contains(t, "plan de", text, "Löschplan", "1 löschen, 1 gesperrt aufbewahren, 0 später löschen", "Wartet auf Ihre Freigabe.",
				"Kundenkonto", "Löschen", "Keine Aufbewahrungspflicht: wird jetzt gelöscht.", "Art. 17 Abs. 1 DSGVO",
				"Rechnung", "Gesperrt aufbewahren", "Rechnung: gesetzliche Aufbewahrungspflicht; gesperrt aufbewahrt, danach gelöscht.",
				"§ 14b Abs. 1 UStG; § 147 Abs. 1 Nr. 4, Abs. 3 AO; § 257 Abs. 1 Nr. 4, Abs. 4 HGB", "31. Dezember 2033")
			contains(t, "data de", text, "Gefundene Daten", "testshop · Rechnungen", "Art. 6 Abs. 1 lit. c DSGVO", "bis 31. Dezember 2033")
			contains(t, "approve form", raw, fmt.Sprintf(`action="/app/requests/%d/approve"`, r.ID))
			text, _ = g.page(t, "a", "en", r.ID)
			contains(t, "plan en", text, "Erasure plan", "1 to erase, 1 to keep restricted, 0 to erase later", "Waiting for your approval.",
				"Erase", "No duty to keep it: erased now.", "Keep restricted", "Invoice: kept by law; kept restricted, then erased.",
				"§ 147(1) Nr. 4, (3) AO", "31 December 2033", "Art. 6(1)(c) GDPR")

			code, hdr, _ := g.do(t, "POST", "a", "de", fmt.Sprintf("/app/requests/%d/approve", r.ID), url.Values{})
			if code != http.StatusSeeOther {
				t.Fatalf("approve: %d", code)
			}
			if got, _ := g.st.Request(context.Background(), r.ShopID, r.ID); got.Status != store.StatusErasing || !slices.Contains(g.enqueuedKinds(), step.Archive) {
				t.Errorf("after approval: %s, enqueued %v", got.Status, g.enqueuedKinds())
			}
			text, raw = g.follow(t, "a", "de", hdr.Get("Location"))
			contains(t, "approved", text, "Der Löschplan ist freigegeben; die Löschung läuft.", "Freigegeben am", "Löschplan freigegeben. – Ihr Team", "Status: Wird gelöscht.")
			if strings.Contains(raw, "/approve\"") {
				t.Errorf("the approve form is still offered")
			}
			// Approving again: refused, beside the plan.
			code, _, page := g.do(t, "POST", "a", "en", fmt.Sprintf("/app/requests/%d/approve", r.ID), url.Values{})
			if code != http.StatusConflict {
				t.Errorf("second approval: %d", code)
			}
			contains(t, "second approval", plain(page), "The erasure plan is not awaiting approval")
		})
	}
}

// The actions: extend shows the new due date; refuse needs a reason (the
// error beside the form, in both languages, the input kept); a passed
// deadline cannot be extended; verify and refuse with a reason.
func TestPanelRequestActions(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			g := newRequestRig(t, dialect)
			ctx := context.Background()
			r, _ := g.request(t, store.TypeAccess, time.Now())
			base := fmt.Sprintf("/app/requests/%d", r.ID)

			// Refuse without a reason: 422, the reason beside the form.
			for lang, want := range map[string]string{"de": "Bitte geben Sie eine Begründung an", "en": "Please give a reason"} {
				code, _, page := g.do(t, "POST", "a", lang, base+"/refuse", url.Values{"ground": {"excessive"}, "reason": {"  "}})
				if code != http.StatusUnprocessableEntity {
					t.Fatalf("refuse without reason (%s): %d", lang, code)
				}
				i := strings.Index(page, `id="refuse"`)
				j := strings.Index(page[max(i, 0):], "</form>")
				if i < 0 || j < 0 || !strings.Contains(plain(page[i:i+j]), want) || !strings.Contains(page[i:i+j], `value="excessive" selected`) {
					t.Errorf("refuse form (%s) lacks its error or kept ground:\n%s", lang, page[max(i, 0):max(i, 0)+max(j, 0)])
				}
			}
			// The same through htmx (the body boosts the form): the whole page, with the error.
			code, _, page := g.do(t, "POST", "a", "en", base+"/refuse", url.Values{"ground": {"excessive"}},
				"HX-Request", "true", "HX-Boosted", "true", "HX-Target", "body")
			if code != http.StatusUnprocessableEntity || !strings.Contains(page, "<html") || !strings.Contains(plain(page), "Please give a reason") {
				t.Errorf("htmx refuse without reason: %d", code)
			}
			if got, _ := g.st.Request(ctx, r.ShopID, r.ID); got.Status != store.StatusReceived {
				t.Fatalf("refused without a reason: %s", got.Status)
			}

			// Extend: the new due date on the page.
			code, hdr, _ := g.do(t, "POST", "a", "de", base+"/extend", url.Values{"ground": {"complexity"}, "reason": {"Viele Systeme sind zu durchsuchen."}})
			if code != http.StatusSeeOther {
				t.Fatalf("extend: %d", code)
			}
			got, _ := g.st.Request(ctx, r.ShopID, r.ID)
			if got.ExtendedAt == nil {
				t.Fatal("not extended")
			}
			newDue := longDate("de", got.ExtendedDueAt.Time)
			text, raw := g.follow(t, "a", "de", hdr.Get("Location"))
			contains(t, "extended de", text, "Die Frist ist verlängert bis "+newDue+".", "Fällig am "+newDue+", verlängert (Art. 12 Abs. 3 DSGVO)",
				"Frist verlängert bis "+newDue+". – Ihr Team", "E-Mail „Fristverlängerung“ zum Versand eingereiht.")
			if strings.Contains(raw, base+`/extend"`) {
				t.Error("the extend form is still offered")
			}
			text, _ = g.page(t, "a", "en", r.ID)
			contains(t, "extended en", text, "Due on "+longDate("en", got.ExtendedDueAt.Time)+", extended (Art. 12(3) GDPR)")

			// A deadline that passed: 409 beside the form.
			old, _ := g.request(t, store.TypeAccess, time.Now().AddDate(0, -3, 0))
			code, _, page = g.do(t, "POST", "a", "de", fmt.Sprintf("/app/requests/%d/extend", old.ID), url.Values{"reason": {"zu spät"}})
			if code != http.StatusConflict {
				t.Fatalf("late extension: %d", code)
			}
			contains(t, "late extension", plain(page), "Die erste Frist ist am "+longDate("de", old.DueAt.Time)+" abgelaufen", "überfällig")
			// Issue 12: an overdue request offers no extension; the page
			// says since when and by how many days it is overdue instead.
			contains(t, "late extension", plain(page), "Die Frist ist am "+longDate("de", old.DueAt.Time)+" abgelaufen; die Anfrage ist seit ",
				"Verlängern lässt sich eine Frist nur vor ihrem Ablauf (Art. 12 Abs. 3 DSGVO).")
			if strings.Contains(page, fmt.Sprintf(`/app/requests/%d/extend"`, old.ID)) || !strings.Contains(page, `id="overdue"`) {
				t.Error("an overdue request offers the extend form")
			}

			// Verify, then refuse with a reason.
			code, hdr, _ = g.do(t, "POST", "a", "en", base+"/verify", url.Values{})
			if code != http.StatusSeeOther {
				t.Fatalf("verify: %d", code)
			}
			text, _ = g.follow(t, "a", "en", hdr.Get("Location"))
			contains(t, "verified", text, "The identity is marked verified.", "Identity verified", "The person's identity marked verified.")
			code, hdr, _ = g.do(t, "POST", "a", "de", base+"/refuse", url.Values{"ground": {"excessive"}, "reason": {"Die fünfte Anfrage in diesem Monat."}})
			if code != http.StatusSeeOther {
				t.Fatalf("refuse: %d", code)
			}
			text, raw = g.follow(t, "a", "de", hdr.Get("Location"))
			contains(t, "refused", text, "Die Anfrage ist abgelehnt.", "Status: Abgelehnt.", "Die fünfte Anfrage in diesem Monat.")
			if strings.Contains(raw, base+`/refuse"`) || strings.Contains(raw, base+`/extend"`) {
				t.Error("a refused request still offers refuse or extend")
			}

			// Nothing failed: nothing to retry, said on top (there is no retry form).
			code, _, page = g.do(t, "POST", "a", "de", base+"/retry", url.Values{})
			if code != http.StatusConflict {
				t.Errorf("retry: %d", code)
			}
			contains(t, "retry", page, `<div class="banner critical" role="alert">Kein Schritt ist fehlgeschlagen; es gibt nichts zu wiederholen.</div>`)

			// Another shop's request: 404 for every action.
			for _, a := range []string{"/verify", "/extend", "/refuse", "/approve", "/retry"} {
				if code, _, _ := g.do(t, "POST", "b", "de", base+a, url.Values{"reason": {"x"}, "ground": {"excessive"}}); code != http.StatusNotFound {
					t.Errorf("shop b %s: %d", a, code)
				}
			}
		})
	}
}

var germanMonths = []string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"}

// longDate writes a date as the page does.
func longDate(lang string, t time.Time) string {
	if lang == "de" {
		return fmt.Sprintf("%d. %s %d", t.Day(), germanMonths[t.Month()-1], t.Year())
	}
	return t.Format("2 January 2006")
}
