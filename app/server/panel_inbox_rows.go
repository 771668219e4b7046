package server

import (
	"strconv"
	"strings"
	"time"

	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
)

// soonDays: an open request due within this many days stands out.
const soonDays = 7

// inboxRow is one request as the inbox lists it. The subject is masked
// here already: the full address is shown only on the request's page.
type inboxRow struct {
	ID      int64
	Type    string
	Status  string
	Source  string // shopify, woocommerce, manual, form
	Channel string // manual: e-mail, letter, phone …
	// ByPlatform: a platform's own request (its initiator, recorded at
	// intake), which arrived by the platform, not by a channel.
	ByPlatform bool
	Subject    string // masked (maskSubject)
	Received   store.Day
	Due        store.Day // the effective due date; the platform's limit while the receipt is unknown
	Extended   bool
	// ReceiptUnknown: a platform passed the request on late and the day
	// the person asked is not recorded yet: received and due are unknown,
	// Due is the platform's limit (the list sorts by it).
	ReceiptUnknown bool
	Open           bool
	DaysLeft       int // open only: 0 on the due date, negative when overdue
	Overdue        bool
	Soon           bool // open, due within soonDays, not overdue
	// Wait: what an open request waits for (store.Request.WaitReason:
	// a system to be connected again), said under its status.
	Wait string
}

func newInboxRow(r *store.Request, now time.Time, loc *time.Location) inboxRow {
	row := inboxRow{ID: r.ID, Type: r.Type, Status: r.Status, Source: r.Source, Channel: r.Channel, ByPlatform: r.Initiator != "",
		Subject: maskSubject(subjectLine(r.Subject)), Received: store.ShopToday(r.ReceivedAt, loc),
		Due: store.EffectiveDue(r), Extended: r.ExtendedAt != nil, Open: r.IsOpen(), ReceiptUnknown: !r.ReceiptKnown()}
	if row.Open {
		row.Wait = r.WaitReason
		row.DaysLeft = store.DaysLeft(r, now, loc)
		row.Overdue = row.DaysLeft < 0
		row.Soon = !row.Overdue && row.DaysLeft <= soonDays
	}
	return row
}

// subjectLine is what names the person in a list: the e-mail address,
// else the name, else the platform's customer id.
func subjectLine(s store.Subject) string {
	switch {
	case s.Email != "":
		return s.Email
	case s.Name != "":
		return s.Name
	}
	return s.CustomerID
}

// Class is the row's class: overdue or soon (the row also says it in words).
func (r inboxRow) Class() string {
	switch {
	case r.Overdue:
		return "overdue"
	case r.Soon:
		return "soon"
	}
	return ""
}

// Left writes the days left in l: "noch 3 Tage", "heute fällig", or how
// long overdue after the row's mark "Überfällig:": "seit 2 Tagen"; a dash
// once the request is closed.
func (r inboxRow) Left(l lang) string {
	switch {
	case !r.Open:
		return "–"
	case r.DaysLeft == 0:
		return l.T("inbox.left.today")
	case r.DaysLeft == 1:
		return l.T("inbox.left.one")
	case r.DaysLeft > 1:
		return l.T("inbox.left.n", r.DaysLeft)
	case r.DaysLeft == -1:
		return l.T("inbox.late.one")
	}
	return l.T("inbox.late.n", -r.DaysLeft)
}

// SourceText names where the request came from: the platform's webhook,
// the form, or manual entry with the way it arrived ("Manuell · Brief").
func (r inboxRow) SourceText(l lang) string {
	s := l.T("inbox.source." + r.Source)
	if _, ok := catalog["inbox.source."+r.Source]; !ok {
		s = r.Source
	}
	// How a request entered by hand arrived; a platform's own request
	// (recorded at intake as its initiator) arrived by the platform.
	if r.Channel != "" && !r.ByPlatform {
		s += " · " + l.T("inbox.channel."+r.Channel)
	}
	return s
}

// chartBar is one bar of the inbox's chart: the overdue requests, or the
// open ones due in one week.
type chartBar struct {
	Overdue  bool
	From, To store.Day
	N        int64
	Step     int // the bar's height in tenths of the highest (class h0 … h10)
}

// newChart is the chart: overdue first, then the weeks.
func newChart(overdue int64, weeks []requests.DueWeek) []chartBar {
	bars := []chartBar{{Overdue: true, N: overdue}}
	for _, w := range weeks {
		bars = append(bars, chartBar{From: w.From, To: w.To, N: w.N})
	}
	var top int64
	for _, b := range bars {
		top = max(top, b.N)
	}
	for i := range bars {
		if top > 0 && bars[i].N > 0 {
			bars[i].Step = int(max(1, (bars[i].N*10+top-1)/top))
		}
	}
	return bars
}

// medianText writes the median days to answer: "4 Tage", "4,5 days"; a
// dash when no request is answered yet.
func medianText(l lang, m *float64) string {
	if m == nil {
		return l.T("inbox.median.none")
	}
	s := strconv.FormatFloat(*m, 'f', -1, 64)
	if l.DE() {
		s = strings.Replace(s, ".", ",", 1)
	}
	if *m == 1 {
		return l.T("inbox.median.one")
	}
	return l.T("inbox.median.n", s)
}
