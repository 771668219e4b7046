package server_test

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/testenv"
)

// inboxFixture: seven requests of shop A on Tuesday 10 November 2026,
// 11:00 in Berlin (the shop's zone), two of shop B.
type inboxFixture struct {
	*panelRig
	r1, r2, r3, r4, r5, r6, r7 *store.Request
}

func newInboxFixture(t *testing.T, dialect string) *inboxFixture {
	t.Helper()
	g := newPanelRig(t, dialect)
	at := func(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, time.UTC) }
	day := func(m time.Month, d int) store.Day { return store.DayOf(2026, m, d) }
	f := &inboxFixture{panelRig: g}
	f.r1 = g.add(t, g.a, store.Request{Type: "access", Status: "received", Source: "shopify", ReceivedAt: at(10, 1, 9),
		DueAt: day(11, 1), Subject: store.Subject{Email: "anna.overdue@example.com"}}, nil) // 9 days overdue
	f.r2 = g.add(t, g.a, store.Request{Type: "erasure", Status: "processing", Source: "manual", Channel: "letter", ReceivedAt: at(10, 12, 8),
		DueAt: day(11, 12), Subject: store.Subject{Email: "bert.soon@example.com", Name: "Bert Brief"}}, nil) // 2 days left
	f.r3 = g.add(t, g.a, store.Request{Type: "access", Status: "answered", Source: "shopify", ReceivedAt: at(10, 5, 8),
		DueAt: day(11, 5), Subject: store.Subject{Email: "carla@example.com"}}, map[string]any{"answered_at": at(10, 9, 15)}) // 4 days
	f.r4 = g.add(t, g.a, store.Request{Type: "erasure", Status: "completed", Source: "form", ReceivedAt: at(10, 10, 8),
		DueAt: day(11, 10), Subject: store.Subject{Email: "dora@example.com"}}, map[string]any{"completed_at": at(10, 20, 8)}) // 10 days
	f.r5 = g.add(t, g.a, store.Request{Type: "access", Status: "failed", Source: "manual", Channel: "phone", ReceivedAt: at(11, 9, 9),
		DueAt: day(12, 10), Subject: store.Subject{Email: "emil@example.com"}}, nil) // 30 days left
	f.r6 = g.add(t, g.a, store.Request{Type: "access", Status: "received", Source: "shopify", ReceivedAt: at(10, 10, 7),
		DueAt: day(11, 10), Subject: store.Subject{CustomerID: "gid://shopify/Customer/77"}}, nil) // due today
	// Extended: due 5 Nov, extended to 24 Nov, so not overdue.
	f.r7 = g.add(t, g.a, store.Request{Type: "erasure", Status: "received", Source: "shopify", ReceivedAt: at(10, 5, 7),
		DueAt: day(11, 5), ExtendedDueAt: day(11, 24), Subject: store.Subject{Email: "fritz@example.com"}},
		map[string]any{"extended_at": at(11, 1, 9)})
	g.add(t, g.b, store.Request{Type: "access", Status: "received", Source: "shopify", ReceivedAt: at(10, 1, 9),
		DueAt: day(10, 31), Subject: store.Subject{Email: "other.shop@example.com"}}, nil)
	g.add(t, g.b, store.Request{Type: "erasure", Status: "received", Source: "manual", Channel: "e-mail", ReceivedAt: at(10, 18, 9),
		DueAt: day(11, 18), Subject: store.Subject{Email: "other.week@example.com"}}, nil) // would be in shop A's second week
	return f
}

var rowLink = regexp.MustCompile(`<th scope="row"><a href="/app/requests/(\d+)">`)

// inboxIDs are the ids of the inbox's rows, in order.
func inboxIDs(body string) []int64 {
	var out []int64
	for _, m := range rowLink.FindAllStringSubmatch(body, -1) {
		id, _ := strconv.ParseInt(m[1], 10, 64)
		out = append(out, id)
	}
	return out
}

// row is the HTML of request r's row.
func row(t *testing.T, body string, r *store.Request) string {
	t.Helper()
	i := strings.Index(body, fmt.Sprintf(`<a href="/app/requests/%d">`, r.ID))
	if i < 0 {
		t.Fatalf("request %d not listed", r.ID)
	}
	start := strings.LastIndex(body[:i], "<tr")
	end := strings.Index(body[i:], "</tr>")
	return body[start : i+end]
}

func TestPanelInboxListsInBothLanguages(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			f := newInboxFixture(t, dialect)
			de := f.page(t, "de", "/app")
			for _, want := range []string{`<html lang="de">`, "<h1>Anfragen</h1>", "Neue Anfrage erfassen", "Fälligkeiten der nächsten Wochen",
				`<label for="f-status">Status</label>`, `<label for="f-type">Art</label>`, `<label for="f-source">Quelle</label>`,
				`<label for="f-overdue">Nur überfällige</label>`, `<label for="f-sort">Sortierung</label>`,
				"<caption>Anfragen, dringendste zuerst</caption>", `<th scope="col">Fällig am</th>`, `<th scope="col">Frist</th>`,
				`role="search" aria-label="Anfragen filtern"`, `id="inbox-list"`} {
				if !strings.Contains(de, want) {
					t.Errorf("German inbox lacks %q", want)
				}
			}
			en := f.page(t, "en", "/app/requests")
			for _, want := range []string{`<html lang="en">`, "<h1>Requests</h1>", "Enter a new request", "Due in the coming weeks",
				`<label for="f-overdue">Overdue only</label>`, "<caption>Requests, most urgent first</caption>",
				`<th scope="col">Time left</th>`, "Shopify (webhook)", "Manual · Letter", "Manual · Phone"} {
				if !strings.Contains(en, want) {
					t.Errorf("English inbox lacks %q", want)
				}
			}

			// Open requests, most urgent first (r7's extended date counts);
			// closed ones and shop B's are not listed.
			if got, want := inboxIDs(de), idsOf(f.r1, f.r6, f.r2, f.r7, f.r5); !slices.Equal(got, want) {
				t.Errorf("default list %v, want %v", got, want)
			}
			// The subject is masked: no full address, no other shop's.
			for _, s := range []string{"anna.overdue@example.com", "bert.soon", "Bert Brief", "example.com", "other.shop", "Customer/77"} {
				if strings.Contains(de, s) {
					t.Errorf("the inbox shows %q", s)
				}
			}
			if !strings.Contains(row(t, de, f.r1), `<td class="subject"><span class="nowrap">a•••@</span><wbr><span class="nowrap">e•••.com</span></td>`) {
				t.Errorf("r1's masked subject: %s", row(t, de, f.r1))
			}
			// Overdue and due soon stand out, by class and in words.
			for _, c := range []struct {
				r          *store.Request
				class, say string
			}{
				{f.r1, "overdue", "Überfällig:</strong> seit 9 Tagen"},
				{f.r6, "soon", "Bald fällig:</strong> heute fällig"},
				{f.r2, "soon", "Bald fällig:</strong> noch 2 Tage"},
				{f.r7, "", "noch 14 Tage"},
				{f.r5, "", "noch 30 Tage"},
			} {
				tr := row(t, de, c.r)
				if (c.class == "") != strings.HasPrefix(tr, "<tr>") || c.class != "" && !strings.HasPrefix(tr, `<tr class="`+c.class+`">`) || !strings.Contains(tr, c.say) {
					t.Errorf("request %d: want class %q and %q in\n%s", c.r.ID, c.class, c.say, tr)
				}
			}
			r7 := row(t, de, f.r7)
			if !strings.Contains(r7, "24. November 2026") || !strings.Contains(r7, "(verlängert)") || !strings.Contains(r7, "5. Oktober 2026") {
				t.Errorf("r7: effective due date, extension and receipt: %s", r7)
			}
			if tr := row(t, en, f.r1); !strings.Contains(tr, "Overdue:</strong> by 9 days") || !strings.Contains(tr, "1 November 2026") ||
				!strings.Contains(tr, `<span class="badge">Received</span>`) {
				t.Errorf("English r1: %s", tr)
			}
			if tr := row(t, de, f.r5); !strings.Contains(tr, `<span class="badge critical">Fehlgeschlagen</span>`) {
				t.Errorf("r5's status badge: %s", tr)
			}
		})
	}
}

func TestPanelInboxCountsAndChart(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			f := newInboxFixture(t, dialect)
			de := f.page(t, "de", "/app")
			// Open: r1 r2 r5 r6 r7; this week (Tue 10 – Sun 15 Nov): r6 r2;
			// overdue: r1; median of 4 and 10 days: 7.
			for _, want := range []string{
				`<dt class="muted">Offen</dt><dd class="n">5</dd>`,
				`<dt class="muted">Diese Woche fällig</dt><dd class="n">2</dd>`,
				`<dt class="muted">Überfällig</dt><dd class="n">1</dd>`,
				`<dt class="muted">Median bis zur Antwort</dt><dd class="n">7 Tage</dd>`,
			} {
				if !strings.Contains(de, want) {
					t.Errorf("counts lack %q", want)
				}
			}
			// The chart's text: overdue 1; the weeks from today 2, 0, 1 (r7,
			// 24 Nov), 0, 1 (r5, 10 Dec), 0.
			for _, want := range []string{
				`<tr><th scope="row">Überfällig</th><td>1</td></tr>`,
				`<tr><th scope="row">10. November 2026 – 15. November 2026</th><td>2</td></tr>`,
				`<tr><th scope="row">16. November 2026 – 22. November 2026</th><td>0</td></tr>`,
				`<tr><th scope="row">23. November 2026 – 29. November 2026</th><td>1</td></tr>`,
				`<tr><th scope="row">30. November 2026 – 6. Dezember 2026</th><td>0</td></tr>`,
				`<tr><th scope="row">7. Dezember 2026 – 13. Dezember 2026</th><td>1</td></tr>`,
				`<tr><th scope="row">14. Dezember 2026 – 20. Dezember 2026</th><td>0</td></tr>`,
				`<caption>Offene Anfragen nach Fälligkeit: überfällige und je Woche</caption>`,
			} {
				if !strings.Contains(de, want) {
					t.Errorf("chart table lacks %q", want)
				}
			}
			// The bars: heights in tenths of the highest (2).
			bars := regexp.MustCompile(`<span class="fill (h\d+)[^"]*"></span>`).FindAllStringSubmatch(de, -1)
			var steps []string
			for _, b := range bars {
				steps = append(steps, b[1])
			}
			if want := []string{"h5", "h10", "h0", "h5", "h0", "h5", "h0"}; !slices.Equal(steps, want) {
				t.Errorf("bars %v, want %v", steps, want)
			}
			if !strings.Contains(de, `<div class="chart" aria-hidden="true">`) || !strings.Contains(de, "ab 16.11.") {
				t.Error("the chart is not hidden from screen readers behind its table, or lacks its week labels")
			}
			en := f.page(t, "en", "/app")
			if !strings.Contains(en, `<dt class="muted">Median time to answer</dt><dd class="n">7 days</dd>`) ||
				!strings.Contains(en, `<tr><th scope="row">23 November 2026 – 29 November 2026</th><td>1</td></tr>`) {
				t.Error("English counts or chart")
			}
			// No inline style anywhere (the CSP forbids it).
			if strings.Contains(de, "style=") {
				t.Error("inline style attribute")
			}
		})
	}
}

func TestPanelInboxFiltersSortAndPages(t *testing.T) {
	for _, dialect := range testenv.Dialects {
		t.Run(dialect, func(t *testing.T) {
			f := newInboxFixture(t, dialect)
			r1, r2, r3, r4, r5, r6, r7 := f.r1, f.r2, f.r3, f.r4, f.r5, f.r6, f.r7
			for _, c := range []struct {
				query string
				want  []*store.Request
			}{
				{"/app/requests?overdue=true", []*store.Request{r1}},
				{"/app/requests?status=all&overdue=true", []*store.Request{r1}},
				{"/app/requests?status=all", []*store.Request{r1, r3, r4, r6, r2, r7, r5}},
				{"/app/requests?status=all&sort=-received", []*store.Request{r5, r2, r4, r6, r3, r7, r1}},
				{"/app/requests?sort=-received", []*store.Request{r5, r2, r6, r7, r1}},
				{"/app/requests?status=received", []*store.Request{r1, r6, r7}},
				{"/app/requests?type=erasure&status=all", []*store.Request{r4, r2, r7}},
				{"/app/requests?source=manual", []*store.Request{r2, r5}},
				{"/app/requests?source=form&status=all", []*store.Request{r4}},
				{"/app/requests?status=answered", []*store.Request{r3}},
			} {
				body := f.page(t, "de", c.query)
				if got, want := inboxIDs(body), idsOf(c.want...); !slices.Equal(got, want) {
					t.Errorf("%s: %v, want %v", c.query, got, want)
				}
			}
			// The form shows the filters it applied; an empty result says so.
			body := f.page(t, "de", "/app/requests?status=all&sort=-received&overdue=true&type=erasure")
			for _, want := range []string{`<option value="all" selected>`, `<option value="-received" selected>`, `value="true" checked`,
				`<option value="erasure" selected>`, "Keine Anfrage passt zu diesen Filtern.", "<caption>Anfragen, neueste zuerst</caption>",
				`<a href="/app/requests">Filter zurücksetzen</a>`} {
				if !strings.Contains(body, want) {
					t.Errorf("filtered page lacks %q", want)
				}
			}
			if status, _, _ := f.do(t, f.a, http.MethodGet, "/app/requests?status=bogus", nil); status != http.StatusBadRequest {
				t.Errorf("unknown status: %d", status)
			}
		})
	}
}

func TestPanelInboxPagesWithCursor(t *testing.T) {
	g := newPanelRig(t, store.SQLite)
	var want []int64
	for i := range 120 {
		r := g.add(t, g.a, store.Request{Type: "access", Status: "received", Source: "shopify",
			ReceivedAt: g.now.Add(-time.Duration(i) * time.Hour), DueAt: store.DayOf(2026, 11, 11).AddDays(i / 3),
			Subject: store.Subject{Email: fmt.Sprintf("p%d@example.com", i)}}, nil)
		want = append(want, r.ID) // due ascending, ties by id
	}
	var got []int64
	path, pages := "/app/requests", 0
	more := regexp.MustCompile(`<a rel="next" href="([^"]+)"`)
	for path != "" {
		body := g.page(t, "en", path, "HX-Request", "true", "HX-Target", "inbox-list")
		got = append(got, inboxIDs(body)...)
		pages++
		path = ""
		if m := more.FindStringSubmatch(body); m != nil {
			path = strings.ReplaceAll(m[1], "&amp;", "&")
			if !strings.Contains(body, `hx-get="`+m[1]+`" hx-target="#inbox-list" hx-swap="outerHTML" hx-push-url="true"`) {
				t.Errorf("the more link is not an htmx link: %s", m[0])
			}
		}
		if pages > 1 && !strings.Contains(body, ">Back to the first page</a>") {
			t.Errorf("page %d lacks the link to the first", pages)
		}
	}
	if pages != 3 || !slices.Equal(got, want) {
		t.Fatalf("%d pages, %d requests; want 3 pages in due order (%v…)", pages, len(got), got[:min(5, len(got))])
	}
	// Filters carry over to the next page.
	body := g.page(t, "en", "/app/requests?sort=-received&type=access")
	m := more.FindStringSubmatch(body)
	if m == nil || !strings.Contains(m[1], "sort=-received") || !strings.Contains(m[1], "type=access") || !strings.Contains(m[1], "cursor=") {
		t.Fatalf("more link %v", m)
	}
}

func TestPanelInboxHtmxPartial(t *testing.T) {
	f := newInboxFixture(t, store.SQLite)
	body := f.page(t, "en", "/app/requests?overdue=true", "HX-Request", "true", "HX-Target", "inbox-list")
	if !strings.HasPrefix(body, `<div class="card table-wrap" id="inbox-list">`) || !strings.HasSuffix(strings.TrimSpace(body), "</div>") {
		t.Fatalf("partial is not the list alone:\n%s", body)
	}
	for _, not := range []string{"<html", "<h1>", "Due in the coming weeks", "<form", "Median"} {
		if strings.Contains(body, not) {
			t.Errorf("partial contains %q", not)
		}
	}
	if got := inboxIDs(body); !slices.Equal(got, idsOf(f.r1)) {
		t.Errorf("partial lists %v", got)
	}
	// A boosted navigation gets the whole page.
	full := f.page(t, "en", "/app/requests", "HX-Request", "true", "HX-Target", "inbox-list", "HX-Boosted", "true")
	if !strings.Contains(full, "<html") {
		t.Error("boosted request got a partial")
	}
	// The filter form works with htmx and without.
	if !strings.Contains(full, `method="get" action="/app/requests"`) || !strings.Contains(full, `hx-get="/app/requests" hx-target="#inbox-list" hx-swap="outerHTML" hx-push-url="true"`) {
		t.Error("filter form")
	}
}

func TestPanelInboxNeedsSession(t *testing.T) {
	f := newInboxFixture(t, store.SQLite)
	if status, _, _ := f.do(t, nil, http.MethodGet, "/app/requests", nil, "Authorization", "Bearer forged"); status != http.StatusUnauthorized {
		t.Errorf("forged token: %d", status)
	}
	// Shop B sees its own request only.
	_, _, body := f.do(t, f.b, http.MethodGet, "/app/requests?status=all", nil)
	if got := inboxIDs(body); len(got) != 2 || slices.Contains(got, f.r1.ID) {
		t.Errorf("shop B lists %v", got)
	}
}
