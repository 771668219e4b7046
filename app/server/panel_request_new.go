package server

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/store"
)

// mountRequestNew adds the form for a request received by e-mail, letter,
// phone …: GET /app/requests/new and POST /app/requests, the manual intake
// of POST /api/requests (API.enter) as a form.
func (p *Panel) mountRequestNew(g *echo.Group) {
	g.GET("/requests/new", p.requestNew)
	g.POST("/requests", p.requestCreate)
}

// newRequestData is the form's data: what was entered, and why each bad
// field is bad (its panel text key).
type newRequestData struct {
	In       intakeBody
	Orders   string // the order ids as typed
	Errors   map[string]string
	Today    string // the shop's today, YYYY-MM-DD: the default and the latest date received
	YearAgo  string // the earliest date received
	Channels []string
	Types    []string
}

// Err is the panel text key of field's problem, empty when it has none.
func (d *newRequestData) Err(field string) string { return d.Errors[field] }

// requestNew serves the empty form: an access request received today by
// e-mail, answered in the shop's language.
func (p *Panel) requestNew(c echo.Context) error {
	sess := session(c)
	in := intakeBody{Type: store.TypeAccess, Channel: "e-mail", Locale: "de"}
	if l := strings.ToLower(sess.Shop.Locale); l != "" && !strings.HasPrefix(l, "de") {
		in.Locale = "en"
	}
	return p.renderRequestNew(c, http.StatusOK, in, "", nil)
}

// requestCreate serves POST /app/requests: a valid form creates the
// request and goes to its page (303); a bad one is shown again with what
// was typed and a message beside each bad field (422).
func (p *Panel) requestCreate(c echo.Context) error {
	sess := session(c)
	orders := c.FormValue("order_ids")
	in := intakeBody{
		Type: c.FormValue("type"), Email: c.FormValue("email"), Name: c.FormValue("name"), Phone: c.FormValue("phone"),
		CustomerID: c.FormValue("customer_id"), OrderIDs: splitOrderIDs(orders), Channel: c.FormValue("channel"),
		Locale: c.FormValue("locale"), ReceivedAt: c.FormValue("received_at"), Note: c.FormValue("note"),
	}
	now := p.api.clock()
	if in.ReceivedAt = strings.TrimSpace(in.ReceivedAt); in.ReceivedAt == "" {
		in.ReceivedAt = store.ShopToday(now, sess.Shop.Location()).String()
	} else if d, err := time.Parse("2.1.2006", in.ReceivedAt); err == nil {
		in.ReceivedAt = d.Format(time.DateOnly) // typed the German way where the browser has no date field
	}
	n, problems := in.check(sess.Shop, now)
	if in.Locale != "de" && in.Locale != "en" {
		problems = append(problems, intakeProblem{Field: "locale", Key: "locale"})
	}
	if len(problems) > 0 {
		errs := map[string]string{}
		for _, pr := range problems {
			key := pr.Key
			if key == "" {
				key = pr.Field
			}
			if _, seen := errs[pr.Field]; !seen {
				errs[pr.Field] = "new.err." + key
			}
		}
		return p.renderRequestNew(c, http.StatusUnprocessableEntity, in, orders, errs)
	}
	r, err := p.api.enter(c.Request().Context(), sess, n)
	if err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, "/app/requests/"+strconv.FormatInt(r.ID, 10))
}

func (p *Panel) renderRequestNew(c echo.Context, status int, in intakeBody, orders string, errs map[string]string) error {
	sess := session(c)
	today := store.ShopToday(p.api.clock(), sess.Shop.Location())
	if in.ReceivedAt == "" {
		in.ReceivedAt = today.String()
	}
	if orders == "" {
		orders = strings.Join(in.OrderIDs, ", ")
	}
	d := &newRequestData{In: in, Orders: orders, Errors: errs, Today: today.String(),
		YearAgo: today.Time.AddDate(-1, 0, 0).Format(time.DateOnly), Channels: channelList, Types: requestTypes}
	v := p.newView(c, "new", "", d)
	v.Title = v.L.T("new.title")
	return p.render(c, status, "request_new", v)
}

// splitOrderIDs reads order ids separated by commas, semicolons or spaces.
func splitOrderIDs(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' || r == '\r' || r == '\t' })
}
