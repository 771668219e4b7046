package server

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
	"github.com/lethe-gdpr/lethe/app/tenant"
)

// The request page, GET /app/requests/:id: the header (type, status,
// source, received, due, days left, the person), the timeline from the
// audit trail, discovery's progress while it runs, the data found, the
// erasure plan, the e-mails and the actions. The parts live in
// panel_request_*.go; another shop's request is 404.

// mountRequest adds the request page and its forms.
func (p *Panel) mountRequest(g *echo.Group) {
	g.GET("/requests/:id", p.requestPage)
	g.GET("/requests/:id/progress", p.requestProgress)
	g.POST("/requests/:id/approve", p.requestApprove)
	g.POST("/requests/:id/verify", p.requestVerify)
	g.POST("/requests/:id/extend", p.requestExtend)
	g.POST("/requests/:id/receipt", p.requestReceipt)
	g.POST("/requests/:id/refuse", p.requestRefuse)
	g.POST("/requests/:id/close", p.requestClose)
	g.POST("/requests/:id/resend", p.requestResend)
	g.POST("/requests/:id/retry", p.requestRetry)
	g.POST("/requests/:id/erase-overdue", p.requestEraseOverdue)
	g.POST("/requests/:id/emails/:email_id", p.requestEmailEdit)
	g.POST("/requests/:id/emails/:email_id/send", p.requestEmailSend)
	g.GET("/requests/:id/emails/:email_id/preview", p.requestEmailPreview, answerHeaders)
	g.GET("/requests/:id/report.json", p.api.reportJSON, answerHeaders)
	g.GET("/requests/:id/report.html", p.api.reportHTML, answerHeaders)
	g.GET("/requests/:id/report.zip", p.api.reportZip, answerHeaders)
}

// requestData is the request page's data.
type requestData struct {
	R        requestJSON
	Req      *store.Request
	Loc      *time.Location
	Due      time.Time // the effective due date
	Person   store.Subject
	Timeline []timelineEntry
	Progress progressView
	Found    []dataGroup
	Overdue  *overdueView // an access request's records overdue for deletion
	Plan     *planView
	Emails   []emailView
	Report   bool // the answer package exists
	Can      requestCan
	Form     formState // the form that failed, with its error and input
	Done     string    // the action that just succeeded (?done=)
	// ReceiptMin, ReceiptMax: the days the receipt form accepts
	// (requests.ReceiptRange), YYYY-MM-DD.
	ReceiptMin, ReceiptMax string
	names                  recordNames // the orders' names (panel_request_ids.go)
}

// requestCan says which actions the request's state allows.
type requestCan struct {
	Approve, Verify, Extend, Refuse, Retry bool
	// Close: a request held in identity_unverified can be closed here
	// (the request came from someone else); the API closes any.
	Close bool
	// Resend: the access answer was sent; it can go again with a new link.
	Resend  bool
	Receipt bool // the day of receipt can be recorded (a platform's delayed webhook)
}

// formState is the input and error of the form that failed, shown next to
// it in the page's language.
type formState struct {
	Action, Error, Reason, Ground string
	EmailID                       int64
	Subject, Body                 string
	Orphan                        bool // the form is not on the page any more: the error is shown on top
}

// requestPage serves GET /app/requests/:id.
func (p *Panel) requestPage(c echo.Context) error {
	d, err := p.loadRequest(c)
	if err != nil {
		return err
	}
	switch done := c.QueryParam("done"); done {
	case "approve", "verify", "extend", "refuse", "retry", "edit", "send", "close", "resend", "receipt":
		d.Done = done
	}
	return p.renderRequest(c, http.StatusOK, d)
}

// renderRequest writes the request page with d.
func (p *Panel) renderRequest(c echo.Context, status int, d *requestData) error {
	v := p.newView(c, "inbox", "", d)
	v.Title = v.L.T("reqpage.title", v.L.T("type."+d.Req.Type), d.Req.ID)
	return p.render(c, status, "request", v)
}

// panelRequestID is the path's request id; anything else is 404, as
// another shop's id is.
func panelRequestID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, fault.NotFound("no such request")
	}
	return id, nil
}

// loadRequest reads everything the page shows of the session shop's
// request :id.
func (p *Panel) loadRequest(c echo.Context) (*requestData, error) {
	sess := session(c)
	id, err := panelRequestID(c)
	if err != nil {
		return nil, err
	}
	ctx := c.Request().Context()
	r, err := p.api.st.Request(ctx, sess.Shop.ID, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, fault.NotFound("no such request")
	}
	if err != nil {
		return nil, err
	}
	l := panelLang(c, sess.Shop.Locale)
	if v, _ := c.Get(viewKey).(*view); v != nil && v.L != "" {
		l = v.L
	}
	return p.requestData(ctx, sess, r, l)
}

func (p *Panel) requestData(ctx context.Context, sess tenant.Session, r *store.Request, l lang) (*requestData, error) {
	sh := sess.Shop
	d := &requestData{R: p.api.toRequestJSON(sh, r), Req: r, Loc: sh.Location(), Due: r.EffectiveDueAt().Time, Person: r.Subject}
	var err error
	if d.Timeline, err = p.timeline(ctx, sh, r, l); err != nil {
		return nil, err
	}
	if d.Progress, err = p.progress(ctx, sh, r); err != nil {
		return nil, err
	}
	f, hasReport, err := p.foundOf(ctx, sh, r, l)
	if err != nil {
		return nil, err
	}
	d.Report, d.Found, d.names = hasReport, f.Groups, f.Names
	if d.Overdue, err = p.withErasure(ctx, sh, r, f.Overdue); err != nil {
		return nil, err
	}
	if d.Plan, err = p.plan(ctx, sh, r, l); err != nil {
		return nil, err
	}
	labelPlan(d.Plan, d.names)
	if d.Emails, err = p.emails(ctx, sh, r); err != nil {
		return nil, err
	}
	d.Can = requestCan{
		Approve: r.Status == store.StatusAwaitingReview && d.Plan != nil && !d.Plan.Approved,
		Verify:  r.IdentityVerifiedAt == nil && r.IsOpen(),
		Extend:  r.IsOpen() && requests.Extendable(sh, r, p.api.clock()) && !requests.ShopInitiated(r), // no person to tell of an erasure the shop started
		Receipt: r.Receipt != "",
		Refuse:  requests.CanMove(r.Status, store.StatusRefused) && !requests.ShopInitiated(r),
		Retry:   r.Status == store.StatusFailed,
		Close:   r.Status == store.StatusIdentityUnverified,
	}
	for _, e := range d.Emails {
		d.Can.Resend = d.Can.Resend || e.Kind == "access_answer" && e.Status == store.EmailSent && r.Type == store.TypeAccess && !requests.Ended(r.Status)
	}
	return d, nil
}

// DaysNote is the days left, or how long overdue, in l ("" once the
// request is closed).
func (d *requestData) DaysNote(l lang) string {
	if d.R.DaysLeft == nil {
		return ""
	}
	if !d.Req.ReceiptKnown() { // counted to the platform's limit
		return l.T("receipt.platform_left", *d.R.DaysLeft)
	}
	switch n := *d.R.DaysLeft; {
	case n == 0:
		return l.T("reqpage.h.today")
	case n == 1:
		return l.T("reqpage.h.left1")
	case n > 1:
		return l.T("reqpage.h.left", n)
	case n == -1:
		return l.T("reqpage.h.overdue1")
	default:
		return l.T("reqpage.h.overdue", -n)
	}
}

// Mismatch lists the request's fields that belong to another person than
// its e-mail address (identity_unverified), nil otherwise.
func (d *requestData) Mismatch() []string {
	if d.Req.Status != store.StatusIdentityUnverified {
		return nil
	}
	return d.R.IdentityMismatch
}

// OverdueDays is how many days an open request is past its effective due
// date (0 when it is not): the page then says so where the extension
// would be, and offers none.
func (d *requestData) OverdueDays() int {
	if d.R.DaysLeft == nil || *d.R.DaysLeft >= 0 {
		return 0
	}
	return -*d.R.DaysLeft
}

// OverdueText says since when and by how many days the request is overdue.
func (d *requestData) OverdueText(l lang) string {
	switch n := d.OverdueDays(); n {
	case 0:
		return ""
	case 1:
		return l.T("reqpage.overdue.text1", dateIn(l, d.Due))
	default:
		return l.T("reqpage.overdue.text", dateIn(l, d.Due), n)
	}
}

// PlatformDue is the platform's own deadline (zero when it set none).
func (d *requestData) PlatformDue() time.Time {
	if d.Req.PlatformDueAt == nil {
		return time.Time{}
	}
	return d.Req.PlatformDueAt.Time
}

// Waiting says in l what the open request waits for (a system to be
// connected again), "" when it waits for nothing.
func (d *requestData) Waiting(l lang) string {
	if !d.Req.IsOpen() {
		return ""
	}
	return waitText(l, d.Req.WaitReason)
}

// SetupMissing lists the setup fields a request in needs_setup waits for.
func (d *requestData) SetupMissing() []string { return d.R.SetupMissing }

// FormError is the error of the form name, "" when it did not fail.
func (d *requestData) FormError(name string) string {
	if d.Form.Action == name {
		return d.Form.Error
	}
	return ""
}

// EmailError is the error of the e-mail form (edit or send) of id.
func (d *requestData) EmailError(id int64) string {
	if d.Form.EmailID == id && (d.Form.Action == "edit" || d.Form.Action == "send") {
		return d.Form.Error
	}
	return ""
}
