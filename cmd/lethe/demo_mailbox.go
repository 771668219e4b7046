package main

import (
	"strings"

	"github.com/lethe-gdpr/lethe/app/mail/mailtest"
	"github.com/lethe-gdpr/lethe/app/server"
)

// demoMailbox shows the demo's in-process SMTP server in the panel.
type demoMailbox struct{ smtp *mailtest.Server }

// Messages are the caught messages, oldest first.
func (m demoMailbox) Messages() []server.CaughtMail {
	ms := m.smtp.Messages()
	out := make([]server.CaughtMail, len(ms))
	for i, msg := range ms {
		to := msg.To
		if len(to) == 0 {
			to = msg.EnvelopeTo
		}
		out[i] = server.CaughtMail{From: msg.From, To: strings.Join(to, ", "), Subject: msg.Subject, Text: msg.Text, HTML: msg.HTML,
			At: msg.Received}
	}
	return out
}
