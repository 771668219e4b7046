package server

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/requests"
	"github.com/lethe-gdpr/lethe/app/store"
)

// mountInbox adds the inbox: GET /app and /app/requests.
func (p *Panel) mountInbox(g *echo.Group) {
	g.GET("", p.inbox)
	g.GET("/", p.inbox)
	g.GET("/requests", p.inbox)
}

// inboxData is the inbox page's data.
type inboxData struct {
	Counts   requests.Counts
	Requests []requestJSON
}

// inbox serves the inbox: the counts and the shop's requests, most urgent
// first.
func (p *Panel) inbox(c echo.Context) error {
	sess := session(c)
	ctx := c.Request().Context()
	now := p.api.clock()
	counts, err := requests.CountRequests(ctx, p.api.st, sess.Shop, now)
	if err != nil {
		return err
	}
	f, err := requestFilter(c, sess.Shop, now)
	if err != nil {
		return err
	}
	if c.QueryParam("sort") == "" {
		f.Sort = "due"
	}
	rs, err := p.api.st.ListRequests(ctx, sess.Shop.ID, f)
	if err != nil {
		return err
	}
	d := inboxData{Counts: counts}
	for i := range rs {
		d.Requests = append(d.Requests, p.api.toRequestJSON(sess.Shop, &rs[i]))
	}
	v := p.newView(c, "inbox", "", d)
	v.Title = v.L.T("inbox.title")
	return p.render(c, http.StatusOK, "inbox", v)
}

var _ = store.ErrNotFound
