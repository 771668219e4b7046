package server

import (
	"bytes"
	"context"
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
	"github.com/lethe-gdpr/lethe/app/store"
)

// Discovery's progress on the request page: systems asked of how many,
// orders read of how many, polled every two seconds (htmx) while
// discovery runs; the fragment comes back without its trigger once it is
// done, so the polling stops.

// progressView is the progress fragment's data.
type progressView struct {
	RequestID    int64
	Running      bool // discovery has not finished: the fragment polls
	Started      bool // a run has begun (else: waiting for its turn)
	SystemsDone  int
	SystemsTotal int
	System       string // the system asked now, named for the merchant
	OrdersRead   int
	OrdersTotal  int // 0: not known
	Finished     bool
	Polled       bool // the fragment answers its own polling: it offers a reload once done
	// Limits are what the systems could not search (each in German and
	// English, as the connector wrote it).
	Limits []store.DiscoveryLimit
	// Wait: discovery waits (the request's wait reason: a system to be
	// connected again); the fragment does not poll meanwhile.
	Wait string
}

// progress is the request's discovery progress. Discovery runs while the
// request is received or processing and its run has not finished.
func (p *Panel) progress(ctx context.Context, sh *store.Shop, r *store.Request) (progressView, error) {
	v := progressView{RequestID: r.ID}
	dp, err := p.api.st.DiscoveryProgressOf(ctx, sh.ID, r.ID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		dp = nil
	case err != nil:
		return v, err
	}
	early := r.Status == store.StatusReceived || r.Status == store.StatusProcessing
	if dp == nil {
		v.Running = r.Status == store.StatusReceived
		return v, nil
	}
	v.Started, v.Finished = true, dp.FinishedAt != nil
	v.Running = early && !v.Finished
	if v.Running && r.WaitReason != "" {
		v.Running, v.Wait = false, r.WaitReason
	}
	v.SystemsDone, v.SystemsTotal, v.System = dp.SystemsDone, dp.SystemsTotal, dp.System
	v.OrdersRead, v.OrdersTotal = dp.OrdersRead, dp.OrdersTotal
	if v.Finished {
		v.Limits = dp.LimitList()
	}
	return v, nil
}

// requestProgress serves GET /app/requests/:id/progress, the fragment
// alone.
func (p *Panel) requestProgress(c echo.Context) error {
	sess := session(c)
	id, err := panelRequestID(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	r, err := p.api.st.Request(ctx, sess.Shop.ID, id)
	if errors.Is(err, store.ErrNotFound) {
		return fault.NotFound("no such request")
	}
	if err != nil {
		return err
	}
	pv, err := p.progress(ctx, sess.Shop, r)
	if err != nil {
		return err
	}
	pv.Polled = true
	return p.renderPart(c, "request", "request-progress", p.newView(c, "inbox", "", &requestData{Req: r, Progress: pv}))
}

// renderPart writes one named template of page with v, without the frame.
func (p *Panel) renderPart(c echo.Context, page, name string, v *view) error {
	var b bytes.Buffer
	if err := p.pages[page].ExecuteTemplate(&b, name, v); err != nil {
		return err
	}
	p.headers(c, v)
	return c.HTMLBlob(http.StatusOK, b.Bytes())
}
