package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/mail/mailtest"
	"github.com/lethe-gdpr/lethe/app/testenv/browser"
	"github.com/lethe-gdpr/lethe/shopify/shopifytest"
)

// The merchant's work on requests in the embedded panel, in German and in
// English (Shopify's locale de-DE and en): the inbox filtered to the
// overdue requests, a request opened from the inbox with its data and
// report, an erasure plan approved, the answer's draft edited, previewed
// and sent (it arrives at the SMTP server with the edit), a deadline
// extended and a request refused (without a reason first). Every page is
// checked by axe-core and photographed.
//
// The shop is as a fresh install leaves it: the requests come as Shopify's
// signed webhooks or are entered through the API as a merchant enters a
// letter received weeks ago (the webhook dates receipt at its arrival, so
// an overdue request can only be one entered by hand); the real pipeline
// runs them.
func TestBrowserRequestFlows(t *testing.T) {
	s := startBrowserStack(t)
	rs := map[string]*flowRequests{}
	for i, l := range langs {
		rs[l.code] = s.seedFlows(int64(i+1), l.code)
	}
	var overdue []int64
	for _, l := range langs {
		overdue = append(overdue, rs[l.code].overdue...)
	}
	for _, l := range langs {
		f := rs[l.code]
		for _, id := range []int64{f.report, f.answer, f.refuse} {
			s.waitStatus(id, "ready")
		}
		s.waitStatus(f.erasure, "awaiting_review")
	}

	t.Run("inbox-overdue", func(t *testing.T) {
		for _, l := range langs {
			t.Run(l.code, func(t *testing.T) { s.flowInboxOverdue(t, l.code, l.locale, overdue) })
		}
	})
	t.Run("request-report", func(t *testing.T) {
		for _, l := range langs {
			t.Run(l.code, func(t *testing.T) { s.flowRequestReport(t, l.code, l.locale, rs[l.code]) })
		}
	})
	t.Run("erasure-approve", func(t *testing.T) {
		for _, l := range langs {
			t.Run(l.code, func(t *testing.T) { s.flowErasureApprove(t, l.code, l.locale, rs[l.code]) })
		}
	})
	t.Run("email-send", func(t *testing.T) {
		for _, l := range langs {
			t.Run(l.code, func(t *testing.T) { s.flowEmailSend(t, l.code, l.locale, rs[l.code]) })
		}
	})
	t.Run("extend-refuse", func(t *testing.T) {
		for _, l := range langs {
			t.Run(l.code, func(t *testing.T) { s.flowExtendRefuse(t, l.code, l.locale, rs[l.code]) })
		}
	})
}

// flowRequests are the requests one language's flows work on.
type flowRequests struct {
	report, answer, refuse int64 // Shopify's data requests, answered drafts waiting
	erasure                int64 // entered by hand, its plan waiting for approval
	extend                 int64 // entered by hand, received ten days ago
	extendEmail            string
	refuseEmail            string
	overdue                []int64
	reportName             string // the customer of report, as the report names them
	answerEmail            string // the customer of answer
	erasureName            string
}

// shopper adds a customer with two orders (one of them an invoice of
// 2024) to the emulator's shop and answers their id and e-mail.
func (s *stack) shopper(first, last, email, locale string) int64 {
	addr := shopifytest.Address{FirstName: first, LastName: last, Address1: "Lindwurmstr. 5", City: "München", Zip: "80337", Country: "Germany", CountryCode: "DE"}
	id := s.emu.AddCustomer(s.domain, shopifytest.Customer{FirstName: first, LastName: last, Email: email, Locale: locale,
		Addresses: []shopifytest.Address{addr}, CreatedAt: time.Date(2023, 2, 1, 10, 0, 0, 0, time.UTC)})
	for _, at := range []time.Time{time.Date(2024, 5, 3, 10, 0, 0, 0, time.UTC), time.Date(2025, 9, 12, 15, 0, 0, 0, time.UTC)} {
		s.emu.AddOrder(s.domain, shopifytest.Order{CustomerID: id, Email: email, CreatedAt: at, BillingAddress: &addr, ShippingAddress: &addr,
			PaymentGateways: []string{"paypal"}, LineItems: []shopifytest.LineItem{{Title: "Sessel Leder", Quantity: 1, SKU: "SE-1", UnitPrice: "649.00"}},
			TaxLines: []shopifytest.TaxLine{{Title: "MwSt", Rate: 0.19, Price: "103.62"}}})
	}
	return id
}

// webhookRequest sends Shopify's customers/data_request for the customer
// and answers the request it created.
func (s *stack) webhookRequest(id int64, email string) int64 {
	s.t.Helper()
	before := map[int64]bool{}
	for _, r := range s.requests() {
		before[r.ID] = true
	}
	p := shopifytest.DataRequest(1, s.domain, shopifytest.WebhookCustomer{ID: id, Email: email}, nil, time.Now().UnixNano())
	resp, err := shopifytest.SendWebhook(context.Background(), s.base+"/webhooks/shopify", "customers/data_request", s.domain, p, s.app.ClientSecret)
	if err != nil || resp.StatusCode != 200 {
		s.t.Fatalf("webhook: %v %v", resp, err)
	}
	resp.Body.Close()
	for _, r := range s.requests() {
		if !before[r.ID] {
			return r.ID
		}
	}
	s.t.Fatal("the webhook created no request")
	return 0
}

// enter enters a request the merchant received outside Shopify, received
// days ago, through POST /api/requests.
func (s *stack) enter(typ, email, name, channel, locale string, daysAgo int) int64 {
	s.t.Helper()
	body, _ := json.Marshal(map[string]any{"type": typ, "email": email, "name": name, "channel": channel, "locale": locale,
		"received_at": time.Now().In(berlin(s.t)).AddDate(0, 0, -daysAgo).Format(time.DateOnly)})
	var out struct{ ID int64 }
	if code := s.api("POST", "/api/requests", string(body), &out); code != http.StatusCreated {
		s.t.Fatalf("POST /api/requests: %d", code)
	}
	return out.ID
}

// seedFlows makes the requests of one language's flows; n keeps the
// customers of the languages apart.
func (s *stack) seedFlows(n int64, lang string) *flowRequests {
	f := &flowRequests{}
	mail := func(who string) string { return fmt.Sprintf("%s.%s%d@example.de", who, lang, n) }
	f.reportName = map[string]string{"de": "Greta Vogel", "en": "Grace Bird"}[lang]
	first, last, _ := strings.Cut(f.reportName, " ")
	f.report = s.webhookRequest(s.shopper(first, last, mail("report"), lang), mail("report"))
	f.answerEmail = mail("answer")
	f.answer = s.webhookRequest(s.shopper("Anton", fmt.Sprint("Kunde", n), f.answerEmail, lang), f.answerEmail)
	f.refuseEmail = mail("refuse")
	f.refuse = s.webhookRequest(s.shopper("Rolf", fmt.Sprint("Kunde", n), f.refuseEmail, lang), f.refuseEmail)
	f.erasureName = map[string]string{"de": "Erwin Lösch", "en": "Eric Wipe"}[lang]
	first, last, _ = strings.Cut(f.erasureName, " ")
	s.shopper(first, last, mail("erasure"), lang)
	f.erasure = s.enter("erasure", mail("erasure"), f.erasureName, "e-mail", lang, 2)
	f.extendEmail = mail("extend")
	f.extend = s.enter("access", f.extendEmail, "Emma Frist", "e-mail", lang, 10)
	f.overdue = []int64{
		s.enter("access", mail("letter"), "Olga Brief", "letter", lang, 40),
		s.enter("access", mail("late"), "Otto Spät", "e-mail", lang, 45),
	}
	return f
}

// requestLink is the selector of the inbox's link to request id (its
// href carries the embedded query after the path).
func requestLink(id int64) string {
	return fmt.Sprintf(`#inbox-list a[href="/app/requests/%d"], #inbox-list a[href^="/app/requests/%d?"]`, id, id)
}

// 1. The inbox shows the overdue count; ticking "overdue only" updates
// the list by htmx (same document, the address pushed) to exactly the
// overdue requests, each marked overdue.
func (s *browserStack) flowInboxOverdue(t *testing.T, lang, locale string, overdue []int64) {
	p := s.embeddedPage(t, browser.Options{})
	p.Open(s.embeddedURL("/app", locale), "#inbox-list")
	if got := p.Text(".stat.overdue .n"); got != fmt.Sprint(len(overdue)) {
		t.Errorf("the overdue count shows %q, want %d", got, len(overdue))
	}
	if got := p.Text("label[for=f-overdue]"); got != map[string]string{"de": "Nur überfällige", "en": "Overdue only"}[lang] {
		t.Logf("the overdue filter is labelled %q", got)
	}
	all := listedIDs(p)
	if len(all) <= len(overdue) {
		t.Fatalf("the inbox lists %v: the flow needs more than the overdue ones", all)
	}
	checkTexts(t, p)
	p.Screenshot(lang + "-all")
	browser.Eval[bool](p, `window.__sameDocument = true`)
	p.ClickTo("#f-overdue", "#inbox-list")
	got := listedIDs(p)
	want := slices.Clone(overdue)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("filtered to the overdue ones the inbox lists %v, want %v", got, want)
	}
	marks := browser.Eval[int](p, `document.querySelectorAll('#inbox-list tbody tr .mark.late').length`)
	if marks != len(overdue) {
		t.Errorf("%d rows marked overdue, want %d", marks, len(overdue))
	}
	if !browser.Eval[bool](p, `window.__sameDocument === true`) {
		t.Error("the filter reloaded the page instead of an htmx update")
	}
	if loc := p.Location(); !strings.Contains(loc, "overdue=true") {
		t.Errorf("the filtered inbox's address %q does not keep the filter", loc)
	}
	p.WaitText("#inbox-list", map[string]string{"de": "Überfällig", "en": "Overdue"}[lang])
	p.Screenshot(lang)
	checkTexts(t, p)
	p.Axe()
}

// listedIDs are the request ids the inbox's list shows.
func listedIDs(p *browser.Page) []int64 {
	return browser.Eval[[]int64](p, `[...document.querySelectorAll('#inbox-list tbody th a')].map(a => Number(new URL(a.href).pathname.split('/').pop()))`)
}

// 2. A request opened from the inbox shows the data found in Shopify; the
// report opens beside the panel, naming the customer, in the page's
// language.
func (s *browserStack) flowRequestReport(t *testing.T, lang, locale string, f *flowRequests) {
	p := s.embeddedPage(t, browser.Options{})
	p.Open(s.embeddedURL("/app", locale), "#inbox-list")
	p.ClickTo(requestLink(f.report), "main h1")
	h1 := map[string]string{"de": "Anfrage Nr. %d: Auskunft", "en": "Request no. %d: Access"}[lang]
	p.WaitText("main h1", fmt.Sprintf(h1, f.report))
	data := p.Text("section[aria-labelledby=h-data]")
	for _, want := range map[string][]string{"de": {"Gefundene Daten", "Shopify"}, "en": {"Data found", "Shopify"}}[lang] {
		if !strings.Contains(data, want) {
			t.Errorf("the data found lacks %q:\n%s", want, data)
		}
	}
	p.Screenshot(lang)
	checkTexts(t, p)
	p.Axe()

	tab := p.ClickNewTab(`a[href*="/report.html"]`, "h1")
	if got := tab.Attr("html", "lang"); got != lang {
		t.Errorf("the report's language is %q, want %q", got, lang)
	}
	body := tab.Text("body")
	// One language, and citations in its style: no English note of the
	// rules core in a German answer ("no retention duty", "8 years from …"),
	// no "Art. 6(1)(c)" where German writes "Art. 6 Abs. 1 lit. c".
	if lang == "de" {
		for _, line := range strings.Split(body, "\n") {
			if regexp.MustCompile(`\b(years|retention|duty|GDPR|with)\b|\(\d+\)|§\d`).MatchString(line) {
				t.Errorf("the German report has an English or English-cited line: %q", line)
			}
		}
	}
	for _, want := range []string{f.reportName, "Möbel Müller"} {
		if !strings.Contains(body, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	tab.ScreenshotView(lang + "-report")
	checkTexts(t, tab)
	tab.Axe()
}

// 3. An erasure entered by hand waits with its plan: the merchant reads
// it, approves it (confirming the dialog) and sees the erasure run, then
// the request completed.
func (s *browserStack) flowErasureApprove(t *testing.T, lang, locale string, f *flowRequests) {
	p := s.embeddedPage(t, browser.Options{})
	dialogs := p.AcceptDialogs()
	path := fmt.Sprintf("/app/requests/%d", f.erasure)
	p.Open(s.embeddedURL(path, locale), "#h-plan")
	plan := p.Text("section[aria-labelledby=h-plan]")
	for _, want := range map[string][]string{
		"de": {"Löschplan", "Wartet auf Ihre Freigabe.", "Löschen", "Gesperrt aufbewahren"},
		"en": {"Erasure plan", "Waiting for your approval.", "Erase", "Keep restricted"},
	}[lang] {
		if !strings.Contains(plan, want) {
			t.Errorf("the plan lacks %q:\n%s", want, plan)
		}
	}
	p.Screenshot(lang)
	checkTexts(t, p)
	p.Axe()

	p.ClickTo(`form[action$="/approve"] button[type=submit]`, ".banner.success")
	p.WaitText(".banner.success", map[string]string{"de": "Der Löschplan ist freigegeben", "en": "The erasure plan is approved"}[lang])
	if got := dialogs.Messages(); len(got) != 1 || !strings.Contains(got[0], map[string]string{"de": "nicht rückgängig", "en": "cannot be undone"}[lang]) {
		t.Errorf("approving asked %q", got)
	}
	if n := browser.Eval[int](p, `document.querySelectorAll('form[action$="/approve"]').length`); n != 0 {
		t.Error("the approve button is still there")
	}
	status := p.Text("section[aria-labelledby=h-overview] dl")
	if strings.Contains(status, map[string]string{"de": "Prüfung", "en": "review"}[lang]) {
		t.Errorf("after the approval the status is still the review:\n%s", status)
	}
	p.Screenshot(lang + "-approved")

	waitStatusT(t, s.stack, f.erasure, "completed")
	p.Open(s.embeddedURL(path, locale), "#h-plan")
	p.WaitText("section[aria-labelledby=h-overview]", map[string]string{"de": "Abgeschlossen", "en": "Completed"}[lang])
	p.WaitText("section[aria-labelledby=h-plan]", map[string]string{"de": "Freigegeben am", "en": "Approved on"}[lang])
	// Erased: the page says so, rather than "no data found", and points to
	// the confirmation's draft instead of an empty actions box.
	p.WaitText("section[aria-labelledby=h-data]", map[string]string{"de": "Die gefundenen Daten sind gelöscht", "en": "The data found are erased"}[lang])
	p.WaitText("section[aria-labelledby=h-overview]", map[string]string{"de": "Die Angaben zur Person sind gelöscht.", "en": "The details of the person are erased."}[lang])
	p.WaitText("section[aria-labelledby=h-actions]", map[string]string{"de": "die Entwürfe senden Sie bei den E-Mails", "en": "send the drafts under E-mails"}[lang])
	if strings.Contains(p.Text("section[aria-labelledby=h-actions]"), map[string]string{"de": "Antwortpaket", "en": "Answer package"}[lang]) {
		t.Error("a completed erasure offers an answer package")
	}
	p.Screenshot(lang + "-completed")
	checkTexts(t, p)
	p.Axe()
}

// 4. The access answer's draft: a sentence added, saved, previewed as text
// and as the HTML e-mail, sent (confirming the dialog) — and it arrives at
// the SMTP server with the sentence.
func (s *browserStack) flowEmailSend(t *testing.T, lang, locale string, f *flowRequests) {
	p := s.embeddedPage(t, browser.Options{})
	dialogs := p.AcceptDialogs()
	path := fmt.Sprintf("/app/requests/%d", f.answer)
	p.Open(s.embeddedURL(path, locale), "#h-emails")
	body := `form[action*="/emails/"] textarea[name=body]`
	id := strings.TrimSuffix(strings.TrimPrefix(p.Attr(body, "id"), "email-"), "-body")
	if id == "" {
		t.Fatalf("no editable draft on the page:\n%s", p.Text("section[aria-labelledby=h-emails]"))
	}
	added := map[string]string{"de": "Bei Rückfragen erreichen Sie Frau Berg unter 089 123456.", "en": "If you have questions, Ms Berg answers on 089 123456."}[lang]
	p.Type(body, "\n\n"+added)
	p.ClickTo(fmt.Sprintf(`form[action$="/emails/%s"] button[type=submit]`, id), ".banner.success")
	p.WaitText(".banner.success", map[string]string{"de": "Der Entwurf ist gespeichert.", "en": "The draft is saved."}[lang])
	if got := browser.Eval[string](p, fmt.Sprintf(`document.getElementById("email-%s-body").value`, id)); !strings.Contains(got, added) {
		t.Errorf("the saved draft lacks the sentence:\n%s", got)
	}
	article := fmt.Sprintf(`article[aria-labelledby="email-%s-h"]`, id)
	p.Click(article + " details summary")
	p.WaitVisible(article + " .preview")
	if got := p.Text(article + " .preview"); !strings.Contains(got, added) {
		t.Errorf("the preview lacks the sentence:\n%s", got)
	}
	p.Screenshot(lang)
	checkTexts(t, p)
	p.Axe()

	tab := p.ClickNewTab(article+` a[href$="/preview"]`, "body")
	if got := tab.Text("body"); !strings.Contains(got, added) {
		t.Errorf("the HTML e-mail's preview lacks the sentence:\n%s", got)
	}
	tab.Screenshot(lang + "-preview")
	checkTexts(t, tab)
	tab.Axe()

	p.ClickTo(fmt.Sprintf(`form[action$="/emails/%s/send"] button[type=submit]`, id), ".banner.success")
	p.WaitText(".banner.success", map[string]string{"de": "Die E-Mail ist zum Versand eingereiht.", "en": "The e-mail is queued for sending."}[lang])
	if got := dialogs.Messages(); len(got) != 1 || got[0] != map[string]string{"de": "Diese E-Mail jetzt senden?", "en": "Send this e-mail now?"}[lang] {
		t.Errorf("sending asked %q", got)
	}
	m := waitMailTo(t, s.smtp, f.answerEmail, added)
	if !strings.Contains(m.Text, "/r/") {
		t.Errorf("the answer that arrived has no link to the report:\n%s", m.Text)
	}
	// The page shows it sent once the worker has sent it.
	waitStatusT(t, s.stack, f.answer, "answered")
	p.Open(s.embeddedURL(path, locale), "#h-emails")
	p.WaitText(article, map[string]string{"de": "Gesendet", "en": "Sent"}[lang])
	p.Screenshot(lang + "-sent")
}

// 5. A deadline extended with a ground and a reason shows the new due
// date; a refusal without a reason is refused in the page's language, with
// one it ends the request.
func (s *browserStack) flowExtendRefuse(t *testing.T, lang, locale string, f *flowRequests) {
	p := s.embeddedPage(t, browser.Options{})
	dialogs := p.AcceptDialogs()
	var before apiRequest
	var ext struct {
		ExtendedDueAt string `json:"extended_due_at"`
	}
	getJSON(t, s.stack, fmt.Sprintf("/api/requests/%d", f.extend), &before)
	getJSON(t, s.stack, fmt.Sprintf("/api/requests/%d", f.extend), &ext)
	newDue := panelDate(t, lang, ext.ExtendedDueAt)
	p.Open(s.embeddedURL(fmt.Sprintf("/app/requests/%d", f.extend), locale), "#extend")
	if due := p.Text("#due"); !strings.Contains(due, panelDate(t, lang, before.DueAt)) {
		t.Errorf("the due date shows %q, want %s", due, before.DueAt)
	}
	p.Select("#extend-ground", "complexity")
	extendReason := map[string]string{"de": "Die Bestellungen liegen in zwei Lagern; wir brauchen die Belege aus beiden.",
		"en": "The orders are in two warehouses; we need the records of both."}[lang]
	p.Fill("#extend-reason", extendReason)
	p.ClickTo("#extend button[type=submit]", ".banner.success")
	p.WaitText(".banner.success", map[string]string{"de": "Die Frist ist verlängert bis " + newDue, "en": "The deadline is extended to " + newDue}[lang])
	due := p.Text("#due")
	if !strings.Contains(due, newDue) || !strings.Contains(due, map[string]string{"de": "verlängert", "en": "extended"}[lang]) {
		t.Errorf("the due date shows %q, want %s, extended", due, newDue)
	}
	if n := browser.Eval[int](p, `document.querySelectorAll('#extend').length`); n != 0 {
		t.Error("the extend form is still offered after the extension")
	}
	// The person is told, with the reasons (Art. 12 Abs. 3 Satz 2 DSGVO).
	if m := waitMailTo(t, s.smtp, f.extendEmail, extendReason); !strings.Contains(m.Text, newDue) {
		t.Errorf("the extension notice does not name the new date %s:\n%s", newDue, m.Text)
	}
	p.Screenshot(lang + "-extended")
	checkTexts(t, p)
	p.Axe()

	// On a phone the refusal form is far down the page: after the failed
	// try the error is where the merchant looks, not scrolled away.
	phone := s.embeddedPage(t, browser.Options{Phone: true})
	phone.AcceptDialogs()
	phone.Open(s.embeddedURL(fmt.Sprintf("/app/requests/%d", f.refuse), locale), "#refuse")
	phone.ClickTo("#refuse button[type=submit]", "#refuse-error")
	if !inView(phone, "#refuse-error") {
		t.Errorf("on a phone the refusal's error is out of sight (scrolled to %v): %s", browser.Eval[float64](phone, `window.scrollY`),
			browser.Eval[string](phone, `JSON.stringify([document.querySelector('#refuse-error').getBoundingClientRect(), document.querySelector('#refuse-reason').getBoundingClientRect(), window.innerHeight])`))
	}
	if got := browser.Eval[string](phone, `document.activeElement ? document.activeElement.id : ""`); got != "refuse-reason" {
		t.Errorf("after the failed refusal the focus is on %q, want the reason's field", got)
	}
	phone.NoHorizontalScroll()
	phone.Screenshot(lang + "-refuse-error-phone")

	p.Open(s.embeddedURL(fmt.Sprintf("/app/requests/%d", f.refuse), locale), "#refuse")
	p.ClickTo("#refuse button[type=submit]", "#refuse-error")
	if got := p.Text("#refuse-error"); got != map[string]string{"de": "Bitte geben Sie eine Begründung an (höchstens 2.000 Zeichen).", "en": "Please give a reason (at most 2,000 characters)."}[lang] {
		t.Errorf("a refusal without a reason says %q", got)
	}
	if loc := p.Location(); strings.Contains(loc, "/refuse") {
		t.Errorf("after the failed refusal the address is the form's %q (a reload would not find it)", loc)
	}
	if got := p.Attr("#refuse-reason", "aria-invalid"); got != "true" {
		t.Errorf("the reason's field is not marked invalid (aria-invalid %q)", got)
	}
	if got := p.Attr("#refuse-reason", "aria-describedby"); !strings.Contains(got, "refuse-error") {
		t.Errorf("the reason's field is not described by the error (aria-describedby %q)", got)
	}
	if got := p.Attr("html", "lang"); got != lang {
		t.Errorf("the page with the error is in %q", got)
	}
	p.Screenshot(lang + "-refuse-error")
	checkTexts(t, p)
	p.Axe()

	p.Select("#refuse-ground", "excessive")
	refuseReason := map[string]string{"de": "Sie haben dieselbe Auskunft in diesem Monat bereits dreimal erhalten.",
		"en": "You have received the same answer three times this month."}[lang]
	p.Fill("#refuse-reason", refuseReason)
	p.ClickTo("#refuse button[type=submit]", ".banner.success")
	p.WaitText(".banner.success", map[string]string{"de": "Die Anfrage ist abgelehnt.", "en": "The request is refused."}[lang])
	p.WaitText("section[aria-labelledby=h-overview]", map[string]string{"de": "Abgelehnt", "en": "Refused"}[lang])
	if got := dialogs.Messages(); len(got) != 2 {
		t.Errorf("the two refusals asked %q", got)
	}
	if n := browser.Eval[int](p, `document.querySelectorAll('#refuse').length`); n != 0 {
		t.Error("a refused request still offers the refusal")
	}
	// The person receives the reasons and their rights (Art. 12 Abs. 5 DSGVO).
	if m := waitMailTo(t, s.smtp, f.refuseEmail, refuseReason); !strings.Contains(m.Text, "Bayerisches Landesamt für Datenschutzaufsicht") {
		t.Errorf("the refusal does not name the supervisory authority:\n%s", m.Text)
	}
	p.Screenshot(lang + "-refused")
	checkTexts(t, p)
	p.Axe()
}

// panelDate writes a date of the API (YYYY-MM-DD) the panel's way.
func panelDate(t *testing.T, lang, d string) string {
	t.Helper()
	at, err := time.Parse(time.DateOnly, d[:min(len(d), 10)])
	if err != nil {
		t.Fatalf("date %q: %v", d, err)
	}
	if lang == "de" {
		months := []string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"}
		return fmt.Sprintf("%d. %s %d", at.Day(), months[at.Month()-1], at.Year())
	}
	return at.Format("2 January 2006")
}

// getJSON reads the API for a subtest (s.api fails the stack's test).
func getJSON(t *testing.T, s *stack, path string, out any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, s.base+path, nil)
	req.Header.Set("Authorization", "Bearer "+s.token(s.domain))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, resp.StatusCode, b)
	}
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
}

// waitStatusT is waitStatus for a subtest.
func waitStatusT(t *testing.T, s *stack, id int64, status string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	var r apiRequest
	for time.Now().Before(deadline) {
		getJSON(t, s, fmt.Sprintf("/api/requests/%d", id), &r)
		if r.Status == status {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("request %d is %q (failure %q), want %q", id, r.Status, r.Failure, status)
}

// waitMailTo waits for a message to to whose text holds text.
func waitMailTo(t *testing.T, smtp *mailtest.Server, to, text string) mailtest.Message {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		for _, m := range smtp.Messages() {
			if slices.Contains(m.EnvelopeTo, to) && strings.Contains(m.Text, text) {
				return m
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	var got []string
	for _, m := range smtp.Messages() {
		got = append(got, fmt.Sprintf("%v %q", m.EnvelopeTo, m.Subject))
	}
	t.Fatalf("no e-mail to %s with %q arrived; the server has %v", to, text, got)
	return mailtest.Message{}
}

// checkTexts fails on a text the panel's catalog lacks: T writes a missing
// key as "[inbox.channel.shopify]".
func checkTexts(t *testing.T, p *browser.Page) {
	t.Helper()
	if keys := browser.Eval[[]string](p, `document.body.innerText.match(/\[[a-z]+(\.[a-z0-9_:-]+)+\]/g) || []`); len(keys) > 0 {
		t.Errorf("the page shows texts missing from the catalog: %v", keys)
	}
}

// inView reports whether the element matching selector lies wholly inside
// the viewport.
func inView(p *browser.Page, selector string) bool {
	return browser.Eval[bool](p, fmt.Sprintf(`(() => { const r = document.querySelector(%q).getBoundingClientRect();
		return r.top >= -1 && r.bottom <= window.innerHeight + 1; })()`, selector))
}
