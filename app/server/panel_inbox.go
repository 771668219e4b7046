package server

import (
	"net/http"
	"net/url"
	"slices"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
)

// inboxPage is how many requests one page of the inbox shows.
const inboxPage = 50

// chartWeeks is how many weeks the inbox's chart looks ahead.
const chartWeeks = 6

// mountInbox adds the inbox: GET /app and /app/requests.
func (p *Panel) mountInbox(g *echo.Group) {
	g.GET("", p.inbox)
	g.GET("/", p.inbox)
	g.GET("/requests", p.inbox)
}

// inboxData is the inbox page's data.
type inboxData struct {
	Form     inboxForm
	Counts   requests.Counts
	Median   string // the median days to answer, written out
	Chart    []chartBar
	Rows     []inboxRow
	MoreURL  string // the next page; empty on the last
	FirstURL string // the first page, when this is a later one
	Filtered bool   // a filter narrows the list
}

// inbox serves the inbox: the counts, the chart of the coming weeks' due
// dates, the filters and one page of the shop's requests, most urgent
// first. An htmx request for the list alone (HX-Target: inbox-list, the
// filter form and the paging links) gets only the list, without the
// figures' queries.
func (p *Panel) inbox(c echo.Context) error {
	sess := session(c)
	ctx := c.Request().Context()
	now := p.api.clock()
	form := inboxFormOf(c.QueryParams())
	f, err := requestFilterOf(form.filterQuery(), sess.Shop, now)
	if err != nil {
		return err
	}
	if form.Status == "" {
		open := true
		f.Open = &open
	}
	f.Limit = inboxPage + 1
	rs, err := p.api.st.ListRequests(ctx, sess.Shop.ID, f)
	if err != nil {
		return err
	}
	d := inboxData{Form: form, Filtered: form.filtered()}
	if len(rs) > inboxPage {
		rs = rs[:inboxPage]
		d.MoreURL = form.url(store.CursorAfter(&rs[len(rs)-1], f.Sort).Encode())
	}
	if form.Cursor != "" {
		d.FirstURL = form.url("")
	}
	loc := sess.Shop.Location()
	for i := range rs {
		d.Rows = append(d.Rows, newInboxRow(&rs[i], now, loc))
	}
	v := p.newView(c, "inbox", "", &d)
	v.Title = v.L.T("inbox.title")
	if !listOnly(c) {
		if d.Counts, err = requests.CountRequests(ctx, p.api.st, sess.Shop, now); err != nil {
			return err
		}
		weeks, err := requests.DueWeeks(ctx, p.api.st, sess.Shop, now, chartWeeks)
		if err != nil {
			return err
		}
		d.Chart = newChart(d.Counts.Overdue, weeks)
		d.Median = medianText(v.L, d.Counts.MedianDaysToAnswer)
	}
	return p.render(c, http.StatusOK, "inbox", v)
}

// listOnly reports whether the request is htmx's for the list alone.
func listOnly(c echo.Context) bool {
	h := c.Request().Header
	return h.Get("HX-Request") == "true" && h.Get("HX-Target") == "inbox-list" && h.Get("HX-Boosted") != "true"
}

// inboxForm is the inbox's query: its filters, order and page.
type inboxForm struct {
	Status  string // "": every open request; "all": every request; else one status
	Type    string
	Source  string
	Overdue bool
	Sort    string // store.SortDueAsc (the default) or store.SortReceivedDesc
	Cursor  string
}

// inboxSources are the sources the filter offers.
var inboxSources = []string{"shopify", "woocommerce", "manual", "form"}

func inboxFormOf(q url.Values) inboxForm {
	f := inboxForm{Status: q.Get("status"), Type: q.Get("type"), Source: q.Get("source"),
		Overdue: q.Get("overdue") == "true", Sort: q.Get("sort"), Cursor: q.Get("cursor")}
	if f.Sort != store.SortReceivedDesc {
		f.Sort = store.SortDueAsc
	}
	if !slices.Contains(inboxSources, f.Source) {
		f.Source = "" // an unknown source matches nothing: show all rather than an empty list
	}
	return f
}

// filterQuery is the query requestFilter reads for this form.
func (f inboxForm) filterQuery() url.Values {
	q := url.Values{"sort": {f.Sort}}
	for k, v := range map[string]string{"type": f.Type, "source": f.Source, "cursor": f.Cursor} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if f.Status != "" && f.Status != "all" {
		q.Set("status", f.Status)
	}
	if f.Overdue {
		q.Set("overdue", "true")
	}
	return q
}

// url is the inbox's address with this form's filters and the cursor.
func (f inboxForm) url(cursor string) string {
	q := url.Values{}
	for k, v := range map[string]string{"status": f.Status, "type": f.Type, "source": f.Source, "cursor": cursor} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if f.Overdue {
		q.Set("overdue", "true")
	}
	if f.Sort != store.SortDueAsc {
		q.Set("sort", f.Sort)
	}
	if len(q) == 0 {
		return "/app/requests"
	}
	return "/app/requests?" + q.Encode()
}

func (f inboxForm) filtered() bool {
	return len(f.Status+f.Type+f.Source) > 0 || f.Overdue
}

// Statuses are the statuses the filter offers.
func (inboxForm) Statuses() []string { return requestStatuses }

// Types are the request types the filter offers.
func (inboxForm) Types() []string { return requestTypes }

// Sources are the sources the filter offers.
func (inboxForm) Sources() []string { return inboxSources }
