package server

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/lethe-gdpr/lethe/app/fault"
)

// The demo's mailbox (/app/mail): the messages the in-process SMTP server
// caught, so the demo's e-mails to the merchant and the customer can be
// read without a mail account. Mounted only when PanelConfig.Mailbox is
// set (`lethe demo`); the mailbox belongs to the process, which serves one
// demo shop.

// mountMail adds GET /app/mail (the list) and /app/mail/:n (one message;
// /app/mail/:n.html its HTML part).
func (p *Panel) mountMail(g *echo.Group) {
	if p.cfg.Mailbox == nil {
		return
	}
	g.GET("/mail", p.mailList)
	g.GET("/mail/:n", p.mailShow)
}

// mailRow is one caught message in the list; N is its number in the order
// of arrival (1 is the first), which names it in its URL.
type mailRow struct {
	N                 int
	From, To, Subject string
	At                time.Time
}

// mailMessage is one message's page.
type mailMessage struct {
	mailRow
	Text    string
	HasHTML bool
}

// mailList serves the caught messages, newest first.
func (p *Panel) mailList(c echo.Context) error {
	ms := p.cfg.Mailbox.Messages()
	rows := make([]mailRow, 0, len(ms))
	for i := len(ms) - 1; i >= 0; i-- {
		rows = append(rows, toMailRow(i+1, ms[i]))
	}
	v := p.newView(c, "mail", "", rows)
	v.Title = v.L.T("mail.title")
	return p.render(c, http.StatusOK, "mail", v)
}

// mailShow serves one message: its text part on a panel page, or, as
// /app/mail/:n.html, its HTML part alone under a policy that lets it run
// nothing and load nothing (sandbox, no sources but inline styles).
func (p *Panel) mailShow(c echo.Context) error {
	raw := c.Param("n")
	asHTML := strings.HasSuffix(raw, ".html")
	n, err := strconv.Atoi(strings.TrimSuffix(raw, ".html"))
	ms := p.cfg.Mailbox.Messages()
	if err != nil || n < 1 || n > len(ms) {
		return fault.NotFound("no such message")
	}
	m := ms[n-1]
	if asHTML {
		if m.HTML == "" {
			return fault.NotFound("this message has no HTML part")
		}
		h := c.Response().Header()
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set(echo.HeaderCacheControl, "no-store")
		return c.HTMLBlob(http.StatusOK, []byte(m.HTML))
	}
	d := mailMessage{mailRow: toMailRow(n, m), Text: m.Text, HasHTML: m.HTML != ""}
	v := p.newView(c, "mail", m.Subject, d)
	if v.Title == "" {
		v.Title = v.L.T("mail.nosubject")
	}
	return p.render(c, http.StatusOK, "mail_message", v)
}

func toMailRow(n int, m CaughtMail) mailRow {
	return mailRow{N: n, From: m.From, To: m.To, Subject: m.Subject, At: m.At}
}
